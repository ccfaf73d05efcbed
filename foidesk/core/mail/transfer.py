"""Decodes a leaf part's transfer encoding into bytes without needless copies.

The stdlib's ``get_payload(decode=True)`` copies a base64 payload several
times over (encode, split into lines, join, decode); with a 200 MB
attachment that is more than a desktop can spare, so base64 is decoded here
with ``binascii`` straight from the parser's ASCII string. Other encodings
go through the stdlib, which returns the exact bytes that were read.
"""

from __future__ import annotations

import binascii
import re
import string
from email.message import Message

from foidesk.core.mail.notes import Notes
from foidesk.core.mail.part_info import transfer_encoding

#: Every byte base64 text may hold: its alphabet, padding and whitespace.
_BASE64_TEXT = (string.ascii_letters + string.digits + "+/= \t\r\n\v\f").encode()
_BASE64_NOT_ALPHABET = re.compile(r"[^A-Za-z0-9+/]")
_KNOWN = frozenset(
    {"7bit", "8bit", "binary", "quoted-printable", "x-uuencode", "uuencode", "x-uue", "uue"}
)


def payload_bytes(part: Message, notes: Notes) -> bytes:
    """The decoded content of a non-multipart part."""
    encoding = transfer_encoding(part)
    if encoding == "base64":
        return _base64_part(part, notes)
    if encoding not in _KNOWN:
        notes.add(f"unknown transfer encoding {encoding[:40]!r}; content kept as sent")
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


def _base64_part(part: Message, notes: Notes) -> bytes:
    try:
        payload = part.get_payload()
    except (UnicodeError, LookupError, ValueError):
        # 8-bit bytes inside base64: the stdlib tried the part's charset on
        # them and failed; let it decode the bytes its own (slower) way.
        notes.add("base64 data contained invalid characters; they were skipped")
        decoded = part.get_payload(decode=True)
        return decoded if isinstance(decoded, bytes) else b""
    return decode_base64(payload, notes) if isinstance(payload, str) else b""


def decode_base64(payload: str, notes: Notes) -> bytes:
    """Decode base64, repairing bad padding and skipping stray characters."""
    if payload.encode("ascii", "replace").translate(None, _BASE64_TEXT):  # fast scan
        notes.add("base64 data contained invalid characters; they were skipped")
    try:
        return binascii.a2b_base64(payload)
    except (binascii.Error, ValueError):
        notes.add("damaged base64 data was repaired")
    cleaned = _BASE64_NOT_ALPHABET.sub("", payload)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]  # a lone trailing character carries no whole byte
    return binascii.a2b_base64(cleaned + "=" * (-len(cleaned) % 4))
