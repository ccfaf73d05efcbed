"""Reads one RFC 5322 / MIME message from bytes into a ``ParsedMessage``.

The order matters for memory: the parsed tree is dropped as soon as bodies
and attachments are out of it, so a large attachment is held once as the
original bytes and once decoded, not many times over.
"""

from __future__ import annotations

import re
from email.message import Message
from pathlib import Path

from foidesk.core.i18n import _
from foidesk.core.mail.addresses import address_list, bare_email, display_form, display_forms
from foidesk.core.mail.autoreply import AUTO_HEADERS, is_auto_submitted
from foidesk.core.mail.dates import sent_date
from foidesk.core.mail.defects import note_defects
from foidesk.core.mail.errors import MailError
from foidesk.core.mail.header_values import RawHeaders
from foidesk.core.mail.html_text import html_to_text
from foidesk.core.mail.limits import MAX_SUBJECT_CHARS
from foidesk.core.mail.mail_headers import MAIL_HEADERS
from foidesk.core.mail.model import ParsedAttachment, ParsedMessage, SourceFormat
from foidesk.core.mail.msgids import all_ids, first_id
from foidesk.core.mail.names import dedupe_names, media_type_for, safe_filename
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.parts import Content, FoundFile, extract_content
from foidesk.core.mail.stream import TooDeep, reduce_file
from foidesk.core.mail.text_clean import one_line
from foidesk.core.mail.tnef_body import tnef_body
from foidesk.core.mail.tree import parse_tree

_BOM = b"\xef\xbb\xbf"
_LEADING_BLANK_LINES = re.compile(rb"(?:[ \t]*\r?\n)*")
_NON_SPACE = re.compile(rb"\S")
_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")
_HEADER_SNIFF = 8192
_HEAD_BYTES = 65_536
__all__ = ["MAIL_HEADERS", "content_start", "name_files", "parse_rfc822", "parse_rfc822_file"]


def parse_rfc822(data: bytes, source_format: SourceFormat) -> ParsedMessage:
    """Parse one message; raise ``MailError`` if ``data`` is not an email at all."""
    start = content_start(data)
    notes = Notes()
    root = parse_tree(data, start, notes)
    headers = RawHeaders(root, notes)
    if not headers.names() & MAIL_HEADERS:
        raise MailError(_("not an email: no headers found"))
    content = _read_content(root, notes)
    del root  # release the tree before building the result
    return _build(data, source_format, headers, content, notes)


def parse_rfc822_file(path: Path, spool_dir: Path) -> ParsedMessage:
    """Parse the email in file ``path`` without holding it, or its large parts, in memory.

    Large parts are decoded into files in ``spool_dir`` (which the caller removes once
    they are stored); ``raw`` is empty and ``original`` is ``path``. A file nesting past
    the parser's depth is read the ordinary way.
    """
    size = path.stat().st_size
    with path.open("rb") as handle:
        start = content_start(handle.read(_HEAD_BYTES))
        try:
            reduced = reduce_file(handle, start, size, spool_dir)
        except TooDeep:
            reduced = None
    if reduced is None:
        return parse_rfc822(path.read_bytes(), "eml")
    notes = Notes()
    root = parse_tree(reduced.data, 0, notes)
    headers = RawHeaders(root, notes)
    if not headers.names() & MAIL_HEADERS:
        raise MailError(_("not an email: no headers found"))
    note_defects(root, notes)
    content = extract_content(root, notes, reduced.parts)
    del root, reduced
    return _build(b"", "eml", headers, content, notes, original=path)


def content_start(data: bytes) -> int:
    """Where the headers begin, after a byte-order mark and blank lines.

    Raises ``MailError`` for empty input and for binary data where the
    headers should be.
    """
    start = len(_BOM) if data.startswith(_BOM) else 0
    match = _LEADING_BLANK_LINES.match(data, start)
    start = match.end() if match else start
    if not _NON_SPACE.search(data, start):
        raise MailError(_("not an email: the file is empty"))
    head = data[start : start + _HEADER_SNIFF]
    end = _END_OF_HEADERS.search(head)
    if b"\x00" in (head[: end.start()] if end else head):
        raise MailError(_("not an email: the file holds binary data, not headers"))
    return start


def _read_content(root: Message, notes: Notes) -> Content:
    note_defects(root, notes)
    return extract_content(root, notes)


def _build(
    data: bytes,
    source_format: SourceFormat,
    headers: RawHeaders,
    content: Content,
    notes: Notes,
    original: Path | None = None,
) -> ParsedMessage:
    subject = one_line(headers.decoded("subject") or "", MAX_SUBJECT_CHARS)
    senders = address_list(headers, "from") or address_list(headers, "sender")
    body_html = "\n".join(content.html_parts) or None
    body_text = "\n".join(content.text_parts) or (html_to_text(body_html) if body_html else "")
    if not body_text.strip() and not (body_html or "").strip() and content.tnef_bodies:
        body_html, body_text = tnef_body(content.tnef_bodies, notes)
    auto_headers = {name: value for name in AUTO_HEADERS if (value := headers.first(name))}
    return ParsedMessage(
        message_id=first_id(headers.first("message-id")),
        in_reply_to=first_id(headers.first("in-reply-to")),
        references=all_ids(" ".join(headers.all("references"))),
        subject=subject,
        from_addr=display_form(*senders[0]) if senders else _fallback_from(headers),
        from_email=bare_email(senders[0][1]) if senders else None,
        to=display_forms(address_list(headers, "to")),
        cc=display_forms(address_list(headers, "cc")),
        sent_at=sent_date(headers, notes),
        body_text=body_text,
        body_html=body_html,
        attachments=name_files(content.files),
        auto_submitted=is_auto_submitted(auto_headers, subject, body_text),
        raw=data,
        source_format=source_format,
        warnings=notes.as_tuple(),
        charset_notes=notes.charsets(),
        original=original,
    )


def name_files(files: list[FoundFile]) -> tuple[ParsedAttachment, ...]:
    """Give every file a safe, unique display name and a media type."""
    names = dedupe_names(
        safe_filename(file.name_hint, fallback_stem=file.fallback_stem, media_type=file.media_type)
        for file in files
    )
    return tuple(
        ParsedAttachment(filename=name, media_type=_media_type(file, name), content=file.data)
        for name, file in zip(names, files, strict=True)
    )


def _media_type(file: FoundFile, name: str) -> str:
    if file.media_type != "application/octet-stream":
        return file.media_type
    return media_type_for(name)


def _fallback_from(headers: RawHeaders) -> str:
    return one_line(headers.decoded("from") or "", MAX_SUBJECT_CHARS)
