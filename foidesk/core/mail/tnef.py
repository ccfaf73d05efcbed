"""Expands Outlook's ``winmail.dat`` (TNEF) into the files and the body it carries.

Outlook sometimes wraps all attachments in one TNEF blob that other mail
clients cannot open; the user expects to see the files inside. Sometimes
the blob is the whole message: its only body is HTML, plain text or
compressed RTF inside the TNEF's MAPI properties ([MS-OXTNEF] 2.1.3.1,
[MS-OXRTFCP]); that body is kept for the message when MIME gives none.
"""

from __future__ import annotations

import logging
import struct
from dataclasses import dataclass

from tnefparse import TNEF

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

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


@dataclass(frozen=True, slots=True)
class TnefBody:
    """The message body a TNEF blob carries, in whichever forms it has."""

    html: bytes | str | None = None
    text: bytes | str | None = None
    rtf: bytes | None = None

    def __bool__(self) -> bool:
        return bool(self.html or self.text or self.rtf)


@dataclass(frozen=True, slots=True)
class TnefContent:
    """Everything read out of one TNEF blob."""

    files: list[TnefFile]
    body: TnefBody


def is_tnef(media_type: str, name: str | None) -> bool:
    """Whether a part is a TNEF blob, by type or by Outlook's fixed file name."""
    return (
        media_type in {"application/ms-tnef", "application/vnd.ms-tnef"}
        or (name or "").strip().lower() == "winmail.dat"
    )


def expand_tnef(data: bytes, notes: Notes) -> list[TnefFile] | None:
    """The files inside ``data``, or None if it cannot be expanded (with a warning)."""
    content = read_tnef(data, notes, want_body=False)
    return content.files if content is not None else None


def read_tnef(data: bytes, notes: Notes, *, want_body: bool = True) -> TnefContent | None:
    """The files and body inside ``data``, or None (with a warning) if it holds neither."""
    if not _plausible(data):
        notes.add(Phrase(wording.WINMAIL_UNEXPANDED))
        return None
    try:
        tnef = TNEF(data, do_checksum=False)
        content = TnefContent(_files(tnef), _body(tnef) if want_body else TnefBody())
    except Exception:  # a third-party parser on hostile input: any failure means "keep as is"
        logging.getLogger(__name__).debug("TNEF expansion failed", exc_info=True)
        content = None
    if content is None or not (content.files or content.body):
        notes.add(Phrase(wording.WINMAIL_EMPTY))
        return None
    return content


def _body(tnef: TNEF) -> TnefBody:
    rtf = None
    if tnef._rtfbody:  # decompressed only when there is one, and only here
        rtf = _decompressed_rtf(tnef._rtfbody)
    return TnefBody(html=tnef.htmlbody or None, text=tnef.body or None, rtf=rtf)


def _decompressed_rtf(data: bytes) -> bytes | None:
    """Compressed RTF ([MS-OXRTFCP]) as plain RTF; None if the stream is damaged."""
    from compressed_rtf import decompress

    # tnefparse strips trailing NUL bytes from binary properties, which can cut
    # the stream's last byte; its header says how long it really is.
    declared = struct.unpack_from("<I", data)[0] + 4 if len(data) >= 4 else 0
    padded = bytes(data).ljust(min(declared, len(data) + 16), b"\0")
    try:
        rtf = decompress(padded)
    except Exception:  # damaged stream: any failure means no RTF body
        logging.getLogger(__name__).debug("RTF decompression failed", exc_info=True)
        return None
    return bytes(rtf) if rtf else None


def _files(tnef: TNEF) -> list[TnefFile]:
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
