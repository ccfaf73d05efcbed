"""Real files of the kinds authorities send, written fast from scratch.

PDF (text pages, FlateDecode; or a scanned page: an image and no text layer),
XLSX and DOCX (the minimal parts Excel and Word write), CSV, a forwarded
``.eml``, and JPEG/PNG images (encoded once by Qt into a small pool, then made
unique per attachment with a comment chunk so no two attachments share
content by accident). Fast enough to write 50,000 files in a few minutes.
"""

from __future__ import annotations

import io
import random
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

# --- PDF ------------------------------------------------------------------------------


def pdf_text(pages: list[list[str]], unique: str) -> bytes:
    """A multi-page A4 PDF with a Helvetica text layer (wrapped paragraphs)."""
    objects: list[bytes] = [b"", b""]  # catalog and page tree, filled in below
    font = _add(objects, b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                         b"/Encoding /WinAnsiEncoding >>")  # fmt: skip
    kids = []
    for paragraphs in pages:
        stream = zlib.compress(_text_stream(paragraphs), 6)
        content = _add(objects, _stream(stream, b"/Filter /FlateDecode"))
        kids.append(_add(objects, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                  b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
                                  % (font, content)))  # fmt: skip
    return _finish(objects, kids, unique)


def pdf_scan(jpeg: bytes, width: int, height: int, unique: str) -> bytes:
    """A one-page PDF holding only a scanned image: no text layer at all."""
    objects: list[bytes] = [b"", b""]
    image = _add(objects, _stream(jpeg, b"/Type /XObject /Subtype /Image /Width %d /Height %d "
                                        b"/ColorSpace /DeviceRGB /BitsPerComponent 8 "
                                        b"/Filter /DCTDecode" % (width, height)))  # fmt: skip
    draw = b"q 595 0 0 842 0 0 cm /Im1 Do Q"
    content = _add(objects, _stream(draw, b""))
    page = _add(objects, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                         b"/Resources << /XObject << /Im1 %d 0 R >> >> /Contents %d 0 R >>"
                         % (image, content))  # fmt: skip
    return _finish(objects, [page], unique)


def _text_stream(paragraphs: list[str]) -> bytes:
    lines: list[str] = []
    for paragraph in paragraphs:
        lines += [*_wrap(paragraph, 95), ""]
    commands = ["BT", "/F1 10 Tf", "13 TL", "50 800 Td"]
    commands += [f"({_pdf_escape(line)}) Tj T*" for line in lines[:60]]
    commands.append("ET")
    return "\n".join(commands).encode("cp1252", "replace")


def _add(objects: list[bytes], body: bytes) -> int:
    objects.append(body)
    return len(objects)


def _stream(data: bytes, extra: bytes) -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _finish(objects: list[bytes], kids: list[int], unique: str) -> bytes:
    objects[0] = b"<< /Type /Catalog /Pages 2 0 R >>"
    refs = b" ".join(b"%d 0 R" % k for k in kids)
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs, len(kids))
    info = _add(objects, b"<< /Producer (foidesk benchmark corpus) /Subject (%s) >>"
                         % _pdf_escape(unique).encode("latin-1", "replace"))  # fmt: skip
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _pdf_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _wrap(text: str, width: int) -> list[str]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + ([current] if current else [])


# --- Office Open XML ---------------------------------------------------------------------

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PKG = "http://schemas.openxmlformats.org/package/2006"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN_SHEET = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_MAIN_WORD = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CT = "application/vnd.openxmlformats-officedocument"


def xlsx(rows: list[list[str | int | float]]) -> bytes:
    strings: dict[str, int] = {}
    sheet_rows = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{chr(65 + c)}{r}"
            if isinstance(value, str):
                index = strings.setdefault(value, len(strings))
                cells.append(f'<c r="{ref}" t="s"><v>{index}</v></c>')
            else:
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
        sheet_rows.append(f'<row r="{r}">{"".join(cells)}</row>')
    shared = "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
    parts = {
        "[Content_Types].xml": _XML + f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_CT}.spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_CT}.spreadsheetml.'
        'worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_CT}.spreadsheetml.'
        'sharedStrings+xml"/></Types>',
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>",
        "xl/workbook.xml": _XML + f'<workbook xmlns="{_MAIN_SHEET}" xmlns:r="{_OFFICE}">'
        '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": _XML + f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_OFFICE}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>",
        "xl/worksheets/sheet1.xml": _XML + f'<worksheet xmlns="{_MAIN_SHEET}"><sheetData>'
        + "".join(sheet_rows) + "</sheetData></worksheet>",
        "xl/sharedStrings.xml": _XML + f'<sst xmlns="{_MAIN_SHEET}" count="{len(strings)}" '
        f'uniqueCount="{len(strings)}">{shared}</sst>',
    }  # fmt: skip
    return _zip(parts)


