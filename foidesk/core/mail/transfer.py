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

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.part_info import (
    charset,
    content_type,
    disposition,
    filename,
    transfer_encoding,
)
from foidesk.core.phrases import Phrase

#: Every byte base64 text may hold: its alphabet, padding and whitespace.
_BASE64_TEXT = (string.ascii_letters + string.digits + "+/= \t\r\n\v\f").encode()
_BASE64_NOT_ALPHABET = re.compile(r"[^A-Za-z0-9+/]")
_OUTSIDE_ALPHABET = re.compile(r"[^A-Za-z0-9+/=\s]")
_INTERIOR_SPACE = re.compile(r"\S[ \t]+\S")
#: Above this share of characters outside the alphabet, "base64" is prose.
_MAX_FOREIGN_SHARE = 0.05
#: Shorter than this, a payload is a word or two rather than a file cut short.
_SHORT = 64
_KNOWN = frozenset(
    {"7bit", "8bit", "binary", "quoted-printable", "x-uuencode", "uuencode", "x-uue", "uue"}
)


def payload_bytes(part: Message, notes: Notes) -> bytes:
    """The decoded content of a non-multipart part."""
    encoding = transfer_encoding(part)
    if encoding == "base64":
        return _base64_part(part, notes)
    if encoding not in _KNOWN:
        notes.add(Phrase(wording.UNKNOWN_TRANSFER_ENCODING, encoding=encoding[:40]))
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


def _base64_part(part: Message, notes: Notes) -> bytes:
    try:
        payload = part.get_payload()
    except (UnicodeError, LookupError, ValueError):
        # 8-bit bytes inside base64: the stdlib tried the part's charset on
        # them and failed; let it decode the bytes its own (slower) way.
        notes.add(Phrase(wording.BASE64_INVALID_CHARACTERS))
        decoded = part.get_payload(decode=True)
        return decoded if isinstance(decoded, bytes) else b""
    if not isinstance(payload, str):
        return b""
    is_text = content_type(part).startswith("text/")
    if not_base64(payload, is_text=is_text):
        notes.add(Phrase(wording.NOT_BASE64))
        return _as_sent(payload)
    decoded = decode_base64(payload, notes)
    is_body = is_text and disposition(part) != "attachment" and not filename(part)
    if is_body and _must_be_utf8(part) and not _is_utf8(decoded) and payload.isascii():
        notes.add(
            Phrase(wording.NOT_BASE64)
        )  # text labelled ASCII or UTF-8 that base64 makes into neither
        return _as_sent(payload)
    return decoded


def _must_be_utf8(part: Message) -> bool:
    label = (charset(part) or "us-ascii").lower()
    return label in {"us-ascii", "ascii", "utf-8", "utf8"}


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _as_sent(payload: str) -> bytes:
    """The payload's bytes as they were read (the parser keeps 8-bit bytes as surrogates)."""
    return payload.encode("utf-8", "surrogateescape")


def not_base64(payload: str, *, is_text: bool) -> bool:
    """Whether a payload labelled base64 is plainly something else, such as prose.

    Base64 writers put no spaces inside a line and nothing outside the
    alphabet; a count of letters one more than a multiple of four cannot be
    decoded at all (Python's ``email`` then keeps the text, and so does this).
    An attachment cut short is still repaired: only a text part, or a payload
    too short to be a file's encoding, is judged by its length.
    """
    text = payload.strip()
    if not text:
        return False
    sample = text[:8192]
    foreign = len(_OUTSIDE_ALPHABET.findall(sample))
    if foreign > _MAX_FOREIGN_SHARE * len(sample):
        return True
    lines = sample.splitlines()
    if sum(1 for line in lines if _INTERIOR_SPACE.search(line)) * 2 > len(lines):
        return True
    if not (is_text or len(text) < _SHORT) or "=" in text:
        return False
    return len(_BASE64_NOT_ALPHABET.sub("", text)) % 4 == 1


def decode_base64(payload: str, notes: Notes) -> bytes:
    """Decode base64, repairing bad padding and skipping stray characters."""
    if payload.encode("ascii", "replace").translate(None, _BASE64_TEXT):  # fast scan
        notes.add(Phrase(wording.BASE64_INVALID_CHARACTERS))
    try:
        return binascii.a2b_base64(payload)
    except (binascii.Error, ValueError):
        notes.add(Phrase(wording.BASE64_REPAIRED))
    cleaned = _BASE64_NOT_ALPHABET.sub("", payload)
    if len(cleaned) % 4 == 1:
        cleaned = cleaned[:-1]  # a lone trailing character carries no whole byte
    return binascii.a2b_base64(cleaned + "=" * (-len(cleaned) % 4))
