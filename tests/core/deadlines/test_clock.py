"""A request's deadlines from its events, judged on an injected 'today'.

Unless stated, the request is under FOIA and received Fri 22 Mar 2024, so the statutory
response is due Tue 23 Apr 2024 (see test_regimes_uk) and is long overdue after Wed 22 May.
"""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    CustomRule,
    Deadline,
    DeadlineKind,
    DeadlineState,
    PeriodUnit,
    UnknownRegime,
    request_deadlines,
)

K = ClockEventKind
RECEIVED = date(2024, 3, 22)


def deadlines(
    *events: ClockEvent,
    today: date,
    regime: str = "uk-foia",
    school: bool = False,
    stopped: bool = False,
) -> dict[DeadlineKind, Deadline]:
    clock = ClockInput(regime, RECEIVED, events, school=school, stopped=stopped)
    found = request_deadlines(clock, today)
    by_kind = {deadline.kind: deadline for deadline in found}
    assert len(by_kind) == len(found), "one deadline per kind"
    return by_kind


def ev(kind: ClockEventKind, on: date, until: date | None = None) -> ClockEvent:
    return ClockEvent(kind, on, until)


# -- states --------------------------------------------------------------------------------


def test_fresh_request_has_response_and_long_overdue() -> None:
    found = deadlines(today=date(2024, 4, 2))
    assert list(found) == [DeadlineKind.RESPONSE, DeadlineKind.LONG_OVERDUE]
    response = found[DeadlineKind.RESPONSE]
    # Working days after Tue 2 Apr up to Tue 23 Apr: 3-5 Apr, 8-12, 15-19, 22-23 = 15.
    assert (response.due, response.state, response.days_left) == (
        date(2024, 4, 23),
        DeadlineState.UPCOMING,
        15,
    )
    assert response.label == "Response due"
    assert response.unit is PeriodUnit.WORKING_DAYS
    assert found[DeadlineKind.LONG_OVERDUE].due == date(2024, 5, 22)


def test_due_today_on_the_due_date_and_overdue_from_the_day_after() -> None:
    on_the_day = deadlines(today=date(2024, 4, 23))[DeadlineKind.RESPONSE]
    assert (on_the_day.state, on_the_day.days_left) == (DeadlineState.DUE_TODAY, 0)
    next_day = deadlines(today=date(2024, 4, 24))[DeadlineKind.RESPONSE]
    assert (next_day.state, next_day.days_left) == (DeadlineState.OVERDUE, -1)
    # Tue 23 Apr to Tue 30 Apr: 24, 25, 26, 29, 30 = five working days overdue.
    week_later = deadlines(today=date(2024, 4, 30))[DeadlineKind.RESPONSE]
    assert (week_later.state, week_later.days_left) == (DeadlineState.OVERDUE, -5)
    assert week_later.status_text() == "5 working days overdue"


def test_overdue_on_the_weekend_after_a_friday_deadline_is_at_least_one_day() -> None:
    # Received Fri 5 Apr 2024: 8-12 Apr (1-5), 15-19, 22-26, 29 Apr-3 May (6-20) -> Fri 3 May.
    # On Saturday 4 May it is overdue although no working day has passed since.
    clock = ClockInput("uk-foia", date(2024, 4, 5))
    response = request_deadlines(clock, date(2024, 5, 4))[0]
    assert response.due == date(2024, 5, 3)
    assert (response.state, response.days_left) == (DeadlineState.OVERDUE, -1)


def test_calendar_day_rules_count_days_left_in_calendar_days() -> None:
    # au-foi received Thu 31 Oct 2024 is due Mon 2 Dec; on Mon 25 Nov, 7 days are left.
    clock = ClockInput("au-foi", date(2024, 10, 31))
    response = request_deadlines(clock, date(2024, 11, 25))[0]
    assert (response.days_left, response.unit) == (7, PeriodUnit.CALENDAR_DAYS)
    assert response.status_text() == "7 days left"


# -- the response ------------------------------------------------------------------------


def test_response_in_time_meets_the_deadline_and_ends_long_overdue() -> None:
    found = deadlines(ev(K.RESPONSE, date(2024, 4, 19)), today=date(2024, 6, 1))
    response = found[DeadlineKind.RESPONSE]
    assert (response.state, response.days_left, response.late_by) == (DeadlineState.MET, None, None)
    assert response.met_on == date(2024, 4, 19)
    assert DeadlineKind.LONG_OVERDUE not in found


