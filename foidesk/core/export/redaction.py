"""Redacting a bundle before it is shared: the user's own addresses (and the names that
go with them, ``plan.py``) and phone numbers, and any words they choose, replaced
wherever the bundle's text shows them.

Only text foidesk writes itself can be redacted — the PDF and the manifest. The original
emails hold every header and word as sent, and attachments are files foidesk cannot
edit, so a redacted bundle leaves both out (``bundle.py``) and says so; the PDF still
lists each attachment by its (redacted) name, size and SHA-256, so the other side can
ask for a file and check that what it receives is the one listed.

Phone numbers are the ones the user wrote: a phone-like run of digits in a message
they sent (a signature). Each is then found anywhere in the bundle by its digits,
whatever spaces, dashes or country prefix another message writes it with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from foidesk.core.i18n import _
from foidesk.core.records import MessageRecord
from foidesk.core.vocabulary import Direction

MIN_PHONE_DIGITS = 7
MAX_PHONE_DIGITS = 15  # E.164
#: Digits compared from the end: "+44 20 7946 0958" and "020 7946 0958" are one number.
PHONE_TAIL = 9
_SEPARATORS = r"[\s\-./()]*"
_PHONE_LIKE = re.compile(
    r"(?<![\w+])(?:\+|\(|0)[\d \-./()]{5,}\d(?![\w])"  # +44 20 …, (020) …, 0171 …
    r"|\b\d{3}[-. ]\d{3}[-. ]\d{4}\b"  # 555-123-4567
)
_DATE_LIKE = re.compile(r"^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$")


@dataclass(frozen=True)
class Redaction:
    """What the user asked to redact: their own details, and words of their choice."""

    own_details: bool = True
    words: tuple[str, ...] = ()


class Redactor:
    """Replaces every redacted string in a text (case-insensitively) with a marker."""

    def __init__(self, terms: Iterable[str], phones: Iterable[str] = ()) -> None:
        literal = sorted({t.strip() for t in terms if t.strip()}, key=len, reverse=True)
        patterns = [re.escape(t) for t in literal] + [_phone_pattern(p) for p in set(phones)]
        self._pattern = re.compile("|".join(patterns), re.IGNORECASE) if patterns else None
        self.marker = _("[redacted]")

    def __call__(self, text: str) -> str:
        if self._pattern is None or not text:
            return text
        return self._pattern.sub(self.marker, text)


def redactor_for(
    redaction: Redaction, own_addresses: Iterable[str], messages: Iterable[MessageRecord]
) -> Redactor:
    """The redactor for a bundle: the chosen words, and with ``own_details`` the user's
    addresses and the phone numbers in what they sent."""
    terms = list(redaction.words)
    phones: list[str] = []
    if redaction.own_details:
        terms += own_addresses
        sent = (m for m in messages if m.direction == Direction.OUTGOING.value)
        phones = [p for m in sent for p in phone_numbers(m.body_text)]
    return Redactor(terms, phones)


def phone_numbers(text: str) -> list[str]:
    """The digits of each phone-like run in ``text`` (dates and short numbers are not)."""
    found = []
    for match in _PHONE_LIKE.finditer(text):
        candidate = match.group().strip()
        digits = re.sub(r"\D", "", candidate)
        if MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS and not _DATE_LIKE.match(candidate):
            found.append(digits)
    return found


def _phone_pattern(digits: str) -> str:
    """The number by its last digits, however it is spaced, with any prefix before them."""
    tail = digits[-PHONE_TAIL:]
    body = _SEPARATORS.join(tail)
    return rf"(?<!\d)(?:\+?\(?\d{{1,4}}\)?{_SEPARATORS}){{0,3}}{body}(?!\d)"
