"""The header names that make bytes an email, and a test for a block of them."""

from __future__ import annotations

import re

#: At least one of these must be present for bytes to count as an email.
MAIL_HEADERS = frozenset(
    {
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "received", "return-path",
        "mime-version", "content-type", "sender", "reply-to", "in-reply-to", "references",
        "delivered-to",
    }
)  # fmt: skip
_HEADER_LINE = re.compile(rb"([!-9;-~]+)[ \t]*:")
_SCAN_BYTES = 8192


def starts_with_mail_headers(data: bytes) -> bool:
    """Whether ``data`` opens with header lines that name a mail header."""
    return header_start(data, limit=0) == 0


def header_start(data: bytes, limit: int = _SCAN_BYTES) -> int | None:
    """Where the first line that begins a block of mail headers starts, in the first
    ``limit`` bytes (0: only at the very start); None if there is none."""
    offset = 0
    while offset <= limit and offset < len(data):
        end = data.find(b"\n", offset)
        end = len(data) if end == -1 else end + 1
        match = _HEADER_LINE.match(data, offset)
        if match and match.group(1).decode("ascii").lower() in MAIL_HEADERS:
            return offset
        if limit == 0:
            return None
        offset = end
    return None