def test_late_response_is_met_but_reports_how_late() -> None:
    # Due Tue 23 Apr; answered Thu 25 Apr: 24 and 25 Apr = 2 working days late.
    response = deadlines(ev(K.RESPONSE, date(2024, 4, 25)), today=date(2024, 6, 1))[
        DeadlineKind.RESPONSE
    ]
    assert (response.state, response.late_by) == (DeadlineState.MET, 2)
    assert response.status_text() == "met 2 working days late"


def test_long_overdue_after_40_working_days_without_response() -> None:
    long_overdue = deadlines(today=date(2024, 5, 23))[DeadlineKind.LONG_OVERDUE]
    assert (long_overdue.state, long_overdue.days_left) == (DeadlineState.OVERDUE, -1)


def test_school_is_due_on_the_60th_working_day_and_long_overdue_then_too() -> None:
    found = deadlines(today=date(2024, 4, 24), school=True)
    assert found[DeadlineKind.RESPONSE].due == date(2024, 6, 20)
    assert found[DeadlineKind.LONG_OVERDUE].due == date(2024, 6, 20)
    assert found[DeadlineKind.RESPONSE].state is DeadlineState.UPCOMING


# -- clarification -----------------------------------------------------------------------


def test_clarification_request_stops_the_clock() -> None:
    found = deadlines(ev(K.CLARIFICATION_REQUESTED, date(2024, 3, 26)), today=date(2024, 4, 30))
    response = found[DeadlineKind.RESPONSE]
    assert (response.state, response.days_left) == (DeadlineState.NOT_APPLICABLE, None)
    assert "asked for clarification (FOIA s.1(3))" in response.explanation.text()
    assert found[DeadlineKind.LONG_OVERDUE].state is DeadlineState.NOT_APPLICABLE


def test_clarification_received_starts_a_fresh_full_period() -> None:
    # FOIA s.1(3). Clarified Wed 3 Apr 2024: 4-5 Apr (1-2), 8-12 (3-7), 15-19 (8-12),
    # 22-26 (13-17), 29-30 (18-19), Wed 1 May (20).
    found = deadlines(
        ev(K.CLARIFICATION_REQUESTED, date(2024, 3, 26)),
        ev(K.CLARIFICATION_RECEIVED, date(2024, 4, 3)),
        today=date(2024, 4, 30),
    )
    response = found[DeadlineKind.RESPONSE]
    assert (response.due, response.state, response.days_left) == (
        date(2024, 5, 1),
        DeadlineState.UPCOMING,
        1,
    )
    assert response.explanation.start == date(2024, 4, 3)
    assert response.explanation.text().startswith(
        "20 working days after receipt of the clarification (FOIA s.10(1)).\n"
        "Clarification received Wed 3 Apr 2024; day 1 = Thu 4 Apr 2024."
    )


# -- fees --------------------------------------------------------------------------------


def test_paid_fee_pauses_the_clock_from_notice_to_payment() -> None:
    # FOIA s.10(2): working days from the notice (Wed 27 Mar) to payment (Fri 5 Apr), both
    # included, are not counted: 27, 28 Mar and 2-5 Apr = 6 days (Easter was skipped anyway).
    # Due 6 working days after Tue 23 Apr: 24-26 (1-3), 29-30 (4-5), Wed 1 May (6).
    found = deadlines(
        ev(K.FEE_NOTICE, date(2024, 3, 27)),
        ev(K.FEE_PAID, date(2024, 4, 5)),
        today=date(2024, 4, 8),
    )
    response = found[DeadlineKind.RESPONSE]
    assert response.due == date(2024, 5, 1)
    (pause,) = response.explanation.pauses
    assert (pause.start, pause.end, pause.days) == (date(2024, 3, 27), date(2024, 4, 5), 6)
    fee = found[DeadlineKind.FEE_PAYMENT]
    assert (fee.state, fee.met_on) == (DeadlineState.MET, date(2024, 4, 5))


