"""Copies the attachments out of an open extract-msg message.

An attached Outlook message is kept whole as its own ``.msg`` (exported by
extract-msg), so nothing it carries is lost and it opens in Outlook as is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from extract_msg.enums import AttachmentType

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.mail.parts import FoundFile
from foidesk.core.mail.text_clean import one_line
from foidesk.core.mail.tnef import expand_tnef, is_tnef
from foidesk.core.phrases import Phrase

_OUTLOOK_TYPE = "application/vnd.ms-outlook"


def read_attachments(attachments: Iterable[Any], notes: Notes) -> list[FoundFile]:
    """Every readable attachment as a ``FoundFile``; unreadable ones become warnings."""
    files: list[FoundFile] = []
    for attachment in attachments:
        if attachment.type == AttachmentType.MSG:
            files.append(_embedded(attachment))
        elif isinstance(attachment.data, bytes):
            files.extend(_data_file(attachment, notes))
        else:
            notes.add(Phrase(wording.UNSUPPORTED_ATTACHMENT))
    return files


def _embedded(attachment: Any) -> FoundFile:
    inner = attachment.data
    subject = one_line(str(inner.subject or "")).replace("/", "-").replace("\\", "-")
    return FoundFile(
        name_hint=f"{subject or 'attached message'}.msg",
        media_type=_OUTLOOK_TYPE,
        data=inner.exportBytes(),
        fallback_stem="attached message",
    )


def _data_file(attachment: Any, notes: Notes) -> list[FoundFile]:
    name = attachment.longFilename or attachment.shortFilename or attachment.displayName
    media_type = str(attachment.mimetype or "application/octet-stream").strip().lower()
    data: bytes = attachment.data
    if is_tnef(media_type, name):
        expanded = expand_tnef(data, notes)
        if expanded is not None:
            return [
                FoundFile(file.name, "application/octet-stream", file.data) for file in expanded
            ]
    return [FoundFile(str(name) if name else None, media_type, data)]
