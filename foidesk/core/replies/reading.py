"""From a stored or imported email to what the classifier reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32

from foidesk.core.replies.classifier import ReplyInput

#: The headers that mark automated mail (RFC 3834 and the common non-standard ones).
AUTO_HEADERS = ("auto-submitted", "x-autoreply", "x-autorespond", "precedence")
#: Headers end well before this: the parser is never given a whole large email.
_HEAD_BYTES = 256 * 1024


def auto_headers(raw: bytes) -> dict[str, str]:
    """The automated-mail headers of an email's original bytes (empty when absent)."""
    head = raw[:_HEAD_BYTES].split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    message = BytesHeaderParser(policy=compat32).parsebytes(head)
    found: dict[str, str] = {}
    for name in AUTO_HEADERS:
        value = message.get(name)
        if value is not None:
            found[name] = " ".join(str(value).split())
    return found


def reply_input(
    subject: str,
    body_text: str,
    *,
    raw: bytes = b"",
    attachment_names: Sequence[str] = (),
    sent_at: datetime | None = None,
) -> ReplyInput:
    """The classifier's view of an email: its words, automated-mail headers (read from
    ``raw``, its original bytes), attachment names and the day it was sent."""
    return ReplyInput(
        subject=subject,
        body_text=body_text,
        headers=auto_headers(raw) if raw else {},
        attachment_names=tuple(attachment_names),
        sent_on=sent_at.date() if sent_at is not None else None,
    )
