"""Parsing of correspondence files (.eml, .msg, .mbox) into plain records.

Pure and GUI-free: bytes or a path in, frozen dataclasses out. Hostile or
broken input yields a ``ParsedMessage`` with warnings, or a ``MailError``
with one readable sentence; it never crashes or hangs the caller.
"""

from foidesk.core.mail.errors import MailError
from foidesk.core.mail.html import html_to_text, sanitize_html
from foidesk.core.mail.model import ParsedAttachment, ParsedMessage, SourceFormat
from foidesk.core.mail.names import dedupe_names, safe_filename
from foidesk.core.mail.parse import iter_mbox, parse_email_bytes, parse_email_file, parse_msg_file
from foidesk.core.mail.sniff import FileKind, detect_kind

__all__ = [
    "FileKind",
    "MailError",
    "ParsedAttachment",
    "ParsedMessage",
    "SourceFormat",
    "dedupe_names",
    "detect_kind",
    "html_to_text",
    "iter_mbox",
    "parse_email_bytes",
    "parse_email_file",
    "parse_msg_file",
    "safe_filename",
    "sanitize_html",
]
