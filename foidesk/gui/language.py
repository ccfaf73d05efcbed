"""The window's language: the user's choice or the system's, set once before it speaks.

One catalogue (gettext, ``foidesk.core.i18n``) translates foidesk's own words; Qt's
own words (the standard "OK" and "Cancel", file dialogs, a line edit's context menu)
come from the ``qtbase`` catalogue Qt ships, and ``QLocale.setDefault`` makes Qt's
widgets (the calendar, date edits) and the dates the window formats itself follow the
same language. A choice made in Preferences is kept in the profile's window settings
and applied at the next start: a window already built keeps the words it was built
with, so changing language while it runs would leave it half translated.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from foidesk.core import i18n
from foidesk.core.i18n import N_, _
from foidesk.core.profile import WINDOW_SETTINGS_FILE

#: The window setting that holds the choice: ``system`` or a language tag.
SETTING = "appearance/language"
SYSTEM = "system"
#: Each language named in itself, so whoever reads the list finds their own.
NATIVE_NAMES = {"en": "English", "de": "Deutsch"}
SYSTEM_LABEL = N_("System default")

_qt_translators: list[QTranslator] = []


def choices() -> list[tuple[str, str]]:
    """(value, label) for the Preferences combobox: the system's, then each language."""
    languages = [(tag, native_name(tag)) for tag in i18n.available_languages()]
    return [(SYSTEM, _(SYSTEM_LABEL)), *languages]


def native_name(tag: str) -> str:
    return NATIVE_NAMES.get(tag) or QLocale(tag).nativeLanguageName() or tag


def saved_choice(data_dir: Path) -> str:
    """The choice kept in the profile's window settings (``system`` if none or unknown)."""
    settings = QSettings(str(data_dir / WINDOW_SETTINGS_FILE), QSettings.Format.IniFormat)
    value = str(settings.value(SETTING, SYSTEM))
    return value if value in i18n.available_languages() else SYSTEM


def system_language(
    environ: Mapping[str, str] | None = None, ui_languages: Sequence[str] | None = None
) -> str:
    """The language the system asks for: the environment as gettext reads it when it
    says anything (Linux and other Unix desktops), else the system's UI languages."""
    environ = os.environ if environ is None else environ
    if any(environ.get(name) for name in i18n.ENVIRONMENT_VARIABLES):
        return i18n.language_from_environment(environ)
    wanted = QLocale.system().uiLanguages() if ui_languages is None else ui_languages
    return i18n.best_match(list(wanted))


def apply_language(choice: str) -> str:
    """Speak ``choice`` (``system`` or a tag) from now on: foidesk's words, Qt's words and
    the locale of dates and numbers; returns the language chosen."""
    wanted = system_language() if choice == SYSTEM else choice
    chosen = i18n.set_language(wanted)
    QLocale.setDefault(_locale_for(chosen))
    _install_qt_translation(chosen)
    return chosen


def apply_saved_language(data_dir: Path) -> str:
    """At start, before the first window: the profile's choice, or the system's."""
    return apply_language(saved_choice(data_dir))


def _locale_for(language: str) -> QLocale:
    """The system's own locale when it speaks ``language`` (so a British user keeps
    British dates), else the language's default one."""
    system = QLocale.system()
    if QLocale.languageToCode(system.language()) == language:
        return system
    return QLocale(language)


def _install_qt_translation(language: str) -> None:
    """Qt's own catalogue for ``language``, replacing any installed before; none for
    the source language, whose words Qt already speaks."""
    app = QCoreApplication.instance()
    if app is None:
        return
    while _qt_translators:
        QCoreApplication.removeTranslator(_qt_translators.pop())
    if language == i18n.SOURCE_LANGUAGE:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{language}", folder):
        QCoreApplication.installTranslator(translator)
        _qt_translators.append(translator)


def qt_translation_installed() -> bool:
    """Whether Qt's own words are translated now (the ``qtbase`` catalogue was found)."""
    return bool(_qt_translators)
