"""How far attachment reading has got, and which files could not be read and why.

Failures are never fatal to an import, so they must be visible somewhere:
``foidesk search --status`` and the search panel show this summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update

from foidesk.core import phrases
from foidesk.core.search.service import INDEX_CHANGED, DeskLike
from foidesk.core.search.states import TextState
from foidesk.core.search.tables import AttachmentText
from foidesk.core.storage.tables import Attachment, Message

MAX_LISTED = 200


@dataclass(frozen=True)
class UnreadAttachment:
    attachment_id: int
    message_id: int
    request_id: int | None
    filename: str
    state: str
    reason: str


@dataclass(frozen=True)
class TextStatus:
    counts: dict[str, int]
    problems: tuple[UnreadAttachment, ...]

    @property
    def pending(self) -> int:
        return self.counts.get(TextState.PENDING.value, 0)


def text_status(desk: DeskLike) -> TextStatus:
    """Attachments per text state, and up to ``MAX_LISTED`` that failed or are scans."""
    with desk.db.reading() as session:
        counts = dict(
            session.execute(
                select(Attachment.text_state, func.count()).group_by(Attachment.text_state)
            ).all()
        )
        rows = session.execute(
            select(
                Attachment.id,
                Attachment.message_id,
                Message.request_id,
                Attachment.filename,
                Attachment.text_state,
                Attachment.text_error,
            )
            .join(Message, Message.id == Attachment.message_id)
            .where(Attachment.text_state.in_([TextState.FAILED.value, TextState.SCANNED.value]))
            .order_by(Attachment.id.desc())
            .limit(MAX_LISTED)
        ).all()
    problems = tuple(
        UnreadAttachment(*row[:5], reason=phrases.decode(row[5] or "")) for row in rows
    )
    return TextStatus({str(k): int(v) for k, v in counts.items()}, problems)


def mark_all_pending(desk: DeskLike) -> int:
    """Forget every attachment's text so that all are read again (``--re-extract``)."""
    with desk.writing(INDEX_CHANGED) as unit:
        session = unit.session
        session.execute(delete(AttachmentText))
        result = session.execute(
            update(Attachment).values(text_state=TextState.PENDING.value, text_error=None)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]
