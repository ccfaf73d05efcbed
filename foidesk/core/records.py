"""What faces receive from the core: frozen, plain records — never live ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from foidesk.core.deadlines import DeadlineState


@dataclass(frozen=True)
class AuthorityRecord:
    id: int
    name: str
    short_name: str | None
    email: str | None
    jurisdiction: str | None
    default_regime: str
    is_school: bool
    notes: str


@dataclass(frozen=True)
class AttachmentRecord:
    id: int
    message_id: int
    filename: str
    media_type: str
    size: int
    sha256: str
    text_state: str


@dataclass(frozen=True)
class MessageRecord:
    id: int
    request_id: int | None
    direction: str
    kind: str
    sent_at: datetime | None
    received_at: datetime | None
    from_addr: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    subject: str
    body_text: str
    body_html: str | None
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    filed_by: str
    has_original: bool
    attachments: tuple[AttachmentRecord, ...]
    #: Which character sets were assumed in reading it (imported mail only).
    charset_notes: tuple[str, ...] = ()
    #: Imported although another, different message already had its Message-ID.
    message_id_reused: bool = False

    @property
    def date(self) -> datetime | None:
        """The date to show and sort by: when it was sent, else when it arrived."""
        return self.sent_at or self.received_at


@dataclass(frozen=True)
class StatusChangeRecord:
    status: str
    changed_on: date
    note: str


@dataclass(frozen=True)
class ClockEventRecord:
    id: int
    kind: str
    on: date
    until: date | None
    note: str


@dataclass(frozen=True)
class RequestSummary:
    """One row of the request list."""

    id: int
    title: str
    authority_id: int
    authority: str
    regime: str
    status: str
    sent_on: date | None
    reference: str | None
    tags: tuple[str, ...]
    last_activity_at: datetime
    message_count: int


@dataclass(frozen=True)
class RequestDetail:
    """A request with its whole thread, oldest message first."""

    summary: RequestSummary
    received_on: date | None
    body: str
    notes: str
    is_school: bool
    custom_rule: str | None
    messages: tuple[MessageRecord, ...]
    status_history: tuple[StatusChangeRecord, ...]
    clock_events: tuple[ClockEventRecord, ...]

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True)
class NewAttachment:
    """An attachment to store: its display name and where its bytes come from."""

    filename: str
    data: bytes | Path
    media_type: str | None = None


@dataclass(frozen=True)
class NewMessage:
    direction: str
    kind: str
    sent_at: datetime | None = None
    received_at: datetime | None = None
    from_addr: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    body_text: str = ""
    body_html: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    attachments: tuple[NewAttachment, ...] = ()
    original: bytes | Path | None = None
    original_format: str | None = None
    filed_by: str = ""
    charset_notes: tuple[str, ...] = ()
    content_sha256: str | None = None
    message_id_reused: bool = False


@dataclass(frozen=True)
class NewRequest:
    title: str
    authority: str
    sent_on: date | None
    regime: str | None = None
    body: str = ""
    reference: str | None = None
    tags: tuple[str, ...] = ()
    notes: str = ""
    status: str = "waiting_response"
    received_on: date | None = None


@dataclass(frozen=True)
class DayCount:
    """A calendar day's deadlines: how many, and the most pressing state among them."""

    count: int
    worst: DeadlineState


@dataclass(frozen=True)
class ClosureRecord:
    """A day the user marked closed (``closed``) or open despite a holiday."""

    day: date
    name: str
    closed: bool
