"""When a step needs action: overdue, due today, or within two weeks of its last day."""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import ClockEvent, ClockInput, DeadlineKind, request_deadlines
from foidesk.core.next_steps import HORIZON_WORKING_DAYS, StepKind, next_steps


def _review_step(today: date):  # type: ignore[no-untyped-def]
    events = (ClockEvent("response", date(2025, 3, 20)),)
    deadlines = request_deadlines(ClockInput("uk-foia", date(2025, 3, 3), events), today)
    window = next(d for d in deadlines if d.kind is DeadlineKind.REVIEW_REQUEST_WINDOW)
    step = next(s for s in next_steps("uk-foia", "rejected", deadlines))
    assert step.kind is StepKind.INTERNAL_REVIEW_REQUEST
    return window, step


def test_a_window_needs_action_from_ten_working_days_before_it_closes() -> None:
    # the window closes Tue 20 May 2025; 10 working days before is Tue 6 May (5 May is a
    # bank holiday), 11 is Fri 2 May
    window, step = _review_step(date(2025, 5, 2))
    assert window.days_left == HORIZON_WORKING_DAYS + 1 and not step.due
    window, step = _review_step(date(2025, 5, 6))
    assert window.days_left == HORIZON_WORKING_DAYS and step.due
    window, step = _review_step(date(2025, 5, 20))
    assert window.days_left == 0 and step.due


def test_a_closed_window_is_no_step_at_all() -> None:
    events = (ClockEvent("response", date(2025, 3, 20)),)
    deadlines = request_deadlines(
        ClockInput("uk-foia", date(2025, 3, 3), events), date(2025, 5, 21)
    )
    assert next_steps("uk-foia", "rejected", deadlines) == ()
