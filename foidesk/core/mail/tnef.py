"""Expands Outlook's ``winmail.dat`` (TNEF) into the files it carries.

Outlook sometimes wraps all attachments in one TNEF blob that other mail
clients cannot open; the user expects to see the files inside.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

from tnefparse import TNEF

from foidesk.core.mail.notes import Notes

_SIGNATURE = 0x223E9F78
_HEADER = 6
_ATTRIBUTE_OVERHEAD = 11
_MIN_ATTRIBUTE = 12
# tnefparse copies the rest of the blob once per attribute; past this many
# copied bytes a hostile blob with many tiny attributes would take minutes.
_MAX_COPY_COST = 2_000_000_000


@dataclass(frozen=True, slots=True)
class TnefFile:
    """One file found inside a TNEF blob, with its unsanitised name."""

    name: str
    data: bytes


def is_tnef(media_type: str, name: str | None) -> bool:
    """Whether a part is a TNEF blob, by type or by Outlook's fixed file name."""
    return (
        media_type in {"application/ms-tnef", "application/vnd.ms-tnef"}
        or (name or "").strip().lower() == "winmail.dat"
    )


def expand_tnef(data: bytes, notes: Notes) -> list[TnefFile] | None:
    """The files inside ``data``, or None if it cannot be expanded (with a warning)."""
    if not _plausible(data):
        notes.add("a winmail.dat attachment could not be expanded; it is kept as is")
        return None
    try:
        files = _read(data)
    except Exception:  # a third-party parser on hostile input: any failure means "keep as is"
        logging.getLogger(__name__).debug("TNEF expansion failed", exc_info=True)
        files = None
    if not files:
        notes.add("a winmail.dat attachment held no files to expand; it is kept as is")
        return None
    return files


def _read(data: bytes) -> list[TnefFile]:
    tnef = TNEF(data, do_checksum=False)
    files: list[TnefFile] = []
    for attachment in tnef.attachments:
        payload = attachment.data
        if not isinstance(payload, bytes):
            continue
        name = attachment.long_filename()
        if isinstance(name, bytes):
            name = name.decode("utf-8", "replace")
        files.append(TnefFile(name=str(name or "").strip("\x00"), data=payload))
    return files


def _plausible(data: bytes) -> bool:
    """Check the signature and bound the work tnefparse would do on this blob."""
    if len(data) < _HEADER or struct.unpack_from("<I", data)[0] != _SIGNATURE:
        return False
    offset, cost = _HEADER, 0
    while offset + _MIN_ATTRIBUTE < len(data):
        length = struct.unpack_from("<I", data, offset + 5)[0]
        cost += len(data) - offset
        if cost > _MAX_COPY_COST:
            return False
        offset += min(len(data) - offset, length + _ATTRIBUTE_OVERHEAD)
    return True