def test_unpaid_fee_stops_the_clock_and_gives_three_months_to_pay() -> None:
    # FOIA s.9(2): three months beginning with Wed 27 Mar 2024 end on Wed 26 Jun 2024.
    # On Mon 15 Apr: 15 days left in April, 31 in May, 26 in June = 72 calendar days.
    found = deadlines(ev(K.FEE_NOTICE, date(2024, 3, 27)), today=date(2024, 4, 15))
    response = found[DeadlineKind.RESPONSE]
    assert response.state is DeadlineState.NOT_APPLICABLE
    # Working days from 27 Mar to the old due date 23 Apr: 27, 28 Mar, 2-5, 8-12, 15-19,
    # 22-23 Apr = 18 remain once paid.
    assert "the fee is unpaid. 18 working days will remain" in response.explanation.text()
    fee = found[DeadlineKind.FEE_PAYMENT]
    assert (fee.due, fee.state, fee.days_left) == (date(2024, 6, 26), DeadlineState.UPCOMING, 72)


# -- extensions and promises -------------------------------------------------------------


def test_extension_without_a_date_uses_the_regimes_fixed_extension() -> None:
    # Notified Fri 19 Apr, within time: the response deadline is met by the notice, and the
    # extended response is due on the 40th working day, Wed 22 May 2024.
    found = deadlines(ev(K.EXTENSION, date(2024, 4, 19)), today=date(2024, 5, 1))
    response, extended = found[DeadlineKind.RESPONSE], found[DeadlineKind.EXTENDED_RESPONSE]
    assert (response.state, response.met_on, response.late_by) == (
        DeadlineState.MET,
        date(2024, 4, 19),
        None,
    )
    assert (extended.due, extended.state) == (date(2024, 5, 22), DeadlineState.UPCOMING)
    assert extended.label == "Extended response due"


def test_extension_with_a_named_date_uses_that_date() -> None:
    found = deadlines(
        ev(K.EXTENSION, date(2024, 4, 19), until=date(2024, 5, 10)), today=date(2024, 5, 13)
    )
    extended = found[DeadlineKind.EXTENDED_RESPONSE]
    assert (extended.due, extended.state) == (date(2024, 5, 10), DeadlineState.OVERDUE)
    assert "named in its extension notice" in extended.explanation.text()


def test_late_extension_notice_leaves_the_original_deadline_late() -> None:
    response = deadlines(ev(K.EXTENSION, date(2024, 4, 25)), today=date(2024, 5, 1))[
        DeadlineKind.RESPONSE
    ]
    assert (response.state, response.late_by) == (DeadlineState.MET, 2)


def test_reasonable_period_extension_without_a_date_gives_no_extended_deadline() -> None:
    clock = ClockInput("nz-oia", RECEIVED, (ev(K.EXTENSION, date(2024, 4, 10)),))
    found = request_deadlines(clock, date(2024, 4, 11))
    assert [d.kind for d in found] == [DeadlineKind.RESPONSE]
    assert "reasonable period" in found[0].explanation.text()


def test_promised_date_is_kept_beside_the_statutory_one() -> None:
    found = deadlines(
        ev(K.PROMISED, date(2024, 4, 22), until=date(2024, 4, 30)),
        ev(K.RESPONSE, date(2024, 5, 2)),
        today=date(2024, 5, 3),
    )
    promised = found[DeadlineKind.PROMISED]
    # Promised Tue 30 Apr, answered Thu 2 May: 1 and 2 May = 2 working days late.
    assert (promised.due, promised.state, promised.late_by) == (
        date(2024, 4, 30),
        DeadlineState.MET,
        2,
    )
    assert found[DeadlineKind.RESPONSE].late_by == 7  # 24-26 Apr, 29-30 Apr, 1-2 May


# -- after the response: review and complaint -------------------------------------------


def test_final_response_opens_the_review_window_but_not_yet_the_complaint_window() -> None:
    # Response Tue 23 Apr 2024. Review request (s.45 Code): 40 working days: 24-26 Apr (1-3),
    # 29 Apr-3 May (4-8), May Day skipped, 7-10 (9-12), 13-17 (13-17), 20-24 (18-22), Spring
    # Bank Holiday 27 May skipped, 28-31 (23-26), 3-7 Jun (27-31), 10-14 (32-36), 17-20 Jun
    # (37-40) -> Thu 20 Jun 2024. The ICO expects an internal review first ("If you get an
    # outcome to an internal review and you are still unhappy ... complain to the ICO"), so no
    # complaint window opens on the response itself.
    found = deadlines(ev(K.RESPONSE, date(2024, 4, 23)), today=date(2024, 5, 1))
    assert found[DeadlineKind.RESPONSE].state is DeadlineState.MET
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2024, 6, 20)
    assert DeadlineKind.COMPLAINT_WINDOW not in found


