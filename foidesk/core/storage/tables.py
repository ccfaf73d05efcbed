"""The database tables, as SQLAlchemy 2.0 typed declarative classes.

Only the core touches these; faces get the frozen records in ``records.py``.
The schema itself is owned by the Alembic migrations in ``migrations/``; a test
checks that the two agree.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, stored as naive UTC on every dialect."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


request_tag = Table(
    "request_tag",
    Base.metadata,
    Column("request_id", ForeignKey("request.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Authority(Base):
    __tablename__ = "authority"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(320), index=True)
    jurisdiction: Mapped[str | None] = mapped_column(String(100))
    # ISO 3166-2 code (AU-NSW, DE-BY, GB-SCT): whose holidays some laws count (migration 0006)
    region: Mapped[str | None] = mapped_column(String(10), index=True)
    default_regime: Mapped[str] = mapped_column(String(40))
    is_school: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    requests: Mapped[list[Request]] = relationship(back_populates="authority")


class Tag(Base):
    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)


class Request(Base):
    __tablename__ = "request"
    __table_args__ = (
        Index("ix_request_status_deleted", "status", "deleted_at"),
        # covers the request list's filter and default order (migration 0004)
        Index(
            "ix_request_list",
            "last_activity_at",
            "id",
            "deleted_at",
            "status",
            "authority_id",
            "title",
            "reference",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    authority_id: Mapped[int] = mapped_column(ForeignKey("authority.id"), index=True)
    regime: Mapped[str] = mapped_column(String(40))
    custom_rule: Mapped[str | None] = mapped_column(Text)
    sent_on: Mapped[date | None] = mapped_column(Date)
    received_on: Mapped[date | None] = mapped_column(Date)
    body: Mapped[str] = mapped_column(Text, default="")
    reference: Mapped[str | None] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    last_activity_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Counts the writes to this row: each UPDATE names the version it read and bumps
    #: it, so a write on a stale copy fails instead of replacing another member's
    #: (migration 0013).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(200))

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's own)

    authority: Mapped[Authority] = relationship(back_populates="requests")
    tags: Mapped[list[Tag]] = relationship(secondary=request_tag, order_by=Tag.name)
    messages: Mapped[list[Message]] = relationship(back_populates="request")
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="request", order_by="StatusChange.id", cascade="all, delete-orphan"
    )
    clock_events: Mapped[list[ClockEventRow]] = relationship(
        back_populates="request", order_by="ClockEventRow.on", cascade="all, delete-orphan"
    )


class StatusChange(Base):
    """Every status a request has had, with the day it took effect."""

    __tablename__ = "status_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("request.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(40))
    changed_on: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    changed_by: Mapped[str | None] = mapped_column(String(200))

    request: Mapped[Request] = relationship(back_populates="status_changes")


class ClockEventRow(Base):
    """An event that moves a request's statutory clock and is not a message by itself:
    an extension notice, a fee notice and its payment, a date the authority promised."""

    __tablename__ = "clock_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("request.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    on: Mapped[date] = mapped_column(Date)
    until: Mapped[date | None] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[Request] = relationship(back_populates="clock_events")


class Blob(Base):
    """One file in the content-addressed store. Its users are counted by query, so the
    count can never drift from the rows that actually refer to it."""

    __tablename__ = "blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Message(Base):
    """One piece of correspondence. ``request_id`` is empty while the message sits in
    the Unfiled tray."""

    __tablename__ = "message"
    __table_args__ = (Index("ix_message_request_order", "request_id", "sort_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("request.id", ondelete="CASCADE"))
    direction: Mapped[str] = mapped_column(String(20))
    kind: Mapped[str] = mapped_column(String(40))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sort_at: Mapped[datetime] = mapped_column(UTCDateTime)
    from_addr: Mapped[str] = mapped_column(Text, default="")
    to_addrs: Mapped[str] = mapped_column(Text, default="")
    cc_addrs: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    body_text: Mapped[str] = mapped_column(Text, default="")
    body_html: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(998), index=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(998))
    references: Mapped[str] = mapped_column(Text, default="")
    raw_sha256: Mapped[str | None] = mapped_column(ForeignKey("blob.sha256"), index=True)
    raw_format: Mapped[str | None] = mapped_column(String(10))
    filed_by: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # migration 0006: how an imported message was read (see importing/duplicates.py)
    charset_notes: Mapped[str] = mapped_column(Text, default="", server_default="")
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    message_id_reused: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    request: Mapped[Request | None] = relationship(back_populates="messages")
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="message", order_by="Attachment.position", cascade="all, delete-orphan"
    )


class Attachment(Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(255))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blob.sha256"), index=True)
    text_state: Mapped[str] = mapped_column(String(20), default="pending")
    text_error: Mapped[str | None] = mapped_column(Text)

    message: Mapped[Message] = relationship(back_populates="attachments")


class ClosureDay(Base):
    """A day the user says is (or is not) a working day, beyond the holiday tables."""

    __tablename__ = "closure_day"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(200))
    closed: Mapped[bool] = mapped_column(Boolean, default=True)


class Setting(Base):
    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class ProfileIdentity(Base):
    """The one row naming the profile this database belongs to (see ``marker.py``)."""

    __tablename__ = "profile_identity"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    profile_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ReplyProposal(Base):
    """What foidesk thinks an authority's reply is (``core/replies``), kept until the
    user confirms or corrects it; nothing it proposes is applied before that. The
    decision keeps what it replaced (the message's kind, the request's status, the
    clock event it recorded) so that undo puts everything back. Migration 0010."""

    __tablename__ = "reply_proposal"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("message.id", ondelete="CASCADE"), unique=True
    )
    kind: Mapped[str] = mapped_column(String(40))
    status: Mapped[str | None] = mapped_column(String(40))
    until: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str] = mapped_column(Text, default="[]")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    chosen_kind: Mapped[str | None] = mapped_column(String(40))
    chosen_status: Mapped[str | None] = mapped_column(String(40))
    previous_kind: Mapped[str | None] = mapped_column(String(40))
    previous_status: Mapped[str | None] = mapped_column(String(40))
    status_change_id: Mapped[int | None] = mapped_column(
        ForeignKey("status_change.id", ondelete="SET NULL")
    )
    clock_event_id: Mapped[int | None] = mapped_column(
        ForeignKey("clock_event.id", ondelete="SET NULL")
    )
