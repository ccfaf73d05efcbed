"""Walks a parsed MIME tree into body text, body HTML and attachment files.

The walk is iterative and bounded in parts; depth is already bounded by the
parser. Every leaf ends up somewhere: in the body or as an attachment, so
nothing a message carries is silently dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.message import Message

from foidesk.core.mail.charsets import decode_text
from foidesk.core.mail.forwarded import (
    embedded_messages,
    filename_of_email,
    message_bytes,
    repaired_email,
)
from foidesk.core.mail.limits import MAX_PARTS
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.part_info import charset, content_type, disposition, filename
from foidesk.core.mail.text_clean import normalise_newlines
from foidesk.core.mail.tnef import TnefBody, is_tnef, read_tnef
from foidesk.core.mail.transfer import payload_bytes
from foidesk.core.mail.uuencode import split_uuencoded

_BODY_TYPES = frozenset({"text/plain", "text/html"})


@dataclass(frozen=True, slots=True)
class FoundFile:
    """An attachment before naming: the name hint is still unsafe."""

    name_hint: str | None
    media_type: str
    data: bytes
    fallback_stem: str = "attachment"


@dataclass(slots=True)
class Content:
    """What the walk found, in message order."""

    text_parts: list[str] = field(default_factory=list)
    html_parts: list[str] = field(default_factory=list)
    files: list[FoundFile] = field(default_factory=list)
    #: Bodies found inside winmail.dat blobs: the message's body when MIME gives none.
    tnef_bodies: list[TnefBody] = field(default_factory=list)


def extract_content(root: Message, notes: Notes) -> Content:
    """Sort every part of ``root`` into body or attachments."""
    content = Content()
    stack = [root]
    seen = 0
    while stack:
        part = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            notes.add(f"the message has more than {MAX_PARTS} parts; the rest were not read")
            break
        media_type = content_type(part)
        if part.is_multipart() and not media_type.startswith("message/"):
            children = part.get_payload()
            if isinstance(children, list):
                stack.extend(child for child in reversed(children) if isinstance(child, Message))
        elif media_type.startswith("message/"):
            _add_message(part, media_type, content, notes)
        else:
            _add_leaf(part, media_type, content, notes)
    return content


def _add_leaf(part: Message, media_type: str, content: Content, notes: Notes) -> None:
    name = filename(part)
    if media_type.startswith("multipart/"):
        media_type = "text/plain"  # a multipart without boundary: the parser kept it as text
    data = payload_bytes(part, notes)
    if media_type in _BODY_TYPES and not name and disposition(part) != "attachment":
        text = normalise_newlines(decode_text(data, charset(part), notes))
        if media_type == "text/plain":
            text, inline = split_uuencoded(text, notes)
            content.text_parts.append(text)
            content.files.extend(
                FoundFile(f.name, "application/octet-stream", f.data) for f in inline
            )
        else:
            content.html_parts.append(text)
        return
    if is_tnef(media_type, name):
        found = read_tnef(data, notes)
        if found is not None:
            inside = (FoundFile(f.name, "application/octet-stream", f.data) for f in found.files)
            content.files.extend(inside)
            if found.body:
                content.tnef_bodies.append(found.body)
            return
    content.files.append(FoundFile(name, media_type, data))


def _add_message(part: Message, media_type: str, content: Content, notes: Notes) -> None:
    blocks = embedded_messages(part)
    if not blocks:
        _add_leaf(part, "application/octet-stream", content, notes)
        return
    written = [message_bytes(block, notes) for block in blocks]
    data = b"\r\n".join(chunk for chunk in written if chunk is not None)
    if not data:
        return
    if media_type in {"message/rfc822", "message/global"}:
        data = repaired_email(part, data, notes)
        content.files.append(FoundFile(filename_of_email(data), "message/rfc822", data))
        return
    # Reports such as message/delivery-status: blocks of headers, kept as text.
    stem = media_type.split("/", 1)[1]
    content.files.append(FoundFile(filename(part), media_type, data, fallback_stem=stem))
