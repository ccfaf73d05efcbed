"""The language foidesk speaks: one gettext catalogue for the core, the command line and
the window.

gettext (the standard library's) is the one translation system for both faces, so a
sentence the core writes and one the window writes are translated the same way, by
the same tools (Babel extracts and compiles; translators use any PO editor), and the
core stays free of Qt. English is the source language: a message with no translation
is shown as written.

The faces choose the language once, before they speak: the command line from the
environment (``LANGUAGE``, then ``LC_ALL``, ``LC_MESSAGES``, ``LANG``, as gettext
reads them), the window from the user's preference or the system's. Machine output
(``--json``) is written in the source language whatever was chosen
(``in_source_language``), so scripts see the same words in every language.
"""

from __future__ import annotations

import gettext
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

DOMAIN = "foidesk"
SOURCE_LANGUAGE = "en"
#: Compiled catalogues: ``<tag>/LC_MESSAGES/foidesk.mo`` (``make catalogues`` builds them).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The environment variables gettext reads, in its order of precedence.
ENVIRONMENT_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_lock = threading.Lock()
_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_SOURCE = gettext.NullTranslations()


class _ThreadSpeech(threading.local):
    """Whether this thread speaks the source language for a while (``in_source_language``),
    so a worker writing machine output never changes what another thread shows. The class attribute
    is every thread's start value, so reading it never raises (``getattr`` with a
    default on a bare ``threading.local`` raised and caught an AttributeError on each
    of the ~500,000 sentences a calendar of 10,000 requests words: a third of its time)."""

    source: bool = False


_local = _ThreadSpeech()


def available_languages() -> tuple[str, ...]:
    """The source language, then every language with a compiled catalogue, sorted."""
    found = sorted(
        path.parent.parent.name
        for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")
        if path.parent.parent.name != SOURCE_LANGUAGE
    )
    return (SOURCE_LANGUAGE, *found)


def normalise(tag: str) -> str:
    """``de_DE.UTF-8`` → ``de_DE``; ``de-AT`` → ``de_AT``; ``C`` and ``POSIX`` → English."""
    tag = tag.split(".", 1)[0].split("@", 1)[0].replace("-", "_").strip()
    return SOURCE_LANGUAGE if tag in ("", "C", "POSIX") else tag


def best_match(wanted: list[str] | tuple[str, ...]) -> str:
    """The first wanted language foidesk has, by full tag (``de_AT``) or by language
    (``de``); English when none is."""
    have = available_languages()
    for tag in (normalise(t) for t in wanted):
        for candidate in (tag, tag.split("_", 1)[0]):
            if candidate in have:
                return candidate
    return SOURCE_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for, read as gettext reads it: the first
    variable set decides (``LANGUAGE`` may list several, ``de:fr``)."""
    environ = os.environ if environ is None else environ
    for name in ENVIRONMENT_VARIABLES:
        value = environ.get(name, "")
        if value:
            return best_match(value.split(":"))
    return SOURCE_LANGUAGE


def set_language(tag: str) -> str:
    """Speak ``tag`` from now on (the best match foidesk has); returns what was chosen."""
    global _translations, _language
    chosen = best_match([tag])
    if chosen == SOURCE_LANGUAGE:
        translations: gettext.NullTranslations = gettext.NullTranslations()
    else:
        translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[chosen])
    with _lock:
        _translations, _language = translations, chosen
    return chosen


def current_language() -> str:
    """The language this thread speaks now."""
    return SOURCE_LANGUAGE if _local.source else _language


@contextmanager
def in_source_language() -> Iterator[None]:
    """Speak the source language for a while (machine output, logs meant for reports).

    Only the calling thread does: the window's thread keeps its language while a worker
    writes a report in English.
    """
    previous = _local.source
    _local.source = True
    try:
        yield
    finally:
        _local.source = previous


def _active() -> gettext.NullTranslations:
    return _SOURCE if _local.source else _translations


def _(message: str) -> str:
    """``message`` in the current language."""
    return _active().gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form for ``n`` in the current language (German and English have two, other
    languages more: the catalogue's ``Plural-Forms`` decides)."""
    return _active().ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` where the same English word needs different translations
    (``pgettext("deadline state", "open")``)."""
    return _active().pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction only; it is translated where it is shown (a
    module-level constant is read before any language is chosen)."""
    return message