def test_review_request_sets_the_internal_review_deadline() -> None:
    # ICO: 20 working days from the request, Mon 3 Jun 2024: 4-7 Jun (1-4), 10-14 (5-9),
    # 17-21 (10-14), 24-28 (15-19), Mon 1 Jul (20). The complaint window waits: the ICO takes a
    # complaint about an unanswered review after 40 working days, Tue 30 Jul 2024 (see the
    # review extension below), so it opens on Wed 31 Jul and runs 6 weeks to Tue 10 Sep 2024.
    found = deadlines(
        ev(K.RESPONSE, date(2024, 4, 23)),
        ev(K.REVIEW_REQUESTED, date(2024, 6, 3)),
        today=date(2024, 6, 10),
    )
    review = found[DeadlineKind.INTERNAL_REVIEW]
    assert (review.due, review.state, review.days_left) == (
        date(2024, 7, 1),
        DeadlineState.UPCOMING,
        15,
    )
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].met_on == date(2024, 6, 3)
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (complaint.due, complaint.state, complaint.opens_on) == (
        date(2024, 9, 10),
        DeadlineState.NOT_APPLICABLE,
        date(2024, 7, 31),
    )
    assert complaint.status_text() == "opens Wed 31 Jul 2024"


def test_review_extension_without_a_date_allows_40_working_days() -> None:
    # ICO: 40 working days at most. From Mon 1 Jul 2024 (20): 2-5 Jul (21-24), 8-11 (25-28),
    # NI's 12 Jul skipped, 15-19 (29-33), 22-26 (34-38), 29-30 Jul (39-40) -> Tue 30 Jul.
    found = deadlines(
        ev(K.RESPONSE, date(2024, 4, 23)),
        ev(K.REVIEW_REQUESTED, date(2024, 6, 3)),
        ev(K.EXTENSION, date(2024, 6, 28)),
        today=date(2024, 7, 2),
    )
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2024, 7, 30)
    assert found[DeadlineKind.RESPONSE].late_by is None  # the extension is the review's


def test_review_outcome_restarts_the_complaint_window_and_a_complaint_meets_it() -> None:
    # Outcome Fri 28 Jun 2024 + 42 days -> Fri 9 Aug 2024.
    events = (
        ev(K.RESPONSE, date(2024, 4, 23)),
        ev(K.REVIEW_REQUESTED, date(2024, 6, 3)),
        ev(K.REVIEW_RESPONSE, date(2024, 6, 28)),
    )
    found = deadlines(*events, today=date(2024, 7, 1))
    assert found[DeadlineKind.INTERNAL_REVIEW].state is DeadlineState.MET
    window = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (window.due, window.state) == (date(2024, 8, 9), DeadlineState.UPCOMING)
    assert window.explanation.start_label == "Review outcome"
    done = deadlines(*events, ev(K.COMPLAINT, date(2024, 8, 1)), today=date(2024, 9, 1))
    assert done[DeadlineKind.COMPLAINT_WINDOW].state is DeadlineState.MET


def test_scotland_complaint_window_opens_only_after_a_review() -> None:
    # FOISA s.47(4)(b): 6 months after the review outcome, Thu 20 Jun 2024 -> Fri 20 Dec 2024.
    # Review decided in 20 Scottish working days (s.21(1)).
    response_only = deadlines(
        ev(K.RESPONSE, date(2024, 4, 22)), today=date(2024, 5, 1), regime="scot-foisa"
    )
    assert DeadlineKind.COMPLAINT_WINDOW not in response_only
    found = deadlines(
        ev(K.RESPONSE, date(2024, 4, 22)),
        ev(K.REVIEW_REQUESTED, date(2024, 5, 20)),
        ev(K.REVIEW_RESPONSE, date(2024, 6, 20)),
        today=date(2024, 7, 1),
        regime="scot-foisa",
    )
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2024, 12, 20)
    # Review requested Mon 20 May: 21-24 May (1-4), Spring holiday 27 May skipped, 28-31 (5-8),
    # 3-7 Jun (9-13), 10-14 (14-18), 17-18 Jun (19-20) -> Tue 18 Jun; answered 20 Jun, 2 late.
    review = found[DeadlineKind.INTERNAL_REVIEW]
    assert (review.due, review.late_by) == (date(2024, 6, 18), 2)


