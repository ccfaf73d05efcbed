"""A requester's window that has passed is closed, never "overdue".

The request is under FOIA, answered Fri 19 Apr 2024: the review-request window (40 working
days, s.45 Code of Practice) is open until Mon 17 Jun 2024.
"""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    DeadlineKind,
    DeadlineState,
    request_deadlines,
)

ANSWERED = ClockInput(
    regime="uk-foia",
    received=date(2024, 3, 22),
    events=(ClockEvent(ClockEventKind.RESPONSE, date(2024, 4, 19)),),
)


def _window(today: date) -> tuple[DeadlineState, str]:
    found = {d.kind: d for d in request_deadlines(ANSWERED, today)}
    window = found[DeadlineKind.REVIEW_REQUEST_WINDOW]
    return window.state, window.status_text()


def test_an_open_window_counts_down() -> None:
    state, _ = _window(date(2024, 4, 22))
    assert state is DeadlineState.UPCOMING


def test_a_passed_window_is_closed_not_overdue() -> None:
    state, text = _window(date(2026, 1, 5))
    assert state is DeadlineState.NOT_APPLICABLE
    assert text == "closed"
    windows = [d for d in request_deadlines(ANSWERED, date(2026, 1, 5)) if d.kind.is_window]
    assert windows and all(d.state is not DeadlineState.OVERDUE for d in windows)
