"""The table search adds: the text read from each attachment.

Kept apart from ``attachment`` so that the list and thread views, which load
attachments often, never drag megabytes of extracted text along. A row exists
exactly when the attachment's ``text_state`` is ``done``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column

from foidesk.core.storage.tables import Base, UTCDateTime, utcnow


class AttachmentText(Base):
    __tablename__ = "attachment_text"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text)
    extracted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
