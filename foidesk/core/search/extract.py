"""Which reader a file needs, decided from its first bytes before its name.

A file's name and declared type come from outside and are often wrong (a
``.pdf`` that is HTML, a spreadsheet sent as ``application/octet-stream``), so
the content's own signature is trusted first; the name only decides between
text formats that have no signature.

``extract_file`` is what a sandboxed worker runs; ``extract_bytes`` is the
same reading for bytes already in memory (and for files inside emails).
"""

from __future__ import annotations

import io
import zipfile
from functools import partial
from pathlib import Path

from foidesk.core.phrases import Phrase
from foidesk.core.search import (
    extract_doc,
    extract_mail,
    extract_office,
    extract_pdf,
    extract_text,
    notes,
)
from foidesk.core.search.extraction import Extraction, failed, unsupported
from foidesk.core.search.limits import MAX_FILE_BYTES, MAX_NESTING
from foidesk.core.search.zipped import DocumentProblem, open_member, open_zip

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"BM")
_TEXT_SUFFIXES = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".log": "text",
    ".csv": "csv",
    ".tsv": "csv",
    ".htm": "html",
    ".html": "html",
    ".xhtml": "html",
    ".eml": "eml",
}
_TEXT_TYPES = {
    "text/plain": "text",
    "text/csv": "csv",
    "text/tab-separated-values": "csv",
    "text/html": "html",
    "application/xhtml+xml": "html",
    "message/rfc822": "eml",
}


def extract_file(path: str, filename: str, media_type: str) -> Extraction:
    """Read a stored file's text (what each sandboxed worker runs for one attachment)."""
    size = Path(path).stat().st_size
    if size > MAX_FILE_BYTES:
        return failed(Phrase(notes.TOO_LARGE, megabytes=MAX_FILE_BYTES // (1024 * 1024)))
    return extract_bytes(Path(path).read_bytes(), filename, media_type)


def extract_bytes(data: bytes, filename: str, media_type: str, depth: int = 0) -> Extraction:
    """The text of one file of any supported kind; never raises for bad content."""
    if depth > MAX_NESTING:
        return unsupported(Phrase(notes.NESTED_TOO_DEEP, count=MAX_NESTING))
    kind = detect_format(data, filename, media_type)
    nested = partial(_nested, depth=depth + 1)
    try:
        return _read(kind, data, nested)
    except RecursionError:
        return failed(Phrase(notes.NESTS_TOO_DEEPLY))


def _nested(data: bytes, filename: str, media_type: str, depth: int) -> Extraction:
    return extract_bytes(data, filename, media_type, depth)


def _read(kind: str, data: bytes, nested: extract_mail.NestedReader) -> Extraction:
    readers = {
        "pdf": extract_pdf.pdf_text,
        "docx": extract_office.docx_text,
        "doc": extract_doc.doc_text,
        "xlsx": extract_office.xlsx_text,
        "pptx": extract_office.pptx_text,
        "odf": extract_office.odf_text,
        "text": extract_text.plain_text,
        "csv": extract_text.csv_text,
        "html": extract_text.html_text,
    }
    if kind in readers:
        return readers[kind](data)
    if kind == "eml":
        return extract_mail.eml_text(data, nested)
    if kind == "msg":
        return extract_mail.msg_text(data, nested)
    return unsupported(Phrase(_UNSUPPORTED_NOTES.get(kind, notes.UNKNOWN_KIND)))


_UNSUPPORTED_NOTES = {
    "image": notes.IMAGE,
    "zip": notes.ARCHIVE,
    "legacy-office": notes.LEGACY_OFFICE,
    "empty": notes.EMPTY,
}


def detect_format(data: bytes, filename: str, media_type: str) -> str:
    """A format name for ``_read``, from the content's signature, else name and type."""
    head = data[:1024]
    if not data:
        return "empty"
    if b"%PDF-" in head:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return _zip_format(data)
    if head.startswith(_OLE):
        return _ole_format(data, filename, media_type)
    if head.startswith(_IMAGES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return "image"
    return _text_format(head, filename, media_type)


def _ole_format(data: bytes, filename: str, media_type: str) -> str:
    """Outlook messages and templates (.msg, .oft), Word documents, or other Office files:
    by the compound file's streams, else by name."""
    import olefile  # type: ignore[import-untyped]  # untyped

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            streams = {entry[-1] for entry in ole.listdir() if entry}
    except Exception:  # olefile raises many types on damaged files: judge by the name
        streams = set()
    if any(name.startswith("__substg1.0_") for name in streams):
        return "msg"
    if "WordDocument" in streams:
        return "doc"
    suffix = Path(filename.lower()).suffix
    if suffix in (".msg", ".oft") or "outlook" in media_type.lower():
        return "msg"
    return (
        "doc"
        if suffix == ".doc" or media_type.lower() == "application/msword"
        else ("legacy-office")
    )


def _zip_format(data: bytes) -> str:
    try:
        with open_zip(data) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            if "ppt/presentation.xml" in names:
                return "pptx"
            if "content.xml" in names and "mimetype" in names:
                with open_member(archive, "mimetype") as member:
                    mimetype = member.read(100)
                if mimetype.startswith(b"application/vnd.oasis.opendocument"):
                    return "odf"
    except (DocumentProblem, zipfile.BadZipFile, KeyError, OSError):
        return "zip"
    return "zip"


def _text_format(head: bytes, filename: str, media_type: str) -> str:
    suffix = Path(filename.lower()).suffix
    if suffix in _TEXT_SUFFIXES:
        return _TEXT_SUFFIXES[suffix]
    declared = media_type.split(";")[0].strip().lower()
    if declared in _TEXT_TYPES:
        return _TEXT_TYPES[declared]
    if declared.startswith("text/") or _looks_like_text(head):
        return "html" if head.lstrip().lower().startswith((b"<!doctype html", b"<html")) else "text"
    return "unknown"


def _looks_like_text(head: bytes) -> bool:
    """No NUL bytes and valid UTF-8 (a cut multi-byte character at the end is allowed)."""
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3
    return True
