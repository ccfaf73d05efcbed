"""When the authority never answers, the next stage opens as the law says.

A stage opened by silence is planned from the day the authority's time runs out and shows
'opens <day>' until then (see test_scotland_stages and test_eu_institutions for FOISA s.20(5),
s.47(4)(b) and Regulation 1049/2001 Art 7(4), 8(3)).
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


def _found(
    regime: str, received: date, *events: ClockEvent, today: date, region: str | None = None
) -> dict[DeadlineKind, Deadline]:
    clock = ClockInput(regime, received, events, region=region)
    return {d.kind: d for d in request_deadlines(clock, today)}


def test_ireland_deemed_refusal_opens_the_internal_review() -> None:
    # FOI Act 2014 s.13(1): received Thu 1 Aug 2024: Fri 2 Aug (1), August Bank Holiday skipped,
    # 6-9 (2-5), 12-16 (6-10), 19-23 (11-15), 26-29 (16-19), Fri 30 Aug (20). s.19: no decision
    # by then is a refusal; s.21: 4 weeks to ask for a review: 2-27 Sep -> Fri 27 Sep 2024.
    found = _found("ie-foi", date(2024, 8, 1), today=date(2024, 9, 2))
    assert found[DeadlineKind.RESPONSE].due == date(2024, 8, 30)
    window = found[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert (window.due, window.state) == (date(2024, 9, 27), DeadlineState.UPCOMING)
    assert "s.19: a decision not made in time is deemed a refusal" in window.explanation.text()


def test_ireland_unanswered_review_opens_the_commissioner() -> None:
    # Review asked Mon 9 Sep 2024, 3 weeks: 10-13 (1-4), 16-20 (5-9), 23-27 (10-14), Mon 30 Sep
    # (15). s.19: deemed affirmed; s.22: 6 months -> Sun 30 Mar 2025 -> Mon 31 Mar 2025.
    found = _found(
        "ie-foi",
        date(2024, 8, 1),
        ClockEvent(K.REVIEW_REQUESTED, date(2024, 9, 9)),
        today=date(2024, 10, 1),
    )
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2024, 9, 30)
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2025, 3, 31)


def test_australian_deemed_refusal_goes_straight_to_ic_review() -> None:
    # s.15AC: no decision by Mon 12 Mar 2018 (Sydney) is a deemed refusal, reviewable by the
    # Information Commissioner (s.54L) within 60 days (s.54S(1)) -> Fri 11 May 2018. Internal
    # review is not open to a deemed decision, so no review window.
    found = _found("au-foi", date(2018, 2, 9), today=date(2018, 3, 20), region="AU-NSW")
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (complaint.due, complaint.state) == (date(2018, 5, 11), DeadlineState.UPCOMING)
    assert DeadlineKind.REVIEW_REQUEST_WINDOW not in found
    assert found[DeadlineKind.RESPONSE].state is DeadlineState.OVERDUE


def test_australian_unanswered_internal_review_is_deemed_affirmed() -> None:
    # Decision Mon 12 Mar 2018, review asked Tue 3 Apr; s.54C(3): 30 days -> Thu 3 May; s.54D:
    # deemed affirmed; s.54S(1): 60 days -> Mon 2 Jul 2018.
    found = _found(
        "au-foi",
        date(2018, 2, 9),
        ClockEvent(K.RESPONSE, date(2018, 3, 12)),
        ClockEvent(K.REVIEW_REQUESTED, date(2018, 4, 3)),
        today=date(2018, 5, 4),
        region="AU-NSW",
    )
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2018, 5, 3)
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2018, 7, 2)


def test_us_constructive_exhaustion_opens_the_court_and_names_ogis() -> None:
    # 5 U.S.C. 552(a)(6)(C)(i): no determination by Tue 1 Jul 2025 (received Mon 2 Jun) lets
    # the requester sue from Wed 2 Jul; 28 U.S.C. 2401(a): within six years -> Tue 1 Jul 2031.
    waiting = _found("us-foia", date(2025, 6, 2), today=date(2025, 7, 1))[DeadlineKind.COURT_WINDOW]
    assert waiting.status_text() == "opens Wed 2 Jul 2025"
    court = _found("us-foia", date(2025, 6, 2), today=date(2025, 7, 2))[DeadlineKind.COURT_WINDOW]
    assert (court.due, court.state) == (date(2031, 7, 1), DeadlineState.UPCOMING)
    text = court.explanation.text()
    assert "deemed to have exhausted the administrative remedies" in text
    assert "Office of Government Information Services (OGIS)" in text


def test_us_unanswered_appeal_and_its_own_ten_day_extension() -> None:
    # 552(a)(6)(A)(ii): appeal Mon 14 Jul 2025 decided in 20 working days -> Mon 11 Aug;
    # 552(a)(6)(B)(i) extends appeals too: 30 working days -> Mon 25 Aug 2025. Unanswered, the
    # court window opens the next day.
    events = (
        ClockEvent(K.RESPONSE, date(2025, 7, 1)),
        ClockEvent(K.REVIEW_REQUESTED, date(2025, 7, 14)),
    )
    found = _found("us-foia", date(2025, 6, 2), *events, today=date(2025, 7, 15))
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2025, 8, 11)
    assert found[DeadlineKind.COURT_WINDOW].status_text() == "opens Tue 12 Aug 2025"
    extended = _found(
        "us-foia",
        date(2025, 6, 2),
        *events,
        ClockEvent(K.EXTENSION, date(2025, 8, 1)),
        today=date(2025, 8, 12),
    )
    assert extended[DeadlineKind.INTERNAL_REVIEW].due == date(2025, 8, 25)
    assert extended[DeadlineKind.COURT_WINDOW].status_text() == "opens Tue 26 Aug 2025"


def test_german_failure_to_act_action_three_months_after_the_request() -> None:
    # VwGO §75: received Mon 3 Feb 2025, no decision: admissible after three months, Sat 3 May
    # -> Mon 5 May 2025 (BGB §193). Before then it says when it opens; after, that it is open.
    before = _found("de-ifg", date(2025, 2, 3), today=date(2025, 5, 2))
    action = before[DeadlineKind.FAILURE_TO_ACT_ACTION]
    assert (action.due, action.status_text()) == (date(2025, 5, 5), "opens Mon 5 May 2025")
    after = _found("de-ifg", date(2025, 2, 3), today=date(2025, 6, 1))
    action = after[DeadlineKind.FAILURE_TO_ACT_ACTION]
    assert (action.state, action.status_text()) == (
        DeadlineState.UPCOMING,
        "possible since Mon 5 May 2025",
    )
    answered = _found(
        "de-ifg", date(2025, 2, 3), ClockEvent(K.RESPONSE, date(2025, 3, 3)), today=date(2025, 6, 1)
    )
    assert DeadlineKind.FAILURE_TO_ACT_ACTION not in answered


def test_german_unanswered_objection_three_months_after_it() -> None:
    # Decision Mon 3 Mar 2025, objection Mon 10 Mar, no objection decision: VwGO §75 from the
    # objection -> Tue 10 Jun 2025.
    found = _found(
        "de-uig",
        date(2025, 2, 3),
        ClockEvent(K.RESPONSE, date(2025, 3, 3)),
        ClockEvent(K.REVIEW_REQUESTED, date(2025, 3, 10)),
        today=date(2025, 6, 11),
    )
    assert found[DeadlineKind.FAILURE_TO_ACT_ACTION].due == date(2025, 6, 10)
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].state is DeadlineState.MET


def test_new_york_constructive_denial_opens_the_appeal() -> None:
    # Public Officers Law §89(3)(a): 5 business days from Mon 2 Jun 2025 -> Mon 9 Jun; §89(4)(a):
    # a failure to answer is a denial, appealable within 30 days -> Wed 9 Jul 2025.
    found = _found("us-ny-foil", date(2025, 6, 2), today=date(2025, 6, 10))
    assert found[DeadlineKind.RESPONSE].due == date(2025, 6, 9)
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2025, 7, 9)


def test_illinois_no_answer_is_a_denial_for_the_public_access_counselor() -> None:
    # 5 ILCS 140/3(d): received on Casimir Pulaski Day, Mon 3 Mar 2025: 4-7 Mar (1-4), Mon
    # 10 Mar (5). 9.5(a): 60 days to ask the Public Access Counselor -> Fri 9 May 2025.
    found = _found("us-il-foia", date(2025, 3, 3), today=date(2025, 3, 11))
    assert found[DeadlineKind.RESPONSE].due == date(2025, 3, 10)
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2025, 5, 9)


def test_nsw_deemed_refusal_opens_review_ipc_and_ncat() -> None:
    # GIPA Act s.57(1): received Mon 3 Feb 2025 -> Mon 3 Mar; s.63 deemed refusal. s.83: 20
    # working days -> Mon 31 Mar. s.90 and s.101: 40 working days: 4-31 Mar (1-20), 1-17 Apr
    # (21-33), Good Friday and Easter Monday skipped, 22-24 (34-36), Anzac Day skipped, 28-30
    # (37-39), Thu 1 May 2025 (40).
    found = _found("au-nsw-gipa", date(2025, 2, 3), today=date(2025, 3, 4))
    assert found[DeadlineKind.RESPONSE].due == date(2025, 3, 3)
    assert found[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2025, 3, 31)
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2025, 5, 1)
    assert found[DeadlineKind.COURT_WINDOW].due == date(2025, 5, 1)


def test_canadian_deemed_refusal_opens_the_complaint() -> None:
    # Access to Information Act s.7: received Mon 6 Jan 2025 -> Wed 5 Feb; s.10(3) deemed
    # refusal; s.31: 60 days -> Sun 6 Apr -> Mon 7 Apr 2025 (Interpretation Act s.26).
    found = _found("ca-ati", date(2025, 1, 6), today=date(2025, 2, 6))
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2025, 4, 7)


def test_silence_opens_nothing_while_the_clock_stands_still() -> None:
    # A clarification asked and not yet answered: the authority's time has not run out.
    found = _found(
        "ie-foi",
        date(2024, 8, 1),
        ClockEvent(K.CLARIFICATION_REQUESTED, date(2024, 8, 7)),
        today=date(2024, 10, 1),
    )
    assert DeadlineKind.REVIEW_REQUEST_WINDOW not in found
