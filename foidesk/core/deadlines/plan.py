"""A request's deadlines before 'today' is known: due dates, explanations and answers.

Everything here depends only on the request (its regime, events and
settings), so `clock` caches the result per request and only judges it
against the day each time it is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from foidesk.core.deadlines import response_stage, review_stage
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.planning import PlanContext, Planned
from foidesk.core.deadlines.registry import resolve_regime
from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for


class Plan(NamedTuple):
    """A request's calendar and its planned deadlines, in the order of its life."""

    cal: WorkingCalendar
    deadlines: tuple[Planned, ...]


def plan_deadlines(clock: ClockInput) -> Plan:
    """Every deadline of a request, unjudged, in the order of its life.

    Raises UnknownRegime for an unknown regime id and ValueError for a
    custom rule that does not match the regime.
    """
    regime = resolve_regime(clock.regime, clock.custom)
    ctx = PlanContext(regime, calendar_for(regime.calendar, clock.closures), clock)
    if not clock.events:  # most requests in a list: skip the builders that need events
        items: tuple[Planned | None, ...] = (
            response_stage.response(ctx),
            response_stage.long_overdue(ctx),
        )
    else:
        items = (
            response_stage.response(ctx),
            response_stage.extended_response(ctx),
            response_stage.promised(ctx),
            response_stage.long_overdue(ctx),
            *(build(ctx) for build in _LATER_STAGES),
        )
    return Plan(ctx.cal, tuple(item for item in items if item is not None))


_LATER_STAGES: tuple[Callable[[PlanContext], Planned | None], ...] = (
    response_stage.fee_payment,
    review_stage.review_request_window,
    review_stage.internal_review,
    review_stage.complaint_window,
)
