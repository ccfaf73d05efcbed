"""What faces receive from the core: frozen, plain records — never live ORM objects."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path

from foidesk.core.deadlines import Deadline, DeadlineKind, DeadlineState
from foidesk.core.i18n import N_, _
from foidesk.core.vocabulary import OPEN_STATUSES, RequestStatus


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
    region: str | None = None


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
    changed_by: str | None = None  # the member; None from before members were recorded


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
    #: The version shown: a face passes it back with an edit (``expected_version``),
    #: which is refused with ``ChangedElsewhere`` if another write came in between.
    version: int = 1
    changed_by: str | None = None
    changed_at: datetime | None = None

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


# --- the request list ------------------------------------------------------------------

NextDeadlines = Mapping[int, Deadline]


class StatusGroup(StrEnum):
    """The groups the list filters by, in the words requesters use."""

    ALL = "all"
    AWAITING = "awaiting"
    OVERDUE = "overdue"
    NEEDS_ACTION = "needs_action"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        """In the current language."""
        return _(_GROUP_LABELS[self])


_GROUP_LABELS = {
    StatusGroup.ALL: N_("All requests"),
    StatusGroup.AWAITING: N_("Awaiting a reply"),
    StatusGroup.OVERDUE: N_("Overdue"),
    StatusGroup.NEEDS_ACTION: N_("Needs action"),
    StatusGroup.COMPLETE: N_("Complete"),
}

#: Deadlines that bind the requester, not the authority: a window they can miss.
REQUESTER_DEADLINES = frozenset(kind for kind in DeadlineKind if kind.is_window)
COMPLETE_STATUSES = frozenset(RequestStatus) - OPEN_STATUSES - {RequestStatus.DRAFT}


class SortKey(StrEnum):
    TITLE = "title"
    AUTHORITY = "authority"
    STATUS = "status"
    NEXT_DEADLINE = "next_deadline"
    LAST_ACTIVITY = "last_activity"


@dataclass(frozen=True)
class ListQuery:
    """What the user asked the list to show, in what order."""

    text: str = ""
    group: StatusGroup = StatusGroup.ALL
    authority_id: int | None = None
    tag: str | None = None
    regime: str | None = None
    sort: SortKey = SortKey.LAST_ACTIVITY
    descending: bool = True

    @property
    def needs_deadlines(self) -> bool:
        """Whether the ids themselves depend on deadlines (not only the rows' column)."""
        deadline_groups = (StatusGroup.OVERDUE, StatusGroup.NEEDS_ACTION)
        return self.sort is SortKey.NEXT_DEADLINE or self.group in deadline_groups


@dataclass(frozen=True)
class RequestRow:
    """One painted row of the request list."""

    id: int
    title: str
    authority: str
    status: str
    regime: str
    reference: str | None
    tags: tuple[str, ...]
    sent_on: date | None
    last_activity_at: datetime
    next_deadline: Deadline | None
    #: Replies in its thread whose proposal waits for the user (``core/replies``).
    unconfirmed_replies: int = 0

    @property
    def status_label(self) -> str:
        return RequestStatus(self.status).label


@dataclass(frozen=True)
class FilterChoices:
    """What the filter menus offer: only authorities, tags and regimes in use."""

    authorities: tuple[tuple[int, str], ...]
    tags: tuple[str, ...]
    regimes: tuple[str, ...]


# --- foidesk check ---------------------------------------------------------------------


@dataclass(frozen=True)
class Leftover:
    """Something a killed writer left behind: harmless, and removed by a repair."""

    kind: str  # "staged file", "marker", "in-use mark", "backup work folder"
    path: Path
    size: int


@dataclass(frozen=True)
class CheckReport:
    """``foidesk check``: the database's own checks, the store's re-hash, the leftovers."""

    database_problems: tuple[str, ...]
    blobs_checked: int
    missing_blobs: tuple[str, ...]
    corrupt_blobs: tuple[str, ...]
    unreferenced_blobs: tuple[str, ...]
    notes: tuple[str, ...] = field(default=())
    damaged: bool = False
    leftovers: tuple[Leftover, ...] = field(default=())
    repair_refusal: str | None = None  # why a repair must delete nothing, if it must not

    @property
    def ok(self) -> bool:
        return not (self.database_problems or self.missing_blobs or self.corrupt_blobs)


@dataclass(frozen=True)
class RemovedFile:
    sha256: str
    size: int


@dataclass(frozen=True)
class RepairPlan:
    files: tuple[RemovedFile, ...]
    leftovers: tuple[Leftover, ...]

    @property
    def empty(self) -> bool:
        return not (self.files or self.leftovers)


@dataclass(frozen=True)
class ProposalSign:
    """One sign a reply proposal rests on (``core/replies``): what kind of sign
    (header, phrase, exemption, not_held_section, attachment, thread, date), what was
    found as written, the kind it points to and its weight."""

    signal: str
    text: str
    toward: str
    weight: float


@dataclass(frozen=True)
class ReplyProposalRecord:
    """What foidesk proposes an authority's reply is, and what the user decided.

    ``kind`` is a ``ReplyKind`` value; ``status`` the request's status after it (None:
    it stays as it is); ``until`` the date an extension names. ``decided`` once the user
    confirmed or corrected it: ``chosen_kind`` / ``chosen_status`` are what they chose.
    ``request_status`` is the request's status now."""

    message_id: int
    request_id: int | None
    kind: str
    status: str | None
    until: date | None
    evidence: tuple[ProposalSign, ...]
    decided: bool
    chosen_kind: str | None
    chosen_status: str | None
    request_status: str | None
    clock_event_id: int | None = None

    @property
    def is_open(self) -> bool:
        return not self.decided


@dataclass(frozen=True)
class WordBox:
    """A recognised word's place on its page image, in fractions of the image's width and
    height (so it fits the page at any size it is shown)."""

    left: float
    top: float
    width: float
    height: float
    text: str


@dataclass(frozen=True)
class PageMarks:
    """The words of one scanned page (0-based ``page``) that match a search."""

    page: int
    boxes: tuple[WordBox, ...]
