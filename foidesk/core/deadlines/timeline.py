"""Folding a request's events, in date order, into the facts its deadlines depend on."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from foidesk.core.deadlines.events import KIND_ORDER, ClockEvent, ClockEventKind
from foidesk.core.deadlines.regime import ClarificationEffect, FeeEffect, Regime


@dataclass(slots=True)
class Span:
    """A stretch that stops a clock: a fees notice or a clarification request, and its end."""

    start: date
    end: date | None = None


@dataclass(slots=True)
class Timeline:
    """The state of a request's clocks after its events. Built only by `fold`.

    `start` is day 0 of the response period: receipt, or the day the latest
    clarification (or, where the law says so, the fee) arrived, which starts
    a fresh period (`restarted_by` says which). Where a clarification only
    pauses the clock, its spans are kept in `clarifications` instead; a
    request for information the law does not let stop the clock is counted
    in `ignored_clarifications`. Extensions and promises belong to the stage
    that was open when they were given: the response before the final
    response, the review while one is pending.
    """

    start: date
    regime: Regime
    restarted_by: str | None = None
    clarification_asked: date | None = None
    clarifications: list[Span] = field(default_factory=list)
    ignored_clarifications: list[date] = field(default_factory=list)
    fees: list[Span] = field(default_factory=list)
    extension: ClockEvent | None = None
    promise: ClockEvent | None = None
    promise_kept: date | None = None
    response: date | None = None
    last_response: date | None = None
    response_without_notice: bool = False
    review_requested: date | None = None
    review_extension: ClockEvent | None = None
    review_response: date | None = None
    review_without_notice: bool = False
    complaint: date | None = None
    court_action: date | None = None

    @property
    def restarted(self) -> bool:
        """True when the response period runs from a clarification rather than receipt."""
        return self.restarted_by == "clarification"

    @property
    def review_pending(self) -> bool:
        return self.review_requested is not None and self.review_response is None

    @property
    def open_fee(self) -> Span | None:
        """The fees notice still unpaid, if any."""
        return self.fees[-1] if self.fees and self.fees[-1].end is None else None

    @property
    def open_clarification(self) -> Span | None:
        """A request for information that pauses the clock and is still unanswered."""
        spans = self.clarifications
        return spans[-1] if spans and spans[-1].end is None else None

    @property
    def fee_stops_clock(self) -> bool:
        """An unpaid fee stops the response clock, where the law lets it."""
        return self.open_fee is not None and self.regime.fees.effect is not FeeEffect.NONE

    @property
    def final_word(self) -> date | None:
        """The authority's last answer: the review outcome, else the final response."""
        return self.review_response or self.last_response

    def apply(self, event: ClockEvent) -> None:
        _HANDLERS[event.kind](self, event)


def fold(received: date, events: Iterable[ClockEvent], regime: Regime) -> Timeline:
    """The timeline after all `events`, taken by date (ties in the natural order of a request)."""
    timeline = Timeline(start=received, regime=regime)
    if events:
        for event in sorted(events, key=lambda e: (e.on, KIND_ORDER[e.kind])):
            timeline.apply(event)
    return timeline


def _pauses_for_clarification(t: Timeline) -> bool:
    return t.regime.clarification.effect is ClarificationEffect.PAUSE


def _clarification_requested(t: Timeline, event: ClockEvent) -> None:
    if t.response is not None:
        return
    if not _pauses_for_clarification(t):
        t.clarification_asked = event.on
    elif t.regime.clarification.once and t.clarifications:
        t.ignored_clarifications.append(event.on)  # one request may toll, no more
    elif t.open_clarification is None:
        t.clarifications.append(Span(event.on))
        t.clarification_asked = event.on


def _clarification_received(t: Timeline, event: ClockEvent) -> None:
    """A fresh full period from this day (or the pause ends, where the law pauses)."""
    if t.response is not None or event.on < t.start:
        return
    if _pauses_for_clarification(t):
        open_span = t.open_clarification
        if open_span is not None:
            open_span.end = event.on
            t.clarification_asked = None
        return
    t.start = event.on
    t.restarted_by = "clarification"
    t.clarification_asked = None
    t.extension = None  # an extension of the old period lapses with it


def _fee_notice(t: Timeline, event: ClockEvent) -> None:
    if t.open_fee is None:
        t.fees.append(Span(event.on))


def _fee_paid(t: Timeline, event: ClockEvent) -> None:
    open_fee = t.open_fee
    if open_fee is None:
        return
    open_fee.end = event.on
    if t.regime.fees.effect is FeeEffect.RESTART and t.response is None:
        t.start = event.on
        t.restarted_by = "fee"


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
    t.response_without_notice = False
    _keep_promise(t, event.on)


def _review_requested(t: Timeline, event: ClockEvent) -> None:
    t.review_requested = event.on
    t.review_response = None
    t.review_extension = None
    t.review_without_notice = False


def _review_response(t: Timeline, event: ClockEvent) -> None:
    if t.review_requested is not None:
        t.review_response = event.on
        _keep_promise(t, event.on)


def _no_appeal_notice(t: Timeline, event: ClockEvent) -> None:
    """The latest decision did not say how to challenge it."""
    if t.review_response is not None and event.on >= t.review_response:
        t.review_without_notice = True
    elif t.last_response is not None and event.on >= t.last_response:
        t.response_without_notice = True


def _complaint(t: Timeline, event: ClockEvent) -> None:
    t.complaint = event.on


def _court_action(t: Timeline, event: ClockEvent) -> None:
    t.court_action = event.on


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
    ClockEventKind.NO_APPEAL_NOTICE: _no_appeal_notice,
    ClockEventKind.COMPLAINT: _complaint,
    ClockEventKind.COURT_ACTION: _court_action,
}
