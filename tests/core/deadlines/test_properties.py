"""Properties that hold for every regime and every date, checked with hypothesis."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from foidesk.core.deadlines import (
    REGIMES,
    ClockEvent,
    ClockEventKind,
    ClockInput,
    DeadlineKind,
    PeriodUnit,
    calculate,
    calendar_for_regime,
    request_deadlines,
)

STATUTORY = sorted(set(REGIMES) - {"custom"})
WORKING_DAY_REGIMES = [
    regime
    for regime in STATUTORY
    if REGIMES[regime].response.period.unit is PeriodUnit.WORKING_DAYS
]
# No example database: tests must not write outside their own folder.
SETTINGS = settings(max_examples=300, database=None, deadline=None)

regimes = st.sampled_from(STATUTORY)
days = st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31))
offsets = st.integers(min_value=0, max_value=400)


@SETTINGS
@given(regime=regimes, received=days, school=st.booleans())
def test_due_date_is_always_a_working_day(regime: str, received: date, school: bool) -> None:
    result = calculate(regime, received, school=school)
    cal = calendar_for_regime(regime)
    assert cal.is_working_day(result.due)
    if result.extended_due is not None:
        assert cal.is_working_day(result.extended_due)
        assert result.extended_due > result.due


@SETTINGS
@given(regime=regimes, received=days, later_by=offsets)
def test_a_later_receipt_is_never_due_earlier(regime: str, received: date, later_by: int) -> None:
    later = received + timedelta(days=later_by)
    assert calculate(regime, later).due >= calculate(regime, received).due


@SETTINGS
@given(regime=st.sampled_from(WORKING_DAY_REGIMES), received=days)
def test_exactly_n_working_days_lie_between_receipt_and_due(regime: str, received: date) -> None:
    result = calculate(regime, received)
    cal = calendar_for_regime(regime)
    count = REGIMES[regime].response.period.count
    assert cal.working_days_between(received, result.due) == count
    # ... and the day before the due date is one working day too early.
    assert cal.working_days_between(received, result.due - timedelta(days=1)) == count - 1


@SETTINGS
@given(regime=st.sampled_from(WORKING_DAY_REGIMES), received=days)
def test_skipped_days_are_exactly_the_non_working_days_before_due(
    regime: str, received: date
) -> None:
    result = calculate(regime, received)
    cal = calendar_for_regime(regime)
    span = (result.due - received).days
    between = [received + timedelta(days=n) for n in range(1, span)]
    assert [day.date for day in result.skipped] == [d for d in between if not cal.is_working_day(d)]


@SETTINGS
@given(
    regime=regimes,
    received=days,
    asked_after=offsets,
    answered_after=offsets,
    today_after=st.integers(min_value=0, max_value=900),
)
def test_a_clarification_never_makes_the_response_due_earlier(
    regime: str, received: date, asked_after: int, answered_after: int, today_after: int
) -> None:
    asked = received + timedelta(days=asked_after)
    answered = asked + timedelta(days=answered_after)
    events = (
        ClockEvent(ClockEventKind.CLARIFICATION_REQUESTED, asked),
        ClockEvent(ClockEventKind.CLARIFICATION_RECEIVED, answered),
    )
    today = received + timedelta(days=today_after)
    plain = request_deadlines(ClockInput(regime, received), today)[0]
    clarified = request_deadlines(ClockInput(regime, received, events), today)[0]
    assert plain.kind is clarified.kind is DeadlineKind.RESPONSE
    assert clarified.due >= plain.due


@SETTINGS
@given(regime=regimes, received=days, notice_after=offsets, paid_after=offsets)
def test_a_paid_fee_never_makes_the_response_due_earlier(
    regime: str, received: date, notice_after: int, paid_after: int
) -> None:
    notice = received + timedelta(days=notice_after)
    events = (
        ClockEvent(ClockEventKind.FEE_NOTICE, notice),
        ClockEvent(ClockEventKind.FEE_PAID, notice + timedelta(days=paid_after)),
    )
    plain = calculate(regime, received).due
    paused = request_deadlines(ClockInput(regime, received, events), received)[0]
    assert paused.due >= plain
    cal = calendar_for_regime(regime)
    assert cal.is_working_day(paused.due)


@SETTINGS
@given(regime=regimes, received=days, today_after=st.integers(min_value=-30, max_value=900))
def test_state_and_days_left_agree(regime: str, received: date, today_after: int) -> None:
    today = received + timedelta(days=today_after)
    for deadline in request_deadlines(ClockInput(regime, received), today):
        if deadline.opens_on is not None:  # a stage silence opens, not open yet
            assert deadline.state == "not_applicable" and today < deadline.opens_on
            continue
        if deadline.kind.is_opening:  # an action that stays possible once open
            assert deadline.state == "upcoming" and today >= deadline.due
            continue
        if deadline.kind.is_window and today > deadline.due:
            assert deadline.state == "not_applicable"  # closed, never overdue
            continue
        assert deadline.days_left is not None
        if today < deadline.due:
            assert deadline.state == "upcoming" and deadline.days_left >= 1
        elif today == deadline.due:
            assert deadline.state == "due_today" and deadline.days_left == 0
        else:
            assert deadline.state == "overdue" and deadline.days_left <= -1
