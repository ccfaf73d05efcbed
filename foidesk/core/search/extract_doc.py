"""Word 97–2003 documents (``.doc``): the text of their piece table, for search.

Old FOI responses and files inside Outlook's winmail.dat are often ``.doc``.
The text of a Word binary file is in its ``WordDocument`` stream, in pieces
that the piece table (the ``Clx`` in the ``0Table`` or ``1Table`` stream)
lists; each piece is either Windows-1252 bytes or UTF-16 ([MS-DOC] 2.4.1,
2.9.177). The compound file is opened with olefile, which foidesk already
uses to tell Outlook messages from other Office files; the piece table is
read here, a few dozen lines, rather than through a converter: antiword and
catdoc are unmaintained C programs, Apache Tika needs Java, LibreOffice is a
gigabyte. Only words are wanted, so formatting is not read.
"""

from __future__ import annotations

import io
import re
import struct

import olefile  # type: ignore[import-untyped]  # untyped

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.extraction import Extraction, TextBudget, failed, from_text, unsupported

_WORD_IDENT = 0xA5EC
_FLAGS = 0x000A
_ENCRYPTED = 0x0100
_TABLE_1 = 0x0200
_FIRST_WORD97 = 0x00C1  # nFib of Word 97; older files have no piece table like this
_FC_CLX = 0x01A2
_CLX_PRC, _CLX_PCDT = 0x01, 0x02
_COMPRESSED = 0x40000000
_MAX_PIECES = 100_000
# Field codes: 0x13 begins an instruction, 0x14 separates it from the result, 0x15 ends.
_FIELD_INSTRUCTION = re.compile("\x13[^\x13\x14\x15]*[\x14\x15]")
_CONTROLS = str.maketrans(
    {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": "\t", "\x13": "", "\x14": "", "\x15": ""}
)


class _NotWord(Exception):
    """The stream is not a Word 97+ document this reader can follow; ``note`` says why."""

    def __init__(self, note: Phrase) -> None:
        super().__init__(note)
        self.note = note


def doc_text(data: bytes) -> Extraction:
    """The words of a Word 97–2003 document."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                return unsupported(Phrase(notes.LEGACY_OFFICE))
            word = ole.openstream("WordDocument").read()
            table = _table_stream(ole, word)
            text = _pieces_text(word, table)
    except _NotWord as exc:
        return unsupported(exc.note)
    except (OSError, ValueError, struct.error, IndexError) as exc:
        return failed(Phrase(notes.DOCUMENT_DAMAGED, detail=str(exc)))
    budget = TextBudget()
    budget.add(_clean(text))
    return from_text(budget.text())


def _table_stream(ole: olefile.OleFileIO, word: bytes) -> bytes:
    ident, version = struct.unpack_from("<HH", word, 0)
    if ident != _WORD_IDENT:
        raise _NotWord(Phrase(notes.NOT_WORD))
    flags = struct.unpack_from("<H", word, _FLAGS)[0]
    if flags & _ENCRYPTED:
        raise _NotWord(Phrase(notes.WORD_ENCRYPTED))
    if version < _FIRST_WORD97:
        raise _NotWord(Phrase(notes.WORD_TOO_OLD))
    name = "1Table" if flags & _TABLE_1 else "0Table"
    if not ole.exists(name):
        raise ValueError(f"no {name} stream")
    return bytes(ole.openstream(name).read())


def _pieces_text(word: bytes, table: bytes) -> str:
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    clx = table[fc_clx : fc_clx + lcb_clx]
    offset = 0
    while offset < len(clx) and clx[offset] == _CLX_PRC:  # property modifiers: skipped
        offset += 3 + struct.unpack_from("<h", clx, offset + 1)[0]
    if offset >= len(clx) or clx[offset] != _CLX_PCDT:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, offset + 1)[0]
    plc = clx[offset + 5 : offset + 5 + size]
    count = min((len(plc) - 4) // 12, _MAX_PIECES)
    positions = struct.unpack_from(f"<{count + 1}I", plc, 0)
    parts = []
    for index in range(count):
        chars = positions[index + 1] - positions[index]
        fc = struct.unpack_from("<I", plc, 4 * (count + 1) + 8 * index + 2)[0]
        if fc & _COMPRESSED:
            start = (fc & ~_COMPRESSED) // 2
            parts.append(word[start : start + chars].decode("cp1252", "replace"))
        else:
            parts.append(word[fc : fc + 2 * chars].decode("utf-16-le", "replace"))
    return "".join(parts)


def _clean(text: str) -> str:
    """Field results kept and instructions dropped; Word's marks as line breaks and tabs."""
    previous = None
    while previous != text and "\x13" in text:  # nested fields: innermost first
        previous = text
        text = _FIELD_INSTRUCTION.sub("", text)
    return text.translate(_CONTROLS)
