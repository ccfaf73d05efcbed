"""Keeps a forwarded message (message/rfc822) whole, as an ``.eml`` attachment.

The parser has already split the forwarded message into a sub-tree; writing
that tree back out gives the user one file that opens in any mail client,
with the forwarded message's own attachments inside it.

Gateways damage the part header around an attached email: they encode the
email in base64 (which RFC 2046 5.2.1 forbids, so parsers do not decode it),
put a line that is no header before it, or leave out the blank line between
the part header and the email's own headers. Each is repaired here, so the
file kept is an email that opens and that search can read.
"""

from __future__ import annotations

import binascii
import io
from email import policy
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesHeaderParser

from foidesk.core.mail import wording
from foidesk.core.mail.header_policy import BOUNDED
from foidesk.core.mail.header_values import HEADER_ERRORS, RawHeaders
from foidesk.core.mail.mail_headers import MAIL_HEADERS, header_start, starts_with_mail_headers
from foidesk.core.mail.names import safe_filename
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.part_info import transfer_encoding
from foidesk.core.mail.spool import SpooledFile, spool_joined
from foidesk.core.mail.text_clean import one_line
from foidesk.core.phrases import Phrase

# Write headers back as they were read: no refolding, no re-encoding.
_VERBATIM = policy.default.clone(linesep="\r\n", refold_source="none", max_line_length=None)
_SERIALISE_ERRORS = (*HEADER_ERRORS, UnicodeError)
# The part's own fields, which describe the attachment rather than the email in it.
_PART_FIELDS = frozenset(
    {"content-type", "content-transfer-encoding", "content-disposition", "content-description",
     "content-id", "content-location"}
)  # fmt: skip
_HEAD_BYTES = 65_536
_SPOOL_FIELD = "x-foidesk-spooled"


def message_bytes(message: Message, notes: Notes) -> bytes | None:
    """The forwarded message as bytes, or None (with a warning) if it cannot be written."""
    for chosen in (_VERBATIM, policy.compat32):
        buffer = io.BytesIO()
        try:
            BytesGenerator(buffer, mangle_from_=False, policy=chosen).flatten(message)
        except _SERIALISE_ERRORS:
            continue
        return buffer.getvalue()
    notes.add(Phrase(wording.FORWARD_NOT_KEPT))
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


def repaired_email(part: Message, data: bytes, notes: Notes) -> bytes:
    """The attached email in ``data`` (the part's sub-tree written out), its damage undone."""
    encoding = transfer_encoding(part)
    if encoding in {"base64", "quoted-printable"}:
        decoded = _decoded(data, encoding, notes)
        if starts_with_mail_headers(decoded):
            notes.add(Phrase(wording.ATTACHED_EMAIL_DECODED, encoding=encoding))
            return decoded
    if starts_with_mail_headers(data):
        return data
    own = [(str(k), str(v)) for k, v in part.raw_items() if str(k).lower() not in _PART_FIELDS]
    if any(name.lower() in MAIL_HEADERS for name, _ in own):
        notes.add(Phrase(wording.ATTACHED_EMAIL_REPAIRED))
        fields = b"".join(f"{n}: {v}\r\n".encode("utf-8", "surrogateescape") for n, v in own)
        return fields + (data if data.startswith((b"\r\n", b"\n")) else b"\r\n" + data)
    start = header_start(data)
    if start:
        notes.add(Phrase(wording.ATTACHED_EMAIL_REPAIRED))
        return data[start:]
    return data


def filename_of_email(data: bytes) -> str:
    """ "<subject>.eml" for an attached email given as bytes."""
    try:
        message = BytesHeaderParser(policy=BOUNDED).parsebytes(data[:_HEAD_BYTES])
    except _SERIALISE_ERRORS:
        message = Message()
    return message_filename(message)


def _decoded(data: bytes, encoding: str, notes: Notes) -> bytes:
    from foidesk.core.mail.transfer import decode_base64  # transfer needs this module's siblings

    text = data.lstrip(b"\r\n")
    if encoding == "base64":
        return decode_base64(text.decode("ascii", "replace"), Notes())
    return binascii.a2b_qp(text)


def repaired_spooled_email(part: Message, spooled: SpooledFile, notes: Notes) -> SpooledFile:
    """``repaired_email`` for an attached email already decoded into a file: the same
    repairs, made by copying the file rather than reading it."""
    with spooled.path.open("rb") as handle:
        head = handle.read(_HEAD_BYTES)
    encoding = transfer_encoding(part)
    if encoding in {"base64", "quoted-printable"} and starts_with_mail_headers(head):
        notes.add(Phrase(wording.ATTACHED_EMAIL_DECODED, encoding=encoding))
        return spooled
    if starts_with_mail_headers(head):
        return spooled
    target = spooled.path.with_suffix(".eml")
    own = [(str(k), str(v)) for k, v in part.raw_items() if str(k).lower() not in _PART_FIELDS]
    own = [(name, value) for name, value in own if name.lower() != _SPOOL_FIELD]
    if any(name.lower() in MAIL_HEADERS for name, _ in own):
        notes.add(Phrase(wording.ATTACHED_EMAIL_REPAIRED))
        fields = b"".join(f"{n}: {v}\r\n".encode("utf-8", "surrogateescape") for n, v in own)
        blank = b"" if head.startswith((b"\r\n", b"\n")) else b"\r\n"
        return spool_joined([fields + blank, (spooled.path, 0)], target)
    start = header_start(head)
    if start:
        notes.add(Phrase(wording.ATTACHED_EMAIL_REPAIRED))
        return spool_joined([(spooled.path, start)], target)
    return spooled
