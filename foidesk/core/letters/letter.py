"""A filled letter, and the facts it is filled from."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foidesk.core.deadlines import Deadline
from foidesk.core.letters.kinds import LetterKind


@dataclass(frozen=True)
class LetterFacts:
    """What a letter may say about its request: read by the desk, filled in purely."""

    regime: str
    status: str
    title: str
    authority: str
    authority_email: str | None
    reference: str | None
    sent_on: date | None
    received_on: date | None
    body: str
    deadlines: tuple[Deadline, ...]
    today: date
    from_name: str = ""
    from_addr: str | None = None
    #: The Message-ID of the request as sent, so a reply threads under it.
    request_message_id: str | None = None


@dataclass(frozen=True)
class Letter:
    """A letter ready to go: ``to`` is None when there is no address to send it to."""

    kind: LetterKind
    regime: str
    language: str
    to: str | None
    subject: str
    body: str
    from_addr: str | None = None
    from_name: str = ""
    in_reply_to: str | None = None
    custom_template: bool = False
