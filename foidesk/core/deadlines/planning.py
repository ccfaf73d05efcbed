"""What every deadline builder shares: the request's context and how to explain a count."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from foidesk.core.deadlines.counting import Counted, PauseSpan, count_period
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.explanation import Explanation
from foidesk.core.deadlines.periods import PeriodUnit
from foidesk.core.deadlines.regime import Regime, Rule
from foidesk.core.deadlines.timeline import Timeline, fold
from foidesk.core.deadlines.working_calendar import WorkingCalendar

WITHDRAWN_NOTE = "The request was withdrawn or closed, so this deadline no longer applies."


class Planned(NamedTuple):
    """One deadline without its state: what `clock.judge` needs to finish it.

    `applies` is False while the clock stands still or after the requester
    withdrew; `met_on` is the day the deadline was answered, if it was.
    """

    kind: DeadlineKind
    due: date
    explanation: Explanation
    unit: PeriodUnit
    met_on: date | None
    applies: bool


class PlanContext:
    """One request's regime, calendar and timeline, shared by the deadline builders."""

    __slots__ = ("cal", "regime", "school", "stopped", "timeline")

    def __init__(self, regime: Regime, cal: WorkingCalendar, clock: ClockInput) -> None:
        self.regime = regime
        self.cal = cal
        self.timeline = fold(clock.received, clock.events)
        self.school = clock.school
        self.stopped = clock.stopped

    @property
    def response_unit(self) -> PeriodUnit:
        """The unit 'days left' uses for dates the authority names instead of the law."""
        return self.regime.response_rule(self.school).period.unit

    @property
    def clock_running(self) -> bool:
        """False while the response clock stands still (clarification or fee awaited)."""
        t = self.timeline
        return t.response is not None or (t.clarification_asked is None and t.open_fee is None)

    def fee_spans(self) -> tuple[PauseSpan, ...]:
        """Paid fees notices: their days are not counted (FOIA s.10(2) and the like)."""
        fees = self.timeline.fees
        if not fees:
            return ()
        source = self.regime.fee_source
        reason = f"fees notice until payment ({source})" if source else "fees notice until payment"
        return tuple(PauseSpan(f.notice, f.paid, reason) for f in fees if f.paid is not None)

    def count(self, rule: Rule, start: date, paused: bool = False) -> Counted:
        """Count `rule` from `start`; `paused` applies paid fees (response-stage periods only)."""
        spans = self.fee_spans() if paused else ()
        return count_period(self.cal, rule, start, spans, self.regime.roll_source)

    def plan(
        self,
        kind: DeadlineKind,
        due: date,
        explanation: Explanation,
        unit: PeriodUnit,
        met_on: date | None = None,
        applies: bool = True,
    ) -> Planned:
        """A planned deadline; a withdrawn request leaves nothing open."""
        if self.stopped and met_on is None:
            explanation = replace(explanation, notes=(*explanation.notes, WITHDRAWN_NOTE))
            applies = False
        return Planned(kind, due, explanation, unit, met_on, applies)


def explain(
    rule: Rule,
    counted: Counted,
    start: date,
    start_label: str,
    anchor: str,
    notes: tuple[str, ...],
) -> Explanation:
    """The explanation of a counted period, in the words of its rule."""
    return Explanation(
        rule=rule.describe(anchor),
        source=rule.source,
        start=start,
        skipped=counted.skipped,
        pauses=counted.pauses,
        notes=counted.notes + notes if notes else counted.notes,
        due=counted.due,
        start_label=start_label,
        day_one=counted.day_one,
    )


def named_date(rule: str, source: str, start: date, start_label: str, due: date) -> Explanation:
    """A date the authority gave rather than one foidesk counted."""
    return Explanation(rule, source, start, (), (), (), due, start_label)


def response_anchor(t: Timeline) -> tuple[str, str]:
    """Start label and anchor words of the response period: receipt or a clarification."""
    if t.restarted:
        return "Clarification received", "receipt of the clarification"
    return "Received", "receipt"
