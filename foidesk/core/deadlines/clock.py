"""All deadlines of one request, judged on a given day.

Planning (counting periods, writing explanations) depends only on the
request and on the language its explanations are written in, so plans are cached per
`ClockInput` and language; judging against `today` is cheap and done on every call.
A request list of thousands redraws in milliseconds, and a changed request is simply
a new key.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from foidesk.core.deadlines.deadline import Deadline, DeadlineKind, DeadlineState, Standing, judge
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.plan import Plan, plan_deadlines
from foidesk.core.i18n import current_language

# Enough for every request of a large newsroom desk; about a kilobyte each.
PLAN_CACHE_SIZE = 16_384


def request_deadlines(clock: ClockInput, today: date) -> tuple[Deadline, ...]:
    """Every deadline of a request, in the order of its life, with its state on `today`.

    Raises UnknownRegime for an unknown regime id and ValueError for a
    custom rule that does not match the regime.
    """
    cal, planned = _cached_plan(clock, current_language())
    deadlines = []
    for kind, due, explanation, unit, met_on, applies, opens_on in planned:
        shown_opening = None
        if met_on is None and applies and opens_on is not None and today < opens_on:
            state, days_left, late_by = _NOT_OPEN_YET  # silence opens it later
            shown_opening = opens_on
        elif met_on is None and applies and kind in _OPENINGS:
            state, days_left, late_by = _OPEN  # a right that stays open once it opens
        else:
            if met_on is None and today > due and kind in _WINDOWS:
                applies = False  # a window that has passed is closed, not overdue
            state, days_left, late_by = judge(cal, unit, due, today, met_on, applies)
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
                shown_opening,
            )
        )
    return tuple(deadlines)


_WINDOWS = frozenset(kind for kind in DeadlineKind if kind.is_window)
_OPENINGS = frozenset(kind for kind in DeadlineKind if kind.is_opening)
_NOT_OPEN_YET = Standing(DeadlineState.NOT_APPLICABLE)
_OPEN = Standing(DeadlineState.UPCOMING)


@lru_cache(maxsize=PLAN_CACHE_SIZE)
def _cached_plan(clock: ClockInput, language: str) -> Plan:
    """``language`` is part of the key: a plan's explanations are sentences in it."""
    return plan_deadlines(clock)


def clear_plan_cache() -> None:
    """Forget cached plans — for benchmarks measuring the uncached cost, and for tests."""
    _cached_plan.cache_clear()