def docx(title: str, paragraphs: list[str]) -> bytes:
    style = '<w:pPr><w:pStyle w:val="Title"/></w:pPr>'
    body = f"<w:p>{style}<w:r><w:t>{escape(title)}</w:t></w:r></w:p>"
    body += "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    parts = {
        "[Content_Types].xml": _XML + f'<Types xmlns="{_PKG}/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{_CT}.wordprocessingml.'
        'document.main+xml"/></Types>',
        "_rels/.rels": _XML + f'<Relationships xmlns="{_PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": _XML + f'<w:document xmlns:w="{_MAIN_WORD}"><w:body>{body}'
        "</w:body></w:document>",
    }  # fmt: skip
    return _zip(parts)


def _zip(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), text,
                             compress_type=zipfile.ZIP_DEFLATED)  # fmt: skip
    return buffer.getvalue()


# --- text formats ---------------------------------------------------------------------------


def csv_bytes(rows: list[list[str | int | float]]) -> bytes:
    return "".join(",".join(_csv_cell(v) for v in row) + "\r\n" for row in rows).encode()


def _csv_cell(value: str | int | float) -> str:
    text = str(value)
    return f'"{text}"' if "," in text else text


def eml(sender: str, to: str, subject: str, date: str, body: str) -> bytes:
    return (
        f"From: {sender}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: {date}\r\n"
        "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
        "Content-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n"
    ).encode()


# --- images ------------------------------------------------------------------------------------


def unique_jpeg(base: bytes, unique: str) -> bytes:
    """The same picture with a comment segment (COM) after the start marker."""
    comment = unique.encode()
    return base[:2] + b"\xff\xfe" + struct.pack(">H", len(comment) + 2) + comment + base[2:]


def unique_png(base: bytes, unique: str) -> bytes:
    """The same picture with a ``tEXt`` chunk after the header chunk."""
    data = b"Comment\x00" + unique.encode()
    chunk = struct.pack(">I", len(data)) + b"tEXt" + data
    chunk += struct.pack(">I", zlib.crc32(b"tEXt" + data) & 0xFFFFFFFF)
    header_end = 8 + 25  # signature + IHDR chunk
    return base[:header_end] + chunk + base[header_end:]


def image_pool(seed: int, jpegs: int, pngs: int) -> tuple[list[bytes], list[bytes], bytes]:
    """Photos (JPEG), charts (PNG) and one page-sized grey scan (JPEG).

    Pixels are drawn here in Python; Qt only encodes JPEG, through calls that
    return a value: this PySide6 build drops a reference to ``None`` on every
    call of a void method (``QPainter.fillRect``, ``QImage.fill``...), and a
    few thousand of those abort the interpreter on Python 3.11.
    """
    rng = random.Random(seed)
    photos = [_jpeg(_picture(rng, 1024, 768, 400), 1024, 768, 82) for _ in range(jpegs)]
    charts = [_png(_picture(rng, 640, 400, 12), 640, 400) for _ in range(pngs)]
    width, height = SCAN_SIZE
    scan = _jpeg(_picture(rng, width, height, 900, grey=True), width, height, 60)
    return photos, charts, scan


def _picture(rng: random.Random, width: int, height: int, shapes: int, grey: bool = False) -> bytes:
    """An RGB canvas with filled rectangles: flat areas and edges, like charts and scans."""
    canvas = bytearray(bytes((250, 250, 247)) * (width * height))
    for _ in range(shapes):
        level = rng.randrange(40, 230)
        colour = (level,) * 3 if grey else tuple(rng.randrange(256) for _ in range(3))
        x, y = rng.randrange(width), rng.randrange(height)
        w = min(rng.randrange(4, width // 3), width - x)
        run = bytes(colour) * w
        for row in range(y, min(y + rng.randrange(2, height // 6), height)):
            start = (row * width + x) * 3
            canvas[start : start + 3 * w] = run
    return bytes(canvas)


def _png(rgb: bytes, width: int, height: int) -> bytes:
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[row * stride : (row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + b"".join(
        struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        for kind, data in ((b"IHDR", header), (b"IDAT", zlib.compress(raw, 6)), (b"IEND", b""))
    )


def _jpeg(rgb: bytes, width: int, height: int, quality: int) -> bytes:
    """Encoded by Qt through a file (a QBuffer over a QByteArray also misbehaves at exit)."""
    from PySide6.QtGui import QImage

    image = QImage(rgb, width, height, width * 3, QImage.Format.Format_RGB888)
    with tempfile.TemporaryDirectory(prefix="foidesk-bench-") as folder:
        path = Path(folder) / "image.jpg"
        # PySide6's stubs say ``bytes`` for the format; the binding only accepts ``str``.
        if not image.save(str(path), "JPG", quality):  # type: ignore[call-overload]
            raise RuntimeError("Qt could not encode a JPEG")
        return path.read_bytes()


SCAN_SIZE = (1240, 1754)
