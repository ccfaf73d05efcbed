"""Messages and their files: add, attach, detach, file into a thread or back to Unfiled,
trash and bring back; and the stored files themselves, read-only."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from foidesk.core import phrases
from foidesk.core.changes import Changes, request_changed
from foidesk.core.importing import reasons
from foidesk.core.operations import replies
from foidesk.core.operations.base import DeskBase, Unit, get_row, live_request
from foidesk.core.phrases import Phrase
from foidesk.core.records import AttachmentRecord, MessageRecord, NewAttachment, NewMessage
from foidesk.core.storage import message_writes as messages
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.tables import Attachment, Message, utcnow


def in_thread(request_id: int | None) -> Changes:
    """A message changed in a request's thread (``None``: in the Unfiled tray). Its
    activity may move the request in the list, and the message may move its clock."""
    if request_id is None:
        return Changes(unfiled=True, search_index=True)
    return request_changed(request_id, listing=True) | Changes(search_index=True)


class MessageOperations(DeskBase):
    def add_message(self, request_id: int | None, new: NewMessage) -> MessageRecord:
        """Store a message and its attachments in one unit of work (``None``: Unfiled)."""
        with self.writing_files(in_thread(request_id)) as unit:
            request = live_request(unit.session, request_id) if request_id is not None else None
            row = messages.insert_message(unit.session, unit.files, request, new)
            replies.propose(unit.session, row)
            return convert.message_record(row)

    def attach_files(self, message_id: int, files: Sequence[NewAttachment]) -> MessageRecord:
        """Add files to an existing message (a drop on a message card)."""
        with self.writing_files() as unit:
            row = self._message(unit, message_id)
            _, added = messages.store_files(unit.files, files, len(row.attachments))
            row.attachments.extend(added)
            unit.session.flush()
            return convert.message_record(row)

    def remove_attachment(self, attachment_id: int) -> MessageRecord:
        """Detach a file from its message; the stored file goes only if nothing else uses it."""
        with self.writing_files() as unit:
            row = get_row(unit.session, Attachment, attachment_id, "attachment")
            message = self._message(unit, row.message_id)
            unit.files.release([row.sha256])
            message.attachments.remove(row)
            unit.session.flush()
            return convert.message_record(message)

    def file_message(self, message_id: int, request_id: int | None, *, how: str = "") -> None:
        """Move a message into a request's thread (or back to Unfiled with ``None``)."""
        with self.writing(in_thread(request_id)) as unit:
            row = self._message(unit, message_id)
            request = (
                None if request_id is None else live_request(unit.session, request_id, lock=True)
            )
            row.request = request
            row.filed_by = phrases.encode(how or (Phrase(reasons.FILED_BY_HAND) if request else ""))
            if request is not None:
                request.last_activity_at = max(request.last_activity_at, row.sort_at)
                unit.session.flush()
                replies.propose(unit.session, row, self._head_of(row))

    def delete_message(self, message_id: int) -> None:
        with self.writing() as unit:
            self._message(unit, message_id).deleted_at = utcnow()

    def restore_message(self, message_id: int) -> None:
        with self.writing() as unit:
            self._message(unit, message_id).deleted_at = None

    def unfiled_messages(self) -> list[MessageRecord]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(Message)
                .where(Message.request_id.is_(None), Message.deleted_at.is_(None))
                .options(selectinload(Message.attachments))
                .order_by(Message.sort_at)
            )
            return [convert.message_record(r) for r in rows]

    def get_message(self, message_id: int) -> MessageRecord:
        with self.db.reading() as session:
            return convert.message_record(get_row(session, Message, message_id, "message"))

    def _head_of(self, row: Message) -> bytes:
        """The start of a message's original email, for the headers a proposal reads."""
        if row.raw_sha256 is None:
            return b""
        try:
            with self.store.open(row.raw_sha256) as stream:
                return stream.read(replies.HEAD_BYTES)
        except OSError:  # a missing original: the proposal goes by the words alone
            return b""

    def _message(self, unit: Unit, message_id: int) -> Message:
        """The message, its thread's deadlines noted first: the unit changes that thread."""
        row = get_row(unit.session, Message, message_id, "message")
        if row.request_id is not None:
            unit.touch(row.request_id)
        unit.changed(in_thread(row.request_id))
        return row

    # --- stored files -----------------------------------------------------------------

    def get_attachment(self, attachment_id: int) -> AttachmentRecord:
        with self.db.reading() as session:
            return convert.attachment_record(
                get_row(session, Attachment, attachment_id, "attachment")
            )

    def open_blob(self, sha256: str) -> BinaryIO:
        return self.store.open(sha256)

    def blob_path(self, sha256: str) -> Path:
        """The stored file, read-only by contract: for previews and drag-out copies."""
        return self.store.local_path(sha256)

    def original_of(self, message_id: int) -> bytes | None:
        """The evidence copy of an imported email, byte for byte."""
        with self.db.reading() as session:
            row = get_row(session, Message, message_id, "message")
            return None if row.raw_sha256 is None else self.store.read_bytes(row.raw_sha256)
