"""The tables search adds: the text read from each attachment, and each scanned page's
recognised text.

Kept apart from ``attachment`` so that the list and thread views, which load
attachments often, never drag megabytes of extracted text along. A row exists
exactly when the attachment's ``text_state`` is ``done``.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from foidesk.core.storage.tables import Base, UTCDateTime, utcnow


class AttachmentText(Base):
    __tablename__ = "attachment_text"

    attachment_id: Mapped[int] = mapped_column(
        ForeignKey("attachment.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text)
    extracted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OcrPage(Base):
    """One page of a scan as text recognition left it, keyed by the file's content.

    Kept per page so that a run stopped halfway goes on at the first page not yet
    recorded, ``search --status`` can count pages, and the preview can mark a hit's
    words where they stand on the page image (``words``: compact JSON, each word as
    ``[left, top, width, height, text]`` in fractions of the page image). Keyed by
    content, like the store, so a scan attached twice is read once.
    ``state`` is ``waiting`` (counted, not read), ``ok``, ``failed`` or ``timeout``.
    """

    __tablename__ = "ocr_page"

    sha256: Mapped[str] = mapped_column(
        ForeignKey("blob.sha256", ondelete="CASCADE"), primary_key=True
    )
    page: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    state: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float | None] = mapped_column(Float)
    words: Mapped[str] = mapped_column(Text, default="[]")
    languages: Mapped[str] = mapped_column(String(100), default="")
    engine: Mapped[str] = mapped_column(String(40), default="")
    note: Mapped[str | None] = mapped_column(Text)
    recognised_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
