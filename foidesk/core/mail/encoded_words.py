"""Repairs RFC 2047 encoded words that strict decoders refuse, as lenient mail clients do.

Gateways write words such as ``=?iso-8859-1?Q?Die_Hasen_und_die_Fr\\xf6sche?=``:
the raw byte 0xF6 where ``=F6`` belongs, or a space inside a Q word. Python's
decoders then show the whole word raw. Each such word is decoded here by its
own charset and written back as a clean UTF-8 word, so the ordinary decoders
(and their defences against encoded line breaks) still do the rest.
"""

from __future__ import annotations

import base64
import binascii
import re

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

_WORD = re.compile(r"=\?([^?\s]{1,64})\?([QqBb])\?([^?\r\n]*?)\?=")
_BROKEN = re.compile(r"[\s\udc80-\udcff]")
_NOT_BASE64 = re.compile(rb"[^A-Za-z0-9+/]")


def repair_encoded_words(value: str, notes: Notes | None = None, name: str = "") -> str:
    """``value`` with every broken encoded word replaced by an equivalent valid one."""
    if "=?" not in value or not _BROKEN.search(value):
        return value

    def repaired(word: re.Match[str]) -> str:
        label, kind, text = word.groups()
        if not _BROKEN.search(text):
            return word.group(0)
        decoded, used = _decode(label, kind.upper(), text.encode("utf-8", "surrogateescape"))
        if notes is not None and _has_8bit(text):
            notes.assume(
                Phrase(wording.HEADER_RAW_8BIT, header=name, used=used)
                if name
                else Phrase(wording.A_HEADER_RAW_8BIT, used=used)
            )
        encoded = base64.b64encode(decoded.encode("utf-8")).decode("ascii")
        return f"=?utf-8?b?{encoded}?="

    return _WORD.sub(repaired, value)


def _decode(label: str, kind: str, raw: bytes) -> tuple[str, str]:
    from foidesk.core.mail.charsets import codec_for, display_name, guess_text

    if kind == "Q":
        data = binascii.a2b_qp(raw, header=True)
    else:
        cleaned = _NOT_BASE64.sub(b"", raw)
        cleaned = cleaned[: len(cleaned) - len(cleaned) % 4 if len(cleaned) % 4 == 1 else None]
        data = binascii.a2b_base64(cleaned + b"=" * (-len(cleaned) % 4))
    codec = codec_for(label)
    if codec is not None:
        try:
            return data.decode(codec), display_name(codec)
        except UnicodeDecodeError:
            pass
    return guess_text(data)


def _has_8bit(text: str) -> bool:
    return any("\udc80" <= char <= "\udcff" for char in text)
