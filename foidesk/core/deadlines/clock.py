"""All deadlines of one request, judged on a given day.

Planning (counting periods, writing explanations) depends only on the
request, so plans are cached per `ClockInput`; judging against `today` is
cheap and done on every call. A request list of thousands redraws in
milliseconds, and a changed request is simply a new key.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from foidesk.core.deadlines.deadline import Deadline, DeadlineState, Standing, judge
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.plan import Plan, plan_deadlines

# Enough for every request of a large newsroom desk; about a kilobyte each.
PLAN_CACHE_SIZE = 16_384


def request_deadlines(clock: ClockInput, today: date) -> tuple[Deadline, ...]:
    """Every deadline of a request, in the order of its life, with its state on `today`.

    Raises UnknownRegime for an unknown regime id and ValueError for a
    custom rule that does not match the regime.
    """
    cal, planned = _cached_plan(clock)
    deadlines = []
    for kind, due, explanation, unit, met_on, applies, opens_on in planned:
        if kind.is_opening:
            opens_on = due
        not_yet = opens_on is not None and today < opens_on and met_on is None and applies
        if not_yet:
            standing = Standing(DeadlineState.NOT_APPLICABLE)
        elif kind.is_opening and met_on is None and applies:
            standing = Standing(DeadlineState.UPCOMING)  # open, and it stays open
        else:
            if kind.is_window and met_on is None and today > due:
                applies = False  # a window that has passed is closed, not overdue
            standing = judge(cal, unit, due, today, met_on, applies)
        state, days_left, late_by = standing
        deadlines.append(
            Deadline(
                kind,
                due,
                state,
                days_left,
                explanation,
                kind.label,
                late_by,
                met_on,
                unit,
                opens_on if not_yet else None,
            )
        )
    return tuple(deadlines)


@lru_cache(maxsize=PLAN_CACHE_SIZE)
def _cached_plan(clock: ClockInput) -> Plan:
    return plan_deadlines(clock)


def clear_plan_cache() -> None:
    """Forget cached plans — for benchmarks measuring the uncached cost, and for tests."""
    _cached_plan.cache_clear()
