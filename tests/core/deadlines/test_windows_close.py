"""A requester's window that has passed is closed, never "overdue"."""

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
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    return complaint.state, complaint.status_text()


def test_an_open_window_counts_down() -> None:
    state, _ = _window(date(2024, 4, 22))
    assert state is DeadlineState.UPCOMING


def test_a_passed_window_is_closed_not_overdue() -> None:
    state, text = _window(date(2026, 1, 5))
    assert state is DeadlineState.NOT_APPLICABLE
    assert text == "closed"
    windows = [d for d in request_deadlines(ANSWERED, date(2026, 1, 5)) if d.kind.is_window]
    assert windows and all(d.state is not DeadlineState.OVERDUE for d in windows)
