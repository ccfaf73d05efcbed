"""Plain text, CSV and HTML attachments: decoding bytes whose charset nobody declared."""

from __future__ import annotations

import codecs
import re

from foidesk.core.search.extraction import Extraction, from_text

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: a BOM wins, then a declared charset, then UTF-8, then Windows-1252.

    Windows-1252 decodes any byte sequence, which is right for the old
    spreadsheets and letters authorities export: a wrong guess still leaves
    the ASCII words searchable.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if declared:
        try:
            return data.decode(declared, errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def plain_text(data: bytes) -> Extraction:
    return from_text(decode_text(data))


def csv_text(data: bytes) -> Extraction:
    """CSV is kept as written: commas separate tokens just as spaces do."""
    return from_text(decode_text(data))


def html_text(data: bytes) -> Extraction:
    from foidesk.core.mail import html_to_text  # the mail package loads only where used

    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii") if match else None
    return from_text(html_to_text(decode_text(data, declared)))
