"""What every deadline builder shares: the request's context and how to explain a count."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import NamedTuple

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.closures import Closures
from foidesk.core.deadlines.counting import Counted, PauseSpan, count_period
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.explanation import Explanation
from foidesk.core.deadlines.periods import PeriodUnit
from foidesk.core.deadlines.regime import ClarificationEffect, FeeEffect, Regime, Rule
from foidesk.core.deadlines.regions import RegionChoice
from foidesk.core.deadlines.timeline import Timeline, fold
from foidesk.core.deadlines.wording import planning as say
from foidesk.core.deadlines.wording import response as said
from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for
from foidesk.core.i18n import _

WITHDRAWN_NOTE = say.WITHDRAWN


class Planned(NamedTuple):
    """One deadline without its state: what `clock.judge` needs to finish it.

    `applies` is False while the clock stands still or after the requester
    withdrew; `met_on` is the day the deadline was answered, if it was;
    `opens_on` is the first day of a stage that opens only when the
    authority's time has run out.
    """

    kind: DeadlineKind
    due: date
    explanation: Explanation
    unit: PeriodUnit
    met_on: date | None
    applies: bool
    opens_on: date | None = None


class PlanContext:
    """One request's regime, calendar and timeline, shared by the deadline builders.

    The response and review deadlines are remembered once counted: the later
    stages that open when they pass unanswered need them again.
    """

    __slots__ = (
        "_review_due",
        "cal",
        "closures",
        "regime",
        "region",
        "response_due",
        "school",
        "stopped",
        "timeline",
    )

    def __init__(
        self, regime: Regime, cal: WorkingCalendar, clock: ClockInput, region: RegionChoice
    ) -> None:
        self.regime = regime
        self.cal = cal
        self.closures: Closures = clock.closures
        self.region = region
        self.timeline: Timeline = fold(clock.received, clock.events, regime)
        self.school = clock.school
        self.stopped = clock.stopped
        self.response_due: date | None = None
        self._review_due: date | None = None

    @property
    def response_unit(self) -> PeriodUnit:
        """The unit 'days left' uses for dates the authority names instead of the law."""
        return self.regime.response_rule(self.school).period.unit

    @property
    def clock_running(self) -> bool:
        """False while the response clock stands still (clarification or fee awaited)."""
        t = self.timeline
        if t.response is not None:
            return True
        return t.clarification_asked is None and not t.fee_stops_clock

    def pause_spans(self) -> tuple[PauseSpan, ...]:
        """Stretches the response clock did not run: paid fees, answered information requests.

        Only where the law pauses for them (FOIA s.10(2), 5 U.S.C. 552(a)(6)(A)(ii));
        elsewhere a fee changes nothing or restarts the period.
        """
        t, regime = self.timeline, self.regime
        spans: list[PauseSpan] = []
        if t.fees and regime.fees.effect is FeeEffect.PAUSE:
            reason = _reason(_(said.FEE_PAUSED), regime.fees.source)
            spans.extend(PauseSpan(f.start, f.end, reason) for f in t.fees if f.end is not None)
        if t.clarifications and regime.clarification.effect is ClarificationEffect.PAUSE:
            reason = _reason(_(said.CLARIFICATION_PAUSED), regime.clarification.source)
            spans.extend(
                PauseSpan(c.start, c.end, reason) for c in t.clarifications if c.end is not None
            )
        spans.sort(key=lambda span: span.start)
        return tuple(spans)

    def count(
        self, rule: Rule, start: date, paused: bool = False, cal: WorkingCalendar | None = None
    ) -> Counted:
        """Count `rule` from `start`; `paused` leaves out the response clock's pauses."""
        spans = self.pause_spans() if paused else ()
        return count_period(cal or self.cal, rule, start, spans, self.regime.roll_source)

    def calendar(self, spec: CalendarSpec | None) -> WorkingCalendar:
        """The request's calendar, or a stage's own (a court's), with the user's closures."""
        return self.cal if spec is None else calendar_for(spec, self.closures)

    def review_due(self) -> date | None:
        """The internal review's deadline, counted once (`review_stage` sets it)."""
        return self._review_due

    def remember_review_due(self, due: date) -> None:
        self._review_due = due

    def plan(
        self,
        kind: DeadlineKind,
        due: date,
        explanation: Explanation,
        unit: PeriodUnit,
        met_on: date | None = None,
        applies: bool = True,
        opens_on: date | None = None,
    ) -> Planned:
        """A planned deadline; a withdrawn request leaves nothing open."""
        if self.stopped and met_on is None:
            explanation = replace(explanation, notes=(*explanation.notes, _(WITHDRAWN_NOTE)))
            applies = False
        return Planned(kind, due, explanation, unit, met_on, applies, opens_on)


def _reason(words: str, source: str) -> str:
    return _(said.REASON_WITH_SOURCE).format(reason=words, source=source) if source else words


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
        source=_(rule.source),
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
    """Start label and anchor words of the response period: receipt, clarification or fee."""
    if t.restarted_by == "clarification":
        return _(said.CLARIFICATION_RECEIVED), said.receipt_of_clarification()
    if t.restarted_by == "fee":
        return _(said.FEE_RECEIVED), said.receipt_of_fee()
    return _(said.RECEIVED), said.receipt()
