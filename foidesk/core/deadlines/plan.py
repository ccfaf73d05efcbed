"""A request's deadlines before 'today' is known: due dates, explanations and answers.

Everything here depends only on the request (its regime, events and
settings), so `clock` caches the result per request and only judges it
against the day each time it is asked.
"""

from __future__ import annotations

from typing import NamedTuple

from foidesk.core.deadlines import response_stage, review_stage
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.later_stage import later_stage
from foidesk.core.deadlines.planning import PlanContext, Planned
from foidesk.core.deadlines.regime import Regime
from foidesk.core.deadlines.regions import choose_calendar
from foidesk.core.deadlines.registry import resolve_regime
from foidesk.core.deadlines.stages import Opens, Stage
from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for

#: Openings a request without any event can reach: silence, or the request itself.
_SILENT_OPENINGS = frozenset({Opens.UNANSWERED, Opens.RESPONSE_PERIOD, Opens.APPLICATION})


class Plan(NamedTuple):
    """A request's calendar and its planned deadlines, in the order of its life."""

    cal: WorkingCalendar
    deadlines: tuple[Planned, ...]


def plan_context(clock: ClockInput) -> PlanContext:
    """The regime, the calendar for the authority's region and the folded timeline.

    Raises UnknownRegime for an unknown regime id and ValueError for a
    custom rule that does not match the regime.
    """
    regime = resolve_regime(clock.regime, clock.custom)
    choice = choose_calendar(regime.region, regime.calendar, clock.region)
    return PlanContext(regime, calendar_for(choice.calendar, clock.closures), clock, choice)


def plan_deadlines(clock: ClockInput) -> Plan:
    """Every deadline of a request, unjudged, in the order of its life."""
    ctx = plan_context(clock)
    regime = ctx.regime
    if not clock.events:  # most requests in a list: only what silence can open
        items: list[Planned | None] = [
            response_stage.response(ctx),
            response_stage.long_overdue(ctx),
        ]
        items.extend(later_stage(ctx, stage) for stage in _silent_stages(regime))
    else:
        items = [
            response_stage.response(ctx),
            response_stage.extended_response(ctx),
            response_stage.promised(ctx),
            response_stage.long_overdue(ctx),
            response_stage.fee_payment(ctx),
        ]
        review = review_stage.internal_review(ctx)  # counted first: later stages need its date
        first, rest = _split(regime.stages)
        items.extend(later_stage(ctx, stage) for stage in first)
        items.append(review)
        items.extend(later_stage(ctx, stage) for stage in rest)
    return Plan(ctx.cal, tuple(item for item in items if item is not None))


def _silent_stages(regime: Regime) -> tuple[Stage, ...]:
    """The stages silence can open, worked out once per regime: most requests need only these."""
    found = _SILENT_BY_REGIME.get(regime.id)  # a custom rule's regime has no stages
    if found is None:
        found = tuple(s for s in regime.stages if _SILENT_OPENINGS.intersection(s.opens))
        _SILENT_BY_REGIME[regime.id] = found
    return found


_SILENT_BY_REGIME: dict[str, tuple[Stage, ...]] = {}


def _split(stages: tuple[Stage, ...]) -> tuple[tuple[Stage, ...], tuple[Stage, ...]]:
    """The review-request window comes before the review in a request's life; the rest after."""
    first = tuple(s for s in stages if s.kind is DeadlineKind.REVIEW_REQUEST_WINDOW)
    return first, tuple(s for s in stages if s.kind is not DeadlineKind.REVIEW_REQUEST_WINDOW)
