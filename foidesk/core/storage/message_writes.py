"""Writing one message with its files: shared by hand entry, the importer and the sample."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from sqlalchemy.orm import Session

from foidesk.core import phrases
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.file_writes import BlobTransaction
from foidesk.core.storage.server_locks import lock_row
from foidesk.core.storage.tables import Attachment, Message, Request, utcnow
from foidesk.core.vocabulary import Direction, MessageKind, parse_choice


def insert_message(
    session: Session, blobs: BlobTransaction, request: Request | None, new: NewMessage
) -> Message:
    """Add ``new`` (with its original and attachments) to ``request``'s thread, or Unfiled."""
    direction = parse_choice(Direction, new.direction, "direction")
    kind = parse_choice(MessageKind, new.kind, "message kind")
    if request is not None:
        lock_row(session, request)
    row = message_row(new, direction, kind)
    session.add(row)
    row.request = request
    row.raw_sha256, attachments = store_files(blobs, new.attachments, 0, new.original)
    row.attachments.extend(attachments)
    if request is not None:
        request.last_activity_at = max(request.last_activity_at, row.sort_at)
    session.flush()
    return row


def message_row(new: NewMessage, direction: Direction, kind: MessageKind) -> Message:
    for moment in (new.sent_at, new.received_at):
        if moment is not None and moment.tzinfo is None:
            raise InvalidInputError(_("message times must carry a time zone"))
    return Message(
        direction=direction.value,
        kind=kind.value,
        sent_at=new.sent_at,
        received_at=new.received_at,
        sort_at=new.sent_at or new.received_at or utcnow(),
        from_addr=new.from_addr,
        to_addrs=convert.join_addresses(new.to),
        cc_addrs=convert.join_addresses(new.cc),
        subject=new.subject,
        body_text=new.body_text,
        body_html=new.body_html,
        message_id=new.message_id,
        in_reply_to=new.in_reply_to,
        references=" ".join(new.references),
        raw_format=new.original_format,
        filed_by=phrases.encode(new.filed_by),
        charset_notes="\n".join(phrases.encode(note) for note in new.charset_notes),
        content_sha256=new.content_sha256,
        message_id_reused=new.message_id_reused,
    )


def store_files(
    blobs: BlobTransaction,
    files: Sequence[NewAttachment],
    start: int,
    original: bytes | Path | None = None,
) -> tuple[str | None, list[Attachment]]:
    """Store attachments (positions from ``start``) and an email's original bytes in one
    go, so that they reach the disk together; returns the original's digest and the rows.
    A ``Path`` (an attachment, or the original) is copied from the file, never read whole."""
    with ExitStack() as opened:
        contents = [_readable(opened, f) for f in files]
        extra = [] if original is None else [_open(opened, original)]
        stored = blobs.add_all([*contents, *extra])
    rows = [
        _attachment_row(new, start + offset, sha256, size)
        for offset, (new, (sha256, size)) in enumerate(zip(files, stored, strict=False))
    ]
    return (stored[-1][0] if original is not None else None), rows


def _readable(opened: ExitStack, new: NewAttachment) -> bytes | BinaryIO:
    return _open(opened, new.data)


def _open(opened: ExitStack, data: bytes | Path) -> bytes | BinaryIO:
    if not isinstance(data, Path):
        return data
    try:
        return opened.enter_context(data.open("rb"))
    except OSError as exc:
        raise InvalidInputError(
            _("cannot read {name}: {strerror}").format(name=data.name, strerror=exc.strerror)
        ) from exc


def _attachment_row(new: NewAttachment, position: int, sha256: str, size: int) -> Attachment:
    from foidesk.core.mail.names import safe_filename  # the mail package: only when a file comes

    name = safe_filename(new.filename)
    media_type = new.media_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
    return Attachment(
        position=position, filename=name, media_type=media_type, size=size, sha256=sha256
    )


def digests_of(message: Message) -> list[str]:
    digests = [a.sha256 for a in message.attachments]
    if message.raw_sha256:
        digests.append(message.raw_sha256)
    return digests
