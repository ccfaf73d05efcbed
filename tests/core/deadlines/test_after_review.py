"""Stages after the internal review: the regulator, the ombudsman and the court."""

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
    regime: str, received: date, *events: ClockEvent, today: date
) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in request_deadlines(ClockInput(regime, received, events), today)}


def test_ireland_commissioner_six_months_after_the_review() -> None:
    # FOI Act 2014 s.22: review decided Tue 1 Oct 2024 -> apply by Tue 1 Apr 2025.
    found = _found(
        "ie-foi",
        date(2024, 8, 1),
        ClockEvent(K.RESPONSE, date(2024, 8, 28)),
        ClockEvent(K.REVIEW_REQUESTED, date(2024, 9, 9)),
        ClockEvent(K.REVIEW_RESPONSE, date(2024, 10, 1)),
        today=date(2024, 10, 2),
    )
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (complaint.due, complaint.explanation.start_label) == (
        date(2025, 4, 1),
        "Review outcome",
    )


def test_australian_ic_review_sixty_days_after_a_decision_or_its_review() -> None:
    # s.54S(1): 60 days after the decision of Mon 12 Mar 2018 -> Fri 11 May; s.54L: no internal
    # review needed. After a review outcome of Fri 27 Apr 2018 -> Tue 26 Jun 2018.
    decided = _found(
        "au-foi",
        date(2018, 2, 9),
        ClockEvent(K.RESPONSE, date(2018, 3, 12)),
        today=date(2018, 3, 13),
    )
    assert decided[DeadlineKind.COMPLAINT_WINDOW].due == date(2018, 5, 11)
    assert decided[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2018, 4, 11)  # s.54B(1)
    reviewed = _found(
        "au-foi",
        date(2018, 2, 9),
        ClockEvent(K.RESPONSE, date(2018, 3, 12)),
        ClockEvent(K.REVIEW_REQUESTED, date(2018, 4, 3)),
        ClockEvent(K.REVIEW_RESPONSE, date(2018, 4, 27)),
        today=date(2018, 4, 30),
    )
    assert reviewed[DeadlineKind.COMPLAINT_WINDOW].due == date(2018, 6, 26)


def test_german_objection_one_month_or_a_year_without_instructions() -> None:
    # VwGO §70(1), §9(4) IFG: decision Mon 3 Mar 2025 -> Thu 3 Apr 2025. Without instructions on
    # how to object, VwGO §58(2): one year -> Tue 3 Mar 2026.
    answered = (ClockEvent(K.RESPONSE, date(2025, 3, 3)),)
    found = _found("de-ifg", date(2025, 2, 3), *answered, today=date(2025, 3, 4))
    objection = found[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert objection.due == date(2025, 4, 3)
    assert "no_appeal_notice" in objection.explanation.text()
    assert "VwVfG §41(2)" in objection.explanation.text()
    silent = _found(
        "de-ifg",
        date(2025, 2, 3),
        *answered,
        ClockEvent(K.NO_APPEAL_NOTICE, date(2025, 3, 3)),
        today=date(2025, 3, 4),
    )
    assert silent[DeadlineKind.REVIEW_REQUEST_WINDOW].due == date(2026, 3, 3)


def test_german_action_one_month_after_the_objection_decision() -> None:
    # VwGO §74(1): objection decided Fri 4 Jul 2025 -> Mon 4 Aug 2025; the action for failure
    # to act is gone once the objection is decided.
    found = _found(
        "de-ifg",
        date(2025, 2, 3),
        ClockEvent(K.RESPONSE, date(2025, 3, 3)),
        ClockEvent(K.REVIEW_REQUESTED, date(2025, 3, 10)),
        ClockEvent(K.REVIEW_RESPONSE, date(2025, 7, 4)),
        today=date(2025, 7, 7),
    )
    assert found[DeadlineKind.COURT_WINDOW].due == date(2025, 8, 4)
    assert DeadlineKind.FAILURE_TO_ACT_ACTION not in found


def test_uk_eir_complaint_once_the_review_is_overdue() -> None:
    # EIR reg 11(4): review asked Mon 3 Jun 2024, decided within 40 working days -> Tue 30 Jul
    # (NI's 12 July skipped). ICO: 6 weeks from then -> Tue 10 Sep 2024, open from Wed 31 Jul.
    found = _found(
        "uk-eir",
        date(2024, 3, 22),
        ClockEvent(K.RESPONSE, date(2024, 4, 23)),
        ClockEvent(K.REVIEW_REQUESTED, date(2024, 6, 3)),
        today=date(2024, 8, 1),
    )
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2024, 7, 30)
    complaint = found[DeadlineKind.COMPLAINT_WINDOW]
    assert (complaint.due, complaint.state) == (date(2024, 9, 10), DeadlineState.UPCOMING)
    assert "EIR reg 11(4)" in complaint.explanation.text()


def test_new_york_article_78_four_months_after_the_appeal() -> None:
    # Public Officers Law §89(4)(a): appeal Mon 16 Jun 2025, decided in 10 business days: 17-18
    # (1-2), Juneteenth skipped, 20 (3), 23-27 (4-8), 30 Jun-1 Jul (9-10) -> Tue 1 Jul. Decided
    # Mon 30 Jun: CPLR 217(1): four months -> Thu 30 Oct 2025.
    found = _found(
        "us-ny-foil",
        date(2025, 6, 2),
        ClockEvent(K.RESPONSE, date(2025, 6, 6)),
        ClockEvent(K.REVIEW_REQUESTED, date(2025, 6, 16)),
        ClockEvent(K.REVIEW_RESPONSE, date(2025, 6, 30)),
        today=date(2025, 7, 1),
    )
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2025, 7, 1)
    assert found[DeadlineKind.COURT_WINDOW].due == date(2025, 10, 30)
