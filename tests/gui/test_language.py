"""The window in German: chosen at start as the app chooses it, and English otherwise."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.profile import Profile
from foidesk.gui import language
from foidesk.gui.main_window import CALENDAR_TAB, MainWindow
from foidesk.gui.request_dialog import RequestDialog
from foidesk.gui.startup import Launcher
from foidesk.gui.window_state import WindowState

Settle = Callable[[], None]
TODAY = date(2024, 4, 10)


@pytest.fixture
def speak() -> Iterator[Callable[[str], str]]:
    """Choose a language as a start-up does; afterwards English again, Qt's words too."""
    yield language.apply_language
    language.apply_language("en")


def save_choice(profile: Profile, choice: str) -> None:
    WindowState(profile.data_dir).set_value(language.SETTING, choice)


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def open_window(qtbot: QtBot, desk: Desk) -> MainWindow:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.worker.busy and not window.files.active, timeout=10_000)
    return window


def request_dialog(desk: Desk) -> RequestDialog:
    return RequestDialog(desk.list_authorities(), Desk.regimes(), TODAY)


def button_texts(dialog: RequestDialog) -> set[str]:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    return {button.text() for button in box.buttons()}


def test_the_saved_choice_makes_the_window_german(
    qtbot: QtBot, profile: Profile, speak: Callable[[str], str]
) -> None:
    save_choice(profile, "de")
    assert language.apply_saved_language(profile.data_dir) == "de"
    with Desk.open(profile, today=lambda: TODAY) as desk:
        desk.load_sample()
        window = open_window(qtbot, desk)
        assert menu_titles(window) == [
            "&Datei",
            "&Bearbeiten",
            "&Anfrage",
            "E-&Mail",
            "A&nsicht",
            "&Hilfe",
        ]
        assert [window.tabs.tabText(n) for n in range(2)] == ["Anfragen", "Kalender"]
        headers = [window.model.headerData(n, Qt.Orientation.Horizontal) for n in range(5)]
        assert headers == ["Titel", "Nächste Frist", "Status", "Behörde", "Letzte Aktivität"]
        assert window.count_label.text() == "1 Anfrage"
        thread = window.thread_pane.view.toPlainText()
        assert "Erhalten" in thread and "6 Anhänge" in thread and "Speichern unter…" in thread
        assert window.list_pane.filters.text.placeholderText().startswith("Nach Titel")
        window.close()


def test_the_request_dialog_in_german_uses_qt_s_own_words_too(
    qtbot: QtBot, desk: Desk, speak: Callable[[str], str]
) -> None:
    speak("de")
    dialog = request_dialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Neue Anfrage"
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Titel:", "&Behörde:", "&Gesetz:", "Gesendet &am:"} <= labels
    assert dialog.draft.text() == "Noch nicht gesendet (Entwurf)"
    assert dialog.sent.text() == "Mi., 10. Apr. 2024"
    assert language.qt_translation_installed()
    assert "Abbrechen" in button_texts(dialog)
    dialog.accept()
    assert dialog.error.text() == "Bitte geben Sie einen Titel und eine Behörde an."


def test_the_calendar_names_months_and_days_in_german(
    qtbot: QtBot, desk: Desk, speak: Callable[[str], str]
) -> None:
    speak("de")
    desk.load_sample()
    window = open_window(qtbot, desk)
    with qtbot.waitSignal(window.calendar.loaded, timeout=10_000):
        window.tabs.setCurrentIndex(CALENDAR_TAB)
    calendar = window.calendar
    assert calendar.list_title.text().startswith("Überfällig und anstehend (")
    assert calendar.show_all.text() == "Anstehend und überfällig"
    assert calendar.calendar.locale().language() == QLocale.Language.German
    calendar.calendar.setCurrentPage(2024, 3)
    assert calendar.month_title() == "März 2024"
    with qtbot.waitSignal(calendar.loaded, timeout=10_000):
        calendar.show_day(date(2024, 4, 23))
    assert calendar.list_title.text().startswith("Di., 23. Apr. 2024: ")
    window.close()


def test_english_is_unchanged_without_a_choice(qtbot: QtBot, desk: Desk) -> None:
    desk.load_sample()
    window = open_window(qtbot, desk)
    assert menu_titles(window) == ["&File", "&Edit", "&Request", "&Mail", "&View", "&Help"]
    assert window.count_label.text() == "1 request"
    assert "6 attachments" in window.thread_pane.view.toPlainText()
    dialog = request_dialog(desk)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "New request" and dialog.sent.text() == "Wed 10 Apr 2024"
    assert "Cancel" in button_texts(dialog) and not language.qt_translation_installed()
    window.close()


def test_the_preferences_choice_is_saved_and_used_at_the_next_start(
    qtbot: QtBot, profile: Profile, speak: Callable[[str], str]
) -> None:
    with Desk.open(profile) as desk:
        window = open_window(qtbot, desk)
        dialog = window.show_preferences()
        box = dialog.language
        assert [box.itemText(n) for n in range(box.count())] == [
            "System default",
            "English",
            "Deutsch",
        ]
        assert "next start" in dialog.language_note.text()
        box.setCurrentIndex(box.findData("de"))
        assert dialog.language_note.text() == "Deutsch is used from the next start of foidesk."
        assert menu_titles(window)[0] == "&File"  # this window keeps its words
        dialog.close()
        window.close()
    assert language.saved_choice(profile.data_dir) == "de"

    launcher = Launcher(profile)
    assert launcher.language == "de"
    assert launcher.shell.label.text() == "Ihre Anfragen werden geöffnet…"
    with qtbot.waitSignal(launcher.ready, timeout=30_000) as ready:
        launcher.start()
    started = ready.args[0]
    assert isinstance(started, MainWindow)
    qtbot.addWidget(started)
    assert menu_titles(started)[0] == "&Datei"
    assert started.empty_state.new_button.text() == "Neue Anfrage…"
    started.shut_down()
    started.desk.close()


def test_the_system_default_follows_the_environment_then_the_desktop() -> None:
    assert language.system_language({"LANGUAGE": "de:en"}, ["en-GB"]) == "de"
    assert language.system_language({"LANG": "de_AT.UTF-8"}, ["en-GB"]) == "de"
    assert language.system_language({"LANG": "fr_FR.UTF-8"}, ["de-DE"]) == "en"
    assert language.system_language({}, ["fr-FR", "de-DE"]) == "de"
    assert language.system_language({}, ["en-US"]) == "en"


def test_a_saved_choice_foidesk_does_not_have_means_the_system_s(profile: Profile) -> None:
    save_choice(profile, "xx")
    assert language.saved_choice(profile.data_dir) == language.SYSTEM
