"""Walks a parsed MIME tree into body text, body HTML and attachment files.

The walk is iterative and bounded in parts; depth is already bounded by the
parser. Every leaf ends up somewhere: in the body or as an attachment, so
nothing a message carries is silently dropped.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message

from foidesk.core.mail import wording
from foidesk.core.mail.charsets import decode_text
from foidesk.core.mail.forwarded import (
    embedded_messages,
    filename_of_email,
    message_bytes,
    repaired_email,
    repaired_spooled_email,
)
from foidesk.core.mail.limits import MAX_PARTS
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.part_info import charset, content_type, disposition, filename
from foidesk.core.mail.spool import SpooledFile
from foidesk.core.mail.stream import SPOOL_HEADER, Spooled
from foidesk.core.mail.text_clean import normalise_newlines
from foidesk.core.mail.tnef import TnefBody, is_tnef, read_tnef
from foidesk.core.mail.transfer import payload_bytes
from foidesk.core.mail.uuencode import split_uuencoded
from foidesk.core.phrases import Phrase

_BODY_TYPES = frozenset({"text/plain", "text/html"})
_HEAD_BYTES = 65_536


@dataclass(frozen=True, slots=True)
class FoundFile:
    """An attachment before naming: the name hint is still unsafe."""

    name_hint: str | None
    media_type: str
    data: bytes | SpooledFile
    fallback_stem: str = "attachment"


@dataclass(slots=True)
class Content:
    """What the walk found, in message order."""

    text_parts: list[str] = field(default_factory=list)
    html_parts: list[str] = field(default_factory=list)
    files: list[FoundFile] = field(default_factory=list)
    #: Bodies found inside winmail.dat blobs: the message's body when MIME gives none.
    tnef_bodies: list[TnefBody] = field(default_factory=list)
    #: Large parts already decoded to files (``stream.py``), by the token standing for each.
    spooled: Mapping[str, Spooled] = field(default_factory=dict)
    claimed: set[str] = field(default_factory=set)


def extract_content(
    root: Message, notes: Notes, spooled: Mapping[str, Spooled] | None = None
) -> Content:
    """Sort every part of ``root`` into body or attachments; ``spooled`` are the parts
    that the parser's copy holds only as tokens."""
    content = Content(spooled=spooled or {})
    stack = [root]
    seen = 0
    while stack:
        part = stack.pop()
        seen += 1
        if seen > MAX_PARTS:
            notes.add(Phrase(wording.TOO_MANY_PARTS, count=MAX_PARTS))
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
    _add_unclaimed(content, notes)
    return content


def _add_unclaimed(content: Content, notes: Notes) -> None:
    """A spooled part the walk did not meet (the scan and the parser disagreed on the
    structure) is still kept, as a file."""
    for token, spooled in content.spooled.items():
        if token in content.claimed:
            continue
        notes.add(Phrase(wording.STRAY_PART))
        content.files.append(
            FoundFile(filename(spooled.header), content_type(spooled.header), spooled.file)
        )


def _spooled_token(part: Message, content: Content, notes: Notes) -> str | None:
    """The token of a spooled part standing in ``part``'s body, if that is what it holds."""
    if not content.spooled:
        return None
    payload = part.get_payload()
    if isinstance(payload, list):  # a message/* part: the token is its message's header,
        first = payload[0] if payload else None  # or the part's own when no blank line came
        token = first.get(SPOOL_HEADER) if isinstance(first, Message) else None
        token = token or part.get(SPOOL_HEADER)
    else:
        token = payload.strip() if isinstance(payload, str) else None
    if isinstance(token, str) and token in content.spooled:
        content.claimed.add(token)
        for problem in content.spooled[token].file.problems:
            notes.add(problem)
        return token
    return None


def _add_leaf(part: Message, media_type: str, content: Content, notes: Notes) -> None:
    name = filename(part)
    if media_type.startswith("multipart/"):
        media_type = "text/plain"  # a multipart without boundary: the parser kept it as text
    token = _spooled_token(part, content, notes)
    if token is not None and not _wanted_in_memory(part, media_type, name):
        content.files.append(FoundFile(name, media_type, content.spooled[token].file))
        return
    data = content.spooled[token].file.read() if token else payload_bytes(part, notes)
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


def _wanted_in_memory(part: Message, media_type: str, name: str | None) -> bool:
    """Body text and winmail.dat blobs are read whatever their size; other files not."""
    is_body = media_type in _BODY_TYPES and not name and disposition(part) != "attachment"
    return is_body or is_tnef(media_type, name)


def _add_message(part: Message, media_type: str, content: Content, notes: Notes) -> None:
    token = _spooled_token(part, content, notes)
    if token is not None:
        spooled = content.spooled[token].file
        if media_type in {"message/rfc822", "message/global"}:
            spooled = repaired_spooled_email(part, spooled, notes)
            with spooled.path.open("rb") as handle:
                name = filename_of_email(handle.read(_HEAD_BYTES))
            content.files.append(FoundFile(name, "message/rfc822", spooled))
        else:
            stem = media_type.split("/", 1)[1]
            content.files.append(FoundFile(filename(part), media_type, spooled, stem))
        return
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
