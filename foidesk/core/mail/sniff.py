"""Tells what kind of correspondence file a dropped file is, by its content first.

Content decides; the extension only breaks ties. Decision for files whose
extension promises mail but whose content is not mail (a ``.eml`` full of
binary garbage, an empty ``.msg``): they are still reported as that kind, so
the importer hands them to the matching parser and the user gets that
parser's clear ``MailError`` ("not an email: …") instead of the file being
silently stored as a plain attachment.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

import olefile  # type: ignore[import-untyped]  # installed with extract-msg, untyped

from foidesk.core.mail.eml import MAIL_HEADERS

#: The first bytes of every OLE2 compound file, Outlook's .msg among them.
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

FileKind = Literal["eml", "msg", "mbox", "file"]

_SNIFF_BYTES = 65_536
_HEADER_LINE = re.compile(rb"^([!-9;-~]+)[ \t]*:")
_BOM = b"\xef\xbb\xbf"
_BY_EXTENSION: dict[str, FileKind] = {
    ".eml": "eml",
    ".msg": "msg",
    ".mbox": "mbox",
    ".mbx": "mbox",
}
# Outlook message storages; a Word or Excel file has none of these.
_MSG_STREAM_PREFIX = "__substg1.0_"


def detect_kind(path: Path) -> FileKind:
    """Return "eml", "msg", "mbox" or "file" for the file at ``path``.

    Raises ``OSError`` if the file cannot be read.
    """
    with path.open("rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    hinted = _BY_EXTENSION.get(path.suffix.lower())
    if head.startswith(OLE_MAGIC):
        return "msg" if hinted == "msg" or _is_outlook_message(path) else "file"
    text = head.removeprefix(_BOM).lstrip(b"\r\n")
    if text.startswith(b"From "):
        return "eml" if hinted == "eml" else "mbox"
    if _looks_like_headers(text, hinted, truncated=len(head) == _SNIFF_BYTES):
        return "eml"
    return hinted or "file"


def _looks_like_headers(text: bytes, hinted: FileKind | None, *, truncated: bool) -> bool:
    """At least two known mail headers (one if the extension says .eml) before the body."""
    lines = text.split(b"\n")
    if truncated:
        lines.pop()  # cut off mid-line by the sniff limit
    names: set[bytes] = set()
    for line in lines:
        line = line.rstrip(b"\r")
        if not line:
            break
        if line[:1] in (b" ", b"\t"):
            continue
        match = _HEADER_LINE.match(line)
        if not match:
            return False
        names.add(match.group(1).lower())
    known = {name.decode("ascii") for name in names} & MAIL_HEADERS
    return len(known) >= (1 if hinted == "eml" else 2)


def _is_outlook_message(path: Path) -> bool:
    """Look inside a compound file for Outlook's property streams."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            return any(
                entry and entry[-1].startswith(_MSG_STREAM_PREFIX) for entry in ole.listdir()
            )
    except Exception:  # olefile raises many types on damaged files; then it is no message
        return False
