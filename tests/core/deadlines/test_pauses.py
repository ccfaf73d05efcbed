"""What a clarification or a fees notice does to the response clock, law by law."""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    Deadline,
    DeadlineKind,
    DeadlineState,
    PeriodUnit,
    request_deadlines,
)

K = ClockEventKind


def _response(regime: str, received: date, *events: ClockEvent, today: date) -> Deadline:
    found = request_deadlines(ClockInput(regime, received, events), today)
    return next(d for d in found if d.kind is DeadlineKind.RESPONSE)


# -- US FOIA: a request for information tolls, once -----------------------------------

US_RECEIVED = date(2025, 6, 2)  # Mon; plain due date Tue 1 Jul 2025 (Juneteenth skipped)


def test_us_clarification_tolls_the_clock_and_days_already_run_stay_used() -> None:
    # 5 U.S.C. 552(a)(6)(A)(ii)(I): asked Mon 9 Jun, answered Mon 16 Jun; the working days
    # 9-16 Jun (6) are not counted. From Tue 1 Jul (20): 2-3 Jul (21-22), Independence Day
    # skipped, 7-10 Jul (23-26) -> Thu 10 Jul 2025. A restart would give Wed 16 Jul.
    plain = _response("us-foia", US_RECEIVED, today=US_RECEIVED)
    assert plain.due == date(2025, 7, 1)
    response = _response(
        "us-foia",
        US_RECEIVED,
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2025, 6, 9)),
        ClockEvent(K.CLARIFICATION_RECEIVED, date(2025, 6, 16)),
        today=date(2025, 6, 17),
    )
    assert response.due == date(2025, 7, 10)
    (pause,) = response.explanation.pauses
    assert (pause.start, pause.end, pause.days) == (date(2025, 6, 9), date(2025, 6, 16), 6)
    assert response.explanation.start == US_RECEIVED  # not restarted


def test_us_only_one_request_for_information_tolls() -> None:
    # 552(a)(6)(A)(ii)(I): "one request to the requester for information"; a second one
    # (Mon 23 Jun, answered Mon 30 Jun) does not stop the clock: still Thu 10 Jul 2025.
    response = _response(
        "us-foia",
        US_RECEIVED,
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2025, 6, 9)),
        ClockEvent(K.CLARIFICATION_RECEIVED, date(2025, 6, 16)),
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2025, 6, 23)),
        ClockEvent(K.CLARIFICATION_RECEIVED, date(2025, 6, 30)),
        today=date(2025, 6, 24),
    )
    assert (response.due, response.state) == (date(2025, 7, 10), DeadlineState.UPCOMING)
    assert "Mon 23 Jun 2025 did not stop the clock" in response.explanation.text()


def test_us_unanswered_request_for_information_says_what_will_remain() -> None:
    # Asked Mon 9 Jun: the working days 9-13, 16-18, 20, 23-27, 30 Jun and 1 Jul remain: 16.
    response = _response(
        "us-foia",
        US_RECEIVED,
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2025, 6, 9)),
        today=date(2025, 6, 20),
    )
    assert response.state is DeadlineState.NOT_APPLICABLE
    assert "16 working days will remain once it has your reply" in response.explanation.text()


# -- fees: a pause only where the law has one -----------------------------------------


def test_nz_charge_does_not_stop_the_clock() -> None:
    # OIA s.15(1), (1A): the decision, charge included, within 20 working days of Mon 3 Mar
    # 2025: 4-7 Mar (1-4), 10-14 (5-9), 17-21 (10-14), 24-28 (15-19), Mon 31 Mar (20), whatever
    # the fee notice of Mon 10 Mar and its payment on Mon 24 Mar.
    events = (
        ClockEvent(K.FEE_NOTICE, date(2025, 3, 10)),
        ClockEvent(K.FEE_PAID, date(2025, 3, 24)),
    )
    response = _response("nz-oia", date(2025, 3, 3), *events, today=date(2025, 3, 25))
    assert (response.due, response.explanation.pauses) == (date(2025, 3, 31), ())
    unpaid = _response("nz-oia", date(2025, 3, 3), events[0], today=date(2025, 3, 12))
    assert (unpaid.due, unpaid.state) == (date(2025, 3, 31), DeadlineState.UPCOMING)
    assert "does not stop the clock under this law" in unpaid.explanation.text()
    assert "OIA 1982 s.15(1), (1A)" in unpaid.explanation.text()


