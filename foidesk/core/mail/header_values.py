"""Reads header values from a parsed message without letting a bad header stop the read.

The modern ``email`` policy parses a header only when it is asked for, and
can raise on malformed input; each value here is parsed on its own, falling
back to the older compat32 decoding, so one bad header costs only itself.
"""

from __future__ import annotations

import re
from email import policy
from email.errors import MessageError
from email.header import decode_header, make_header
from email.headerregistry import BaseHeader
from email.message import Message

from foidesk.core.mail import wording
from foidesk.core.mail.charsets import guess_text
from foidesk.core.mail.encoded_words import repair_encoded_words
from foidesk.core.mail.header_policy import is_simple
from foidesk.core.mail.limits import MAX_HEADER_CHARS
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

#: What the stdlib header parsers raise on malformed input.
HEADER_ERRORS = (
    MessageError,
    ValueError,
    LookupError,
    IndexError,
    TypeError,
    AttributeError,
    AssertionError,
)
# Enough for a dozen "Name, Title" <address> recipients; longer lists use compat32.
_MAX_SPECIALS = 100
_FOLD = re.compile(r"\r\n|\r|\n")
_HAS_SURROGATES = re.compile("[\udc80-\udcff]")


class RawHeaders:
    """The raw, unfolded header values of one message part, by lower-case name."""

    def __init__(self, message: Message, notes: Notes) -> None:
        self._values: dict[str, list[str]] = {}
        self._notes = notes
        for name, value in message.raw_items():
            key = str(name).strip().lower()
            self._values.setdefault(key, []).append(str(value))

    def __contains__(self, name: str) -> bool:
        return name in self._values

    def __len__(self) -> int:
        return len(self._values)

    def names(self) -> frozenset[str]:
        """Every header name present, lower-cased."""
        return frozenset(self._values)

    def first(self, name: str) -> str | None:
        """The first value of ``name``, unfolded and with 8-bit text decoded."""
        values = self._values.get(name)
        return self._prepare(name, values[0]) if values else None

    def all(self, name: str) -> list[str]:
        """Every value of ``name``, unfolded and decoded."""
        return [self._prepare(name, value) for value in self._values.get(name, [])]

    def structured(self, name: str) -> BaseHeader | None:
        """The first value parsed by the modern header registry.

        None if the value is absent, too complex to parse quickly (see
        ``header_policy``), or unparsable; callers then use compat32 decoding.
        """
        value = self.first(name)
        if value is None or not is_simple(value, max_specials=_MAX_SPECIALS):
            return None
        try:
            parsed: BaseHeader = policy.default.header_factory(name, value)
        except HEADER_ERRORS:
            return None
        return parsed

    def decoded(self, name: str) -> str | None:
        """The first value with RFC 2047 encoded words decoded (not yet one-lined)."""
        parsed = self.structured(name)
        if parsed is not None:
            return str(parsed)
        value = self.first(name)
        return None if value is None else compat32_decode(value)

    def _prepare(self, name: str, value: str) -> str:
        if len(value) > MAX_HEADER_CHARS:
            self._notes.add(Phrase(wording.HEADER_SHORTENED, header=name))
            value = value[:MAX_HEADER_CHARS]
        value = repair_encoded_words("".join(_FOLD.split(value)), self._notes, name)
        if _HAS_SURROGATES.search(value):
            raw = value.encode("utf-8", "surrogateescape")
            value, used = guess_text(raw)
            self._notes.assume(Phrase(wording.HEADER_UNDECLARED_8BIT, header=name, used=used))
        return value


def compat32_decode(value: str) -> str:
    """Decode encoded words the old way, or return the value as it is."""
    try:
        return str(make_header(decode_header(value)))
    except HEADER_ERRORS:
        return value
