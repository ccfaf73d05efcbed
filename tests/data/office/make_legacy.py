"""Builds a Word 97–2003 ``.doc`` from [MS-DOC], for the search extractor's tests.

The compound file is written with extract-msg's OLE writer ([MS-CFB]); inside
it, a ``WordDocument`` stream opens with a File Information Block (FIB) whose
``fcClx``/``lcbClx`` point into the ``1Table`` stream at a piece table with two
pieces: one in UTF-16, one "compressed" (Windows-1252 bytes), as Word writes
after an edit. The text holds a field (instruction, separator, result) and a
table cell mark, so the reader's clean-up is exercised too.
"""

from __future__ import annotations

import io
import struct

_TEXT_AT = 2048  # where the text pieces sit in the WordDocument stream
UNICODE_PIECE = "Rapport sur les déchets — FOI-7788\r"
FIELD_PIECE = "Tonnes collected\x07\x13 PAGE \x14" + "3" + "\x15 in Leeds\r"


def word97_doc() -> bytes:
    """A minimal Word 97 document holding ``UNICODE_PIECE`` then ``FIELD_PIECE``."""
    from extract_msg.ole_writer import OleWriter

    first = UNICODE_PIECE.encode("utf-16-le")
    second = FIELD_PIECE.encode("cp1252")
    second_at = _TEXT_AT + len(first)
    table = _piece_table(
        [(len(UNICODE_PIECE), _TEXT_AT), (len(FIELD_PIECE), (second_at * 2) | 0x40000000)]
    )
    word = bytearray(_fib(fc_clx=0, lcb_clx=len(table)))
    word += b"\0" * (_TEXT_AT - len(word))
    word += first + second
    ole = OleWriter()
    ole.addEntry(["WordDocument"], bytes(word))
    ole.addEntry(["1Table"], table)
    buffer = io.BytesIO()
    ole.write(buffer)
    return buffer.getvalue()


def _fib(fc_clx: int, lcb_clx: int) -> bytes:
    """FibBase, then the Word 97 sizes of fibRgW, fibRgLw and fibRgFcLcb97 ([MS-DOC] 2.5.1)."""
    base = bytearray(32)
    struct.pack_into("<HH", base, 0, 0xA5EC, 0x00C1)  # wIdent, nFib (Word 97)
    struct.pack_into("<H", base, 0x0A, 0x0200)  # fWhichTblStm: the 1Table stream
    fib = base + struct.pack("<H", 14) + b"\0" * 28 + struct.pack("<H", 22) + b"\0" * 88
    fib += struct.pack("<H", 93) + bytearray(93 * 8)
    struct.pack_into("<II", fib, 0x01A2, fc_clx, lcb_clx)
    return bytes(fib)


def _piece_table(pieces: list[tuple[int, int]]) -> bytes:
    """A Clx holding only a Pcdt: the PlcPcd's character positions, then one Pcd each."""
    positions = [0]
    for length, _ in pieces:
        positions.append(positions[-1] + length)
    plc = struct.pack(f"<{len(positions)}I", *positions)
    plc += b"".join(struct.pack("<HIH", 0, fc, 0) for _, fc in pieces)
    return struct.pack("<BI", 0x02, len(plc)) + plc
