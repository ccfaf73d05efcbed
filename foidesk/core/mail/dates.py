"""The sent date of a message, always timezone-aware and in UTC, or None.

A missing or unreadable Date header is common in drafts, exports and broken
relays; the first Received header's timestamp is then the best evidence.
"""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from foidesk.core.mail import wording
from foidesk.core.mail.header_values import RawHeaders
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

_DATE_ERRORS = (ValueError, TypeError, IndexError, OverflowError)


def sent_date(headers: RawHeaders, notes: Notes) -> datetime | None:
    """Read the Date header, falling back to the newest Received timestamp."""
    raw = headers.first("date")
    if raw is not None:
        parsed = parse_date(raw, notes)
        if parsed is not None:
            return parsed
        notes.add(Phrase(wording.DATE_UNREADABLE))
    else:
        notes.add(Phrase(wording.NO_DATE))
    received = _received_date(headers, notes)
    if received is not None:
        notes.add(Phrase(wording.DATE_FROM_RECEIVED))
    return received


def parse_date(raw: str, notes: Notes) -> datetime | None:
    """Parse one RFC 5322 date; a date without a zone is read as UTC (with a warning)."""
    try:
        parsed = parsedate_to_datetime(raw.strip())
    except _DATE_ERRORS:
        return None
    return to_utc(parsed, notes)


def to_utc(moment: datetime, notes: Notes) -> datetime | None:
    """Normalise to UTC; naive times are taken as UTC, out-of-range ones dropped."""
    if moment.tzinfo is None:
        notes.add(Phrase(wording.DATE_WITHOUT_ZONE))
        return moment.replace(tzinfo=UTC)
    try:
        return moment.astimezone(UTC)
    except (OverflowError, ValueError):
        return None


def _received_date(headers: RawHeaders, notes: Notes) -> datetime | None:
    for received in headers.all("received")[:1]:
        _, semicolon, stamp = received.rpartition(";")
        if semicolon:
            return parse_date(stamp, notes)
    return None
