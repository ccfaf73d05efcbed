"""What the faces are given of sending: a letter as written, a letter in the outbox,
a letter sent, and what a compose window needs to know of a request."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from foidesk.core.records import MessageRecord
from foidesk.core.vocabulary import MessageKind


class LetterState(StrEnum):
    QUEUED = "queued"  # written, with its bytes; nothing sent yet
    SENDING = "sending"  # an attempt has begun; it may have reached the server
    ACCEPTED = "accepted"  # the SMTP server took it: it is sent, the rest is bookkeeping
    SENT = "sent"  # sent and in the thread
    FAILED = "failed"  # the attempt failed, with the server's reason; Retry sends it again
    WAITING = "waiting"  # a draft or a copy: waiting for the user to say it was sent


class Route(StrEnum):
    ACCOUNT = "account"  # sent by foidesk through a mail account
    DRAFT = "draft"  # saved as an .eml draft for the user's mail program
    COPY = "copy"  # copied as text for a web form or another program
    POST = "post"  # printed, or saved as a PDF, for a postal letter


#: The kinds of letter a requester sends to an authority.
SENDABLE_KINDS = (
    MessageKind.REQUEST,
    MessageKind.FOLLOW_UP,
    MessageKind.CLARIFICATION,
    MessageKind.INTERNAL_REVIEW_REQUEST,
    MessageKind.COMPLAINT,
)
#: States a letter is listed in the outbox for (a sent one is in its thread).
WAITING_STATES = frozenset(
    {
        LetterState.QUEUED,
        LetterState.SENDING,
        LetterState.ACCEPTED,
        LetterState.FAILED,
        LetterState.WAITING,
    }
)


@dataclass(frozen=True)
class LetterDraft:
    """A letter as the user wrote it. ``attachments`` are files the user chose: read as
    files, their names only shown (``safe_filename``), never used as paths."""

    request_id: int
    kind: str
    subject: str
    body: str
    attachments: tuple[Path, ...] = ()
    account: str | None = None


@dataclass(frozen=True)
class OutboxRecord:
    id: int
    request_id: int
    request_title: str
    account: str | None
    route: Route
    kind: str
    subject: str
    to: str
    message_id: str
    state: LetterState
    reason: str
    attempts: int
    size: int
    created_at: datetime
    updated_at: datetime
    sent_at: datetime | None
    thread_message_id: int | None
    sent_copy: str


@dataclass(frozen=True)
class SentLetter:
    """A letter that went out. ``sent_copy`` says where its copy is kept in the
    account's Sent folder (or why none could be kept); ``sent_now`` is False when a
    retry found it had already gone out and did not send it again."""

    letter: OutboxRecord
    message: MessageRecord
    sent_copy: str
    sent_now: bool = True


@dataclass(frozen=True)
class ComposeFacts:
    """What a compose window shows of a request before the user writes."""

    request_id: int
    title: str
    authority: str
    to: str | None  # the authority's FOI address; None when it has none
    last_subject: str | None
    accounts: tuple[str, ...]
    #: Each account's sender as a From line shows it ("Sam <sam@example.net>").
    senders: tuple[str, ...] = ()

    @property
    def default_subject(self) -> str:
        """The subject "Re: <last subject>", or the request's title for a first letter."""
        if not self.last_subject:
            return self.title
        subject = self.last_subject.strip()
        return subject if subject.lower().startswith("re:") else f"Re: {subject}"
