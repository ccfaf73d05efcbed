"""Sentences the core keeps about a thing — why a message was filed where it was, which
character set its text was read in, why a file's words could not be read — as a code
and its arguments, worded only when shown.

A sentence written into the database in one language is in that language for ever: a
German user would read the English foidesk spoke when the message was imported. So such
a sentence is a ``Phrase``: a stable code (``"filing.reference"``), its arguments
(``reference="FOI2024/01234"``), and a wording per code (``define``), translated where
it is shown (``Phrase.shown``). The database stores the code and arguments
(``Phrase.stored``, one JSON object); ``decode`` reads them back. Text stored before
codes existed, or by a foidesk that knew a code this one does not, is kept and shown
as it was stored.

A ``Phrase`` is also the English sentence itself (a ``str``): the sentences pass
through lists, de-duplication, logs and tests as text, and what a script or a report
in the source language reads is exactly the English. Only a face showing it to a
person asks for ``shown()`` (or ``shown(text)`` for any text that may be one).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from foidesk.core.i18n import _, in_source_language
from foidesk.core.locale_format import format_number

Argument = str | int
#: A plural wording: the sentence for a count, looked up with ``ngettext`` when called.
PluralWording = Callable[[int], str]


@dataclass(frozen=True)
class Wording:
    """How one code reads: a sentence marked ``N_``, or a ``ngettext`` for a count."""

    sentence: str | None = None
    plural: PluralWording | None = None
    count: str = "count"

    def say(self, arguments: Mapping[str, Argument | Phrase]) -> str:
        """The sentence in the current language, its fields filled in."""
        fields = {name: _field(value) for name, value in arguments.items()}
        if self.plural is not None:
            count = arguments[self.count]
            if not isinstance(count, int):
                raise TypeError(f"{self.count} must be a number, not {count!r}")
            return self.plural(count).format(**fields)
        assert self.sentence is not None
        return _(self.sentence).format(**fields)


_BOOK: dict[str, Wording] = {}


def define(code: str, sentence: str) -> str:
    """Register the wording of ``code`` (a sentence marked ``N_``); returns the code."""
    return _register(code, Wording(sentence=sentence))


def define_plural(code: str, plural: PluralWording, *, count: str = "count") -> str:
    """Register a wording with a count: ``lambda n: ngettext("{count} part", ..., n)``."""
    return _register(code, Wording(plural=plural, count=count))


def _register(code: str, wording: Wording) -> str:
    known = _BOOK.get(code)
    if known is not None and known.sentence != wording.sentence:
        raise ValueError(f"phrase code {code!r} is defined twice")
    _BOOK[code] = wording
    return code


def _field(value: Argument | Phrase) -> str:
    if isinstance(value, Phrase):
        return value.shown()
    if isinstance(value, int):
        return format_number(value)
    return value


class Phrase(str):
    """A sentence with its code and arguments; its ``str`` value is the English."""

    code: str
    arguments: Mapping[str, Argument | Phrase]

    def __new__(cls, code: str, /, **arguments: Argument | Phrase) -> Phrase:
        wording = _BOOK[code]  # an undefined code is a programming error
        with in_source_language():
            english = wording.say(arguments)
        self = super().__new__(cls, english)
        self.code = code
        self.arguments = MappingProxyType(dict(arguments))
        return self

    def shown(self) -> str:
        """The sentence in the language the user reads."""
        return _BOOK[self.code].say(self.arguments)

    def as_json(self) -> dict[str, Any]:
        """For ``--json``: the code, its arguments, and the English text."""
        return {"code": self.code, "arguments": _plain(self.arguments), "text": str(self)}

    def stored(self) -> str:
        """What the database keeps: one line of JSON, the code and its arguments."""
        return json.dumps(
            {"code": self.code, "arguments": _plain(self.arguments)},
            ensure_ascii=False,
            separators=(",", ":"),
            sort_keys=True,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled by code and arguments (results come back from worker processes)."""
        return (_rebuild, (self.code, dict(self.arguments)))


def _rebuild(code: str, arguments: dict[str, Argument | Phrase]) -> Phrase:
    _ensure_book()
    return Phrase(code, **arguments)


def _plain(arguments: Mapping[str, Argument | Phrase]) -> dict[str, Any]:
    return {
        name: {"code": value.code, "arguments": _plain(value.arguments)}
        if isinstance(value, Phrase)
        else value
        for name, value in arguments.items()
    }


def encode(text: str) -> str:
    """What to store for ``text``: a phrase's code and arguments, other text as it is."""
    return text.stored() if isinstance(text, Phrase) else text


def decode(stored: str) -> str:
    """A stored sentence back as a ``Phrase``; text that is not one (written before
    codes, or with a code this foidesk does not know) comes back as it was stored."""
    if not stored.startswith('{"'):
        return stored
    try:
        document = json.loads(stored)
        return _from_document(document)
    except (ValueError, KeyError, TypeError, IndexError):
        return stored


def _from_document(document: Any) -> Phrase:
    _ensure_book()
    code, arguments = document["code"], document["arguments"]
    if not isinstance(code, str) or code not in _BOOK or not isinstance(arguments, dict):
        raise KeyError(code)
    values = {
        name: _from_document(value) if isinstance(value, dict) else _argument(value)
        for name, value in arguments.items()
    }
    return Phrase(code, **values)


def _argument(value: object) -> Argument:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(value)
    return value


def shown(text: str) -> str:
    """``text`` as the user reads it: a phrase in the user's language, other text as it is."""
    return text.shown() if isinstance(text, Phrase) else text


def as_json(text: str) -> dict[str, Any]:
    """For ``--json``: a phrase's code, arguments and English; other text with code null."""
    if isinstance(text, Phrase):
        return text.as_json()
    return {"code": None, "arguments": {}, "text": text}


#: The modules that define codes: read before a stored phrase is decoded, so every code
#: the database may hold is known whichever part of foidesk was imported first.
DEFINING_MODULES = (
    "foidesk.core.mail.wording",
    "foidesk.core.importing.reasons",
    "foidesk.core.search.notes",
)
_loaded = False


def _ensure_book() -> None:
    global _loaded
    if not _loaded:
        import importlib

        for name in DEFINING_MODULES:
            importlib.import_module(name)
        _loaded = True


def wording(code: str) -> Wording:
    """How ``code`` reads (``KeyError`` for a code foidesk does not define)."""
    _ensure_book()
    return _BOOK[code]


def codes() -> frozenset[str]:
    """Every code foidesk defines (for the migration's tests and the catalogue's)."""
    _ensure_book()
    return frozenset(_BOOK)
