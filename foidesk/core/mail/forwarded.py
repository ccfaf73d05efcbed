"""Keeps a forwarded message (message/rfc822) whole, as an ``.eml`` attachment.

The parser has already split the forwarded message into a sub-tree; writing
that tree back out gives the user one file that opens in any mail client,
with the forwarded message's own attachments inside it.
"""

from __future__ import annotations

import io
from email import policy
from email.generator import BytesGenerator
from email.message import Message

from foidesk.core.mail.header_values import HEADER_ERRORS, RawHeaders
from foidesk.core.mail.names import safe_filename
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.text_clean import one_line

# Write headers back as they were read: no refolding, no re-encoding.
_VERBATIM = policy.default.clone(linesep="\r\n", refold_source="none", max_line_length=None)
_SERIALISE_ERRORS = (*HEADER_ERRORS, UnicodeError)


def message_bytes(message: Message, notes: Notes) -> bytes | None:
    """The forwarded message as bytes, or None (with a warning) if it cannot be written."""
    for chosen in (_VERBATIM, policy.compat32):
        buffer = io.BytesIO()
        try:
            BytesGenerator(buffer, mangle_from_=False, policy=chosen).flatten(message)
        except _SERIALISE_ERRORS:
            continue
        return buffer.getvalue()
    notes.add("a forwarded message could not be kept as a separate file")
    return None


def message_filename(message: Message) -> str:
    """ "<subject>.eml" for a forwarded message, made safe to show."""
    subject = RawHeaders(message, Notes()).decoded("subject") or ""
    subject = one_line(subject).replace("/", "-").replace("\\", "-")
    stem = subject or "forwarded message"
    return safe_filename(f"{stem}.eml", fallback_stem="forwarded message")


def embedded_messages(part: Message) -> list[Message]:
    """The message (or report blocks) the parser found inside a message/* part."""
    if not part.is_multipart():
        return []
    payload = part.get_payload()
    if not isinstance(payload, list):
        return []
    return [block for block in payload if isinstance(block, Message)]