def test_us_appeal_window_is_at_least_90_days() -> None:
    # 552(a)(6)(A)(i)(III)(aa): response Tue 7 Jul 2026 + 90 days = Mon 5 Oct 2026.
    clock = ClockInput("us-foia", date(2026, 6, 5), (ev(K.RESPONSE, date(2026, 7, 7)),))
    found = {d.kind: d for d in request_deadlines(clock, date(2026, 7, 8))}
    assert found[DeadlineKind.RESPONSE].state is DeadlineState.MET
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2026, 10, 5)


# -- withdrawn ---------------------------------------------------------------------------


def test_withdrawn_request_has_nothing_open_but_keeps_what_was_met() -> None:
    open_request = deadlines(today=date(2024, 5, 1), stopped=True)
    assert {d.state for d in open_request.values()} == {DeadlineState.NOT_APPLICABLE}
    assert "withdrawn or closed" in open_request[DeadlineKind.RESPONSE].explanation.text()
    answered = deadlines(ev(K.RESPONSE, date(2024, 4, 2)), today=date(2024, 5, 1), stopped=True)
    assert answered[DeadlineKind.RESPONSE].state is DeadlineState.MET
    assert answered[DeadlineKind.REVIEW_REQUEST_WINDOW].state is DeadlineState.NOT_APPLICABLE


# -- events themselves ---------------------------------------------------------------------


def test_event_validation() -> None:
    with pytest.raises(ValueError, match="needs the promised date"):
        ClockEvent(K.PROMISED, date(2024, 4, 1))
    with pytest.raises(ValueError, match="takes no 'until'"):
        ClockEvent(K.RESPONSE, date(2024, 4, 1), date(2024, 4, 2))
    with pytest.raises(ValueError, match="earlier date"):
        ClockEvent(K.EXTENSION, date(2024, 4, 10), date(2024, 4, 2))
    assert ClockEvent("response", date(2024, 4, 1)).kind is K.RESPONSE  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="not_a_kind"):
        ClockEvent("not_a_kind", date(2024, 4, 1))  # type: ignore[arg-type]


def test_events_are_taken_in_date_order_whatever_order_they_are_given() -> None:
    events = (
        ev(K.CLARIFICATION_RECEIVED, date(2024, 4, 3)),
        ev(K.CLARIFICATION_REQUESTED, date(2024, 3, 26)),
    )
    found = deadlines(*events, today=date(2024, 4, 30))
    assert found[DeadlineKind.RESPONSE].due == date(2024, 5, 1)


def test_the_engine_never_reads_the_clock() -> None:
    # Deadlines must depend on the injected day only; ics.py may stamp files with the time.
    from pathlib import Path

    import foidesk.core.deadlines as package

    folder = Path(package.__file__).parent
    for module in folder.glob("*.py"):
        if module.name == "ics.py":
            continue
        source = module.read_text(encoding="utf-8")
        assert "today()" not in source and ".now(" not in source, module.name


def test_custom_rule_request_and_unknown_regime() -> None:
    # 10 Bavarian working days from Thu 23 May 2024 -> Fri 7 Jun (see test_regimes_world);
    # a custom rule has no long-overdue mark.
    rule = CustomRule(10, "working_days", "DE", "BY")
    clock = ClockInput("custom", date(2024, 5, 23), custom=rule)
    (response,) = request_deadlines(clock, date(2024, 6, 6))
    assert (response.due, response.state, response.days_left) == (
        date(2024, 6, 7),
        DeadlineState.UPCOMING,
        1,
    )
    with pytest.raises(UnknownRegime, match="valid regimes"):
        request_deadlines(ClockInput("xx-foi", RECEIVED), RECEIVED)


def test_events_given_as_a_list_still_work() -> None:
    events = [ev(K.RESPONSE, date(2024, 4, 2))]
    clock = ClockInput("uk-foia", RECEIVED, events)  # type: ignore[arg-type]
    assert clock.events == (ev(K.RESPONSE, date(2024, 4, 2)),)
    assert request_deadlines(clock, date(2024, 4, 3))[0].state is DeadlineState.MET
