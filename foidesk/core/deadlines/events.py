"""What happened to a request, as far as its deadlines care."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from foidesk.core.deadlines.closures import NO_CLOSURES, Closures

if TYPE_CHECKING:
    from foidesk.core.deadlines.custom import CustomRule


class ClockEventKind(StrEnum):
    """Events that start, stop, move or answer a deadline, in the order they usually come."""

    CLARIFICATION_REQUESTED = "clarification_requested"
    CLARIFICATION_RECEIVED = "clarification_received"
    FEE_NOTICE = "fee_notice"
    FEE_PAID = "fee_paid"
    EXTENSION = "extension"
    PROMISED = "promised"
    RESPONSE = "response"
    REVIEW_REQUESTED = "review_requested"
    REVIEW_RESPONSE = "review_response"
    NO_APPEAL_NOTICE = "no_appeal_notice"
    COMPLAINT = "complaint"
    COURT_ACTION = "court_action"


#: Position of each kind in a request's life; breaks ties between events on one day.
KIND_ORDER = {kind: index for index, kind in enumerate(ClockEventKind)}
_KINDS_WITH_DATE = frozenset({ClockEventKind.EXTENSION, ClockEventKind.PROMISED})


@dataclass(frozen=True, slots=True)
class ClockEvent:
    """One event on the day it happened (`on`).

    `until` is a date the authority named: optional for an extension (when
    absent the regime's fixed extension applies), required for a promise,
    and meaningless — so refused — for every other kind. A string kind is
    accepted and converted, since stored events arrive as text.
    """

    kind: ClockEventKind
    on: date
    until: date | None = None

    def __post_init__(self) -> None:
        if type(self.kind) is not ClockEventKind:  # stored events arrive as text
            object.__setattr__(self, "kind", ClockEventKind(self.kind))
        if self.until is None:
            if self.kind is ClockEventKind.PROMISED:
                raise ValueError("a promised event needs the promised date (until)")
            return
        if self.kind not in _KINDS_WITH_DATE:
            raise ValueError(f"a {self.kind} event takes no 'until' date")
        if self.until < self.on:
            raise ValueError(
                f"{self.kind} dated {self.on.isoformat()} names an earlier date, "
                f"{self.until.isoformat()}"
            )


@dataclass(frozen=True, slots=True)
class ClockInput:
    """Everything that decides a request's deadlines; `today` is supplied separately.

    `stopped` means the requester withdrew or closed the request: deadlines
    still open become not applicable. `region` is where the authority is
    (ISO 3166-2, such as AU-NSW), for the laws whose holidays depend on it.
    Events given as a list are stored as a tuple: inputs are cache keys, so
    they must be hashable.
    """

    regime: str
    received: date
    events: tuple[ClockEvent, ...] = ()
    school: bool = False
    custom: CustomRule | None = None
    closures: Closures = NO_CLOSURES
    stopped: bool = False
    region: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.events, tuple):
            object.__setattr__(self, "events", tuple(self.events))
