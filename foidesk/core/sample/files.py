"""Small, valid documents made from scratch for the example request.

A real thread carries PDFs, spreadsheets and images; the example should too, so
a new user sees previews work. These writers produce minimal but standard files
(PDF 1.4 with a Helvetica text page; an 8-bit RGB PNG) without any dependency.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence


def pdf_document(title: str, paragraphs: Sequence[str]) -> bytes:
    """A one-page PDF whose text layer holds ``title`` and ``paragraphs``."""
    lines = [title, ""]
    for paragraph in paragraphs:
        lines.extend(_wrap(paragraph, 88))
        lines.append("")
    commands = ["BT", "/F1 11 Tf", "14 TL", "56 790 Td"]
    for index, line in enumerate(lines[:52]):
        size = "/F1 14 Tf" if index == 0 else "/F1 11 Tf"
        commands += [size, f"({_pdf_escape(line)}) Tj", "T*"]
    commands.append("ET")
    stream = "\n".join(commands).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (" + _pdf_escape(title).encode("latin-1", "replace") + b") >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def png_bars(values: Sequence[int], width: int = 320, height: int = 200) -> bytes:
    """A simple bar chart as a PNG: enough to show that image previews work."""
    bar_width = max(1, width // max(1, len(values)))
    top = max(values) if values else 1
    rows = []
    for y in range(height):
        row = bytearray([0])  # filter type: none
        for x in range(width):
            index = x // bar_width
            filled = index < len(values) and (height - y) <= values[index] * (height - 20) // top
            gap = x % bar_width < 4
            row += bytes((40, 90, 160)) if filled and not gap else bytes((250, 250, 247))
        rows.append(bytes(row))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            _png_chunk(b"IHDR", header),
            _png_chunk(b"IDAT", zlib.compress(b"".join(rows), 9)),
            _png_chunk(b"IEND", b""),
        ]
    )


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(text: str, width: int) -> list[str]:
    words, lines, current = text.split(), [], ""
    for word in words:
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return lines
