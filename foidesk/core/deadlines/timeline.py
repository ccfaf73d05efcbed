"""Folding a request's events, in date order, into the facts its deadlines depend on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from foidesk.core.deadlines.events import KIND_ORDER, ClockEvent, ClockEventKind


@dataclass(slots=True)
class FeeSpan:
    """A fees notice and, once paid, the payment day."""

    notice: date
    paid: date | None = None


@dataclass(slots=True)
class Timeline:
    """The state of a request's clocks after its events. Built only by `fold`.

    `start` is day 0 of the response period: receipt, or the day the latest
    clarification arrived (a fresh period). Extensions and promises belong
    to the stage that was open when they were given: the response before
    the final response, the review while one is pending.
    """

    start: date
    restarted: bool = False
    clarification_asked: date | None = None
    fees: list[FeeSpan] = field(default_factory=list)
    extension: ClockEvent | None = None
    promise: ClockEvent | None = None
    promise_kept: date | None = None
    response: date | None = None
    last_response: date | None = None
    review_requested: date | None = None
    review_extension: ClockEvent | None = None
    review_response: date | None = None
    complaint: date | None = None

    @property
    def review_pending(self) -> bool:
        return self.review_requested is not None and self.review_response is None

    @property
    def open_fee(self) -> FeeSpan | None:
        """The fees notice still unpaid, if any: it stops the response clock."""
        return self.fees[-1] if self.fees and self.fees[-1].paid is None else None

    @property
    def final_word(self) -> date | None:
        """The authority's last answer: the review outcome, else the final response."""
        return self.review_response or self.last_response

    def apply(self, event: ClockEvent) -> None:
        _HANDLERS[event.kind](self, event)


def fold(received: date, events: Iterable[ClockEvent]) -> Timeline:
    """The timeline after all `events`, taken by date (ties in the natural order of a request)."""
    timeline = Timeline(start=received)
    if events:
        for event in sorted(events, key=lambda e: (e.on, KIND_ORDER[e.kind])):
            timeline.apply(event)
    return timeline


def _clarification_requested(t: Timeline, event: ClockEvent) -> None:
    if t.response is None:
        t.clarification_asked = event.on


def _clarification_received(t: Timeline, event: ClockEvent) -> None:
    """A fresh full period from this day; an extension of the old period lapses with it."""
    if t.response is None and event.on >= t.start:
        t.start = event.on
        t.restarted = True
        t.clarification_asked = None
        t.extension = None


def _fee_notice(t: Timeline, event: ClockEvent) -> None:
    if t.open_fee is None:
        t.fees.append(FeeSpan(event.on))


def _fee_paid(t: Timeline, event: ClockEvent) -> None:
    open_fee = t.open_fee
    if open_fee is not None:
        open_fee.paid = event.on


def _extension(t: Timeline, event: ClockEvent) -> None:
    if t.review_pending:
        t.review_extension = event
    elif t.response is None:
        t.extension = event


def _promised(t: Timeline, event: ClockEvent) -> None:
    t.promise = event
    t.promise_kept = None


def _response(t: Timeline, event: ClockEvent) -> None:
    if t.response is None:
        t.response = event.on
        t.clarification_asked = None
    t.last_response = event.on
    _keep_promise(t, event.on)


def _review_requested(t: Timeline, event: ClockEvent) -> None:
    t.review_requested = event.on
    t.review_response = None
    t.review_extension = None


def _review_response(t: Timeline, event: ClockEvent) -> None:
    if t.review_requested is not None:
        t.review_response = event.on
        _keep_promise(t, event.on)


def _complaint(t: Timeline, event: ClockEvent) -> None:
    t.complaint = event.on


def _keep_promise(t: Timeline, answered: date) -> None:
    if t.promise is not None and t.promise_kept is None:
        t.promise_kept = answered


_HANDLERS: dict[ClockEventKind, Callable[[Timeline, ClockEvent], None]] = {
    ClockEventKind.CLARIFICATION_REQUESTED: _clarification_requested,
    ClockEventKind.CLARIFICATION_RECEIVED: _clarification_received,
    ClockEventKind.FEE_NOTICE: _fee_notice,
    ClockEventKind.FEE_PAID: _fee_paid,
    ClockEventKind.EXTENSION: _extension,
    ClockEventKind.PROMISED: _promised,
    ClockEventKind.RESPONSE: _response,
    ClockEventKind.REVIEW_REQUESTED: _review_requested,
    ClockEventKind.REVIEW_RESPONSE: _review_response,
    ClockEventKind.COMPLAINT: _complaint,
}
