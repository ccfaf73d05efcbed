"""FOISA and EI(S)R: the review window (FOISA s.20(5)) and the Commissioner (s.47(4)).

Scottish working days (FOISA s.73) in 2025: Good Friday 18 Apr, May Day 5 May and the
Spring holiday 26 May are skipped; Easter Monday is a working day.
"""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    Deadline,
    DeadlineKind,
    DeadlineState,
    request_deadlines,
)

K = ClockEventKind
RECEIVED = date(2025, 3, 3)  # Mon; 20 working days end Mon 31 Mar 2025


def _found(
    *events: ClockEvent, today: date, regime: str = "scot-foisa"
) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in request_deadlines(ClockInput(regime, RECEIVED, events), today)}


def test_an_answer_in_time_opens_the_window_at_the_end_of_the_20_days() -> None:
    # s.20(5)(a): 40 working days after the expiry of the 20 (Mon 31 Mar), not after the answer
    # (Mon 10 Mar): Apr 1-4 (1-4), 7-11 (5-9), 14-17 (10-13), Good Friday skipped, 21-25
    # (14-18), 28-30 (19-21), May 1-2 (22-23), May Day skipped, 6-9 (24-27), 12-16 (28-32),
    # 19-23 (33-37), Spring holiday skipped, 27-29 (38-40) -> Thu 29 May 2025.
    window = _found(ClockEvent(K.RESPONSE, date(2025, 3, 10)), today=date(2025, 4, 1))[
        DeadlineKind.REVIEW_REQUEST_WINDOW
    ]
    assert window.due == date(2025, 5, 29)
    assert window.explanation.start == date(2025, 3, 31)
    assert window.explanation.start_label == "Response period ended"
    assert "not from the answer" in window.explanation.text()


def test_a_late_answer_opens_the_window_on_its_own_day() -> None:
    # s.20(5)(b): answered Thu 3 Apr, after the 20 days: Apr 4 (1), 7-11 (2-6), 14-17 (7-10),
    # 21-25 (11-15), 28-30 (16-18), May 1-2 (19-20), 6-9 (21-24), 12-16 (25-29), 19-23
    # (30-34), 27-30 (35-38), Jun 2-3 (39-40) -> Tue 3 Jun 2025.
    window = _found(ClockEvent(K.RESPONSE, date(2025, 4, 3)), today=date(2025, 4, 4))[
        DeadlineKind.REVIEW_REQUEST_WINDOW
    ]
    assert (window.due, window.explanation.start_label) == (date(2025, 6, 3), "Final response")


def test_no_answer_opens_the_window_the_day_after_the_20_days() -> None:
    # s.20(5)(a) again: the same Thu 29 May 2025, open from Tue 1 Apr.
    waiting = _found(today=date(2025, 3, 31))[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert (waiting.state, waiting.status_text()) == (
        DeadlineState.NOT_APPLICABLE,
        "opens Tue 1 Apr 2025",
    )
    window = _found(today=date(2025, 4, 2))[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert (window.due, window.state) == (date(2025, 5, 29), DeadlineState.UPCOMING)
    assert "FOISA s.20(5)(a)" in window.explanation.text()


def test_an_unanswered_review_gives_six_months_from_the_end_of_the_review_period() -> None:
    # s.21(1): review asked Mon 7 Apr 2025, due in 20 working days: 8-11 Apr (1-4), 14-17
    # (5-8), Good Friday skipped, 21-25 (9-13), 28-30 (14-16), May 1-2 (17-18), May Day
    # skipped, 6-7 (19-20) -> Wed 7 May. s.47(4)(b): 6 months from then -> Fri 7 Nov 2025.
    found = _found(ClockEvent(K.REVIEW_REQUESTED, date(2025, 4, 7)), today=date(2025, 5, 8))
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2025, 5, 7)
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].state is DeadlineState.MET
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (complaint.due, complaint.state) == (date(2025, 11, 7), DeadlineState.UPCOMING)
    assert "FOISA s.47(4)(b)" in complaint.explanation.text()
    early = _found(ClockEvent(K.REVIEW_REQUESTED, date(2025, 4, 7)), today=date(2025, 5, 7))
    assert early[DeadlineKind.COMPLAINT_WINDOW].status_text() == "opens Thu 8 May 2025"


def test_eisr_representations_run_from_the_failure_to_answer() -> None:
    # EI(S)R reg 16(2): no answer by Mon 31 Mar 2025 -> 40 working days -> Thu 29 May 2025.
    window = _found(today=date(2025, 4, 2), regime="scot-eir")[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert window.due == date(2025, 5, 29)
    assert "EI(S)R reg 16(2)" in window.explanation.text()