def test_australian_charge_pauses_calendar_days() -> None:
    # FOI Act 1982 s.31. Received Thu 31 Oct 2024: plain day 30 is Sat 30 Nov -> Mon 2 Dec.
    # Charge notified Fri 8 Nov, paid Mon 18 Nov: 11 days not counted -> Wed 11 Dec 2024.
    response = _response(
        "au-foi",
        date(2024, 10, 31),
        ClockEvent(K.FEE_NOTICE, date(2024, 11, 8)),
        ClockEvent(K.FEE_PAID, date(2024, 11, 18)),
        today=date(2024, 11, 20),
    )
    assert response.due == date(2024, 12, 11)
    (pause,) = response.explanation.pauses
    assert (pause.days, pause.unit) == (11, PeriodUnit.CALENDAR_DAYS)


def test_texas_period_starts_when_the_deposit_is_received() -> None:
    # Tex. Gov't Code §552.263(e). Received Mon 6 Jan 2025, deposit asked Wed 8 Jan and received
    # Tue 14 Jan: 10 business days from then: 15-17 Jan (1-3), Martin Luther King Jr. Day
    # skipped, 21-24 (4-7), 27-29 (8-10) -> Wed 29 Jan 2025.
    response = _response(
        "us-tx-pia",
        date(2025, 1, 6),
        ClockEvent(K.FEE_NOTICE, date(2025, 1, 8)),
        ClockEvent(K.FEE_PAID, date(2025, 1, 14)),
        today=date(2025, 1, 15),
    )
    assert response.due == date(2025, 1, 29)
    assert response.explanation.start_label == "Fee received"
    waiting = _response(
        "us-tx-pia",
        date(2025, 1, 6),
        ClockEvent(K.FEE_NOTICE, date(2025, 1, 8)),
        today=date(2025, 1, 9),
    )
    assert waiting.state is DeadlineState.NOT_APPLICABLE
    assert "starts afresh on the day the fee is received" in waiting.explanation.text()


# -- UK subject access: clarification pauses, a fee restarts ---------------------------


def test_sar_clarification_stops_the_clock_until_the_answer() -> None:
    # UK GDPR Art 12A (Data (Use and Access) Act 2025 s.76); ICO guidance "stopping the clock".
    # Received Thu 14 Nov 2024; clarification asked Sat 16 Nov, received Mon 16 Dec: the 31
    # days from the request to the answer do not count, so the month ends on Tue 14 Jan 2025
    # instead of Sat 14 Dec 2024 (Mon 16 Dec).
    response = _response(
        "uk-sar",
        date(2024, 11, 14),
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2024, 11, 16)),
        ClockEvent(K.CLARIFICATION_RECEIVED, date(2024, 12, 16)),
        today=date(2024, 12, 17),
    )
    assert response.due == date(2025, 1, 14)
    assert response.explanation.pauses[0].days == 31


def test_sar_fee_starts_the_month_on_its_receipt() -> None:
    # UK GDPR Art 12(5); ICO: the time limit runs from receipt of the fee. Received Mon 3 Feb
    # 2025, fee asked Wed 5 Feb, paid Mon 10 Feb -> Mon 10 Mar 2025.
    response = _response(
        "uk-sar",
        date(2025, 2, 3),
        ClockEvent(K.FEE_NOTICE, date(2025, 2, 5)),
        ClockEvent(K.FEE_PAID, date(2025, 2, 10)),
        today=date(2025, 2, 11),
    )
    assert (response.due, response.explanation.start) == (date(2025, 3, 10), date(2025, 2, 10))


def test_foia_fee_still_pauses_and_eir_gives_60_working_days_to_pay() -> None:
    # EIR reg 8: notice Mon 3 Mar 2025 -> pay within 60 working days (UK-wide): 4-14 Mar (1-9),
    # St Patrick's Day (NI) skipped, 18-31 (10-19), 1-17 Apr (20-32), Good Friday and Easter
    # Monday skipped, 22-30 (33-39), 1-2 May (40-41), May Day skipped, 6-23 (42-55), Spring
    # Bank Holiday skipped, 27-30 (56-59), Mon 2 Jun 2025 (60).
    found = request_deadlines(
        ClockInput("uk-eir", date(2025, 2, 24), (ClockEvent(K.FEE_NOTICE, date(2025, 3, 3)),)),
        date(2025, 3, 4),
    )
    fee = next(d for d in found if d.kind is DeadlineKind.FEE_PAYMENT)
    assert fee.due == date(2025, 6, 2)
    response = found[0]
    assert response.state is DeadlineState.NOT_APPLICABLE
    assert "(EIR reg 8)" in response.explanation.text()
