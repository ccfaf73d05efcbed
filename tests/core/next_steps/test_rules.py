"""Each law's next steps across a request's life: the steps, their dates, their law.

The table is the specification, written from docs/deadlines.md: which moves a law
offers when the answer is overdue, after a partial answer or a refusal, while a review
is overdue and once it has been answered ("!" marks a step that needs action). The
deadlines come from the real engine, so every date is the date request show prints.
"""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import ClockEvent, ClockInput, DeadlineKind, request_deadlines
from foidesk.core.next_steps import REGULATORS, StepKind, needs_action, next_steps
from foidesk.core.next_steps.laws import LAWS
from foidesk.core.vocabulary import REGIME_IDS

RECEIVED = date(2025, 3, 3)
ANSWERED = date(2025, 3, 20)
REVIEW_ASKED = date(2025, 3, 24)
REVIEWED = date(2025, 4, 10)

#: state -> (events, status, the day it is judged on)
STATES = {
    "overdue": ((), "waiting_response", date(2025, 4, 20)),
    "partial": ((ClockEvent("response", ANSWERED),), "partially_successful", date(2025, 3, 25)),
    "refused": ((ClockEvent("response", ANSWERED),), "rejected", date(2025, 3, 25)),
    "review_overdue": (
        (ClockEvent("response", ANSWERED), ClockEvent("review_requested", REVIEW_ASKED)),
        "internal_review",
        date(2025, 6, 20),
    ),
    "review_answered": (
        (
            ClockEvent("response", ANSWERED),
            ClockEvent("review_requested", REVIEW_ASKED),
            ClockEvent("review_response", REVIEWED),
        ),
        "rejected",
        date(2025, 4, 14),
    ),
}

EXPECTED: dict[str, dict[str, str]] = {
    "uk-foia": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! complaint! withdraw",
        "review_answered": "complaint",
    },
    "uk-eir": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! complaint! withdraw",
        "review_answered": "complaint",
    },
    "scot-foisa": {
        "overdue": "follow_up! internal_review_request withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! complaint withdraw",
        "review_answered": "complaint",
    },
    "scot-eir": {
        "overdue": "follow_up! internal_review_request withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! complaint withdraw",
        "review_answered": "complaint",
    },
    "uk-sar": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "complaint! withdraw",
        "review_answered": "complaint",
    },
    "im-foi": {
        "overdue": "follow_up! internal_review_request withdraw",
        "partial": "internal_review_request complaint",
        "refused": "internal_review_request complaint",
        "review_overdue": "follow_up! complaint withdraw",
        "review_answered": "complaint",
    },
    "us-foia": {
        "overdue": "follow_up! court complaint withdraw",
        "partial": "internal_review_request complaint",
        "refused": "internal_review_request complaint",
        "review_overdue": "follow_up! court complaint withdraw",
        "review_answered": "court complaint",
    },
    "us-ca-cpra": {
        "overdue": "follow_up! court withdraw",
        "partial": "court",
        "refused": "court",
        "review_overdue": "withdraw",
        "review_answered": "court",
    },
    "us-ny-foil": {
        "overdue": "follow_up! withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! court withdraw",
        "review_answered": "court",
    },
    "us-il-foia": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "withdraw",
        "review_answered": "complaint",
    },
    "us-tx-pia": {
        "overdue": "follow_up! withdraw",
        "partial": "",
        "refused": "",
        "review_overdue": "withdraw",
        "review_answered": "",
    },
    "ie-foi": {
        "overdue": "follow_up! internal_review_request! withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! complaint withdraw",
        "review_answered": "complaint",
    },
    "nz-oia": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "complaint withdraw",
        "review_answered": "complaint",
    },
    "nz-lgoima": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "complaint withdraw",
        "review_answered": "complaint",
    },
    "au-foi": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "internal_review_request complaint",
        "refused": "internal_review_request complaint",
        "review_overdue": "follow_up! complaint! withdraw",
        "review_answered": "complaint",
    },
    "au-nsw-gipa": {
        "overdue": "follow_up! internal_review_request! complaint court withdraw",
        "partial": "internal_review_request complaint court",
        "refused": "internal_review_request complaint court",
        "review_overdue": "follow_up! withdraw",
        "review_answered": "complaint court",
    },
    "ca-ati": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "withdraw",
        "review_answered": "complaint",
    },
    "ca-privacy": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "complaint",
        "refused": "complaint",
        "review_overdue": "complaint withdraw",
        "review_answered": "complaint",
    },
    "de-ifg": {
        "overdue": "follow_up! complaint withdraw",
        "partial": "internal_review_request complaint",
        "refused": "internal_review_request complaint",
        "review_overdue": "complaint withdraw",
        "review_answered": "court complaint",
    },
    "de-uig": {
        "overdue": "follow_up! withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "withdraw",
        "review_answered": "court",
    },
    "eu-1049": {
        "overdue": "follow_up! withdraw",
        "partial": "internal_review_request",
        "refused": "internal_review_request",
        "review_overdue": "follow_up! court! complaint withdraw",
        "review_answered": "court complaint",
    },
}

#: The deadline a dated step takes its date from.
SOURCE_KINDS = {
    StepKind.FOLLOW_UP: {
        DeadlineKind.RESPONSE,
        DeadlineKind.EXTENDED_RESPONSE,
        DeadlineKind.PROMISED,
        DeadlineKind.INTERNAL_REVIEW,
    },
    StepKind.INTERNAL_REVIEW_REQUEST: {DeadlineKind.REVIEW_REQUEST_WINDOW},
    StepKind.COMPLAINT: {DeadlineKind.COMPLAINT_WINDOW},
    StepKind.COURT: {DeadlineKind.COURT_WINDOW},
    StepKind.FEE_ANSWER: {DeadlineKind.FEE_PAYMENT},
}


def _steps(regime: str, state: str):  # type: ignore[no-untyped-def]
    events, status, today = STATES[state]
    deadlines = request_deadlines(ClockInput(regime, RECEIVED, events), today)
    return deadlines, next_steps(regime, status, deadlines)


def test_every_law_is_specified() -> None:
    assert set(EXPECTED) == set(REGIME_IDS) - {"custom"}


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("regime", sorted(EXPECTED))
def test_the_steps_of_each_law_in_each_state(regime: str, state: str) -> None:
    _deadlines, steps = _steps(regime, state)
    shown = " ".join(s.kind.value + ("!" if s.due else "") for s in steps)
    assert shown == EXPECTED[regime][state]


@pytest.mark.parametrize("state", list(STATES))
@pytest.mark.parametrize("regime", sorted(EXPECTED))
def test_a_steps_date_is_its_deadlines_date_and_its_reason_cites_the_law(
    regime: str, state: str
) -> None:
    deadlines, steps = _steps(regime, state)
    law = LAWS[regime]
    for step in steps:
        if step.by is not None:
            assert any(d.due == step.by and d.kind in SOURCE_KINDS[step.kind] for d in deadlines), (
                step
            )
        assert step.why.endswith(".")
        if step.kind is not StepKind.WITHDRAW:  # withdrawing needs no law
            assert "(" in step.why  # one sentence with its basis in brackets
        if step.kind is StepKind.COMPLAINT:
            assert step.regulator is REGULATORS[law.regulator or ""]
            assert step.regulator.name in step.why
            assert (law.complaint_section or law.law) in step.why
        else:
            assert step.regulator is None
        if step.kind is StepKind.INTERNAL_REVIEW_REQUEST and law.review_section:
            assert law.review_section in step.why


def test_a_chase_names_the_missed_day_its_source_and_how_late() -> None:
    deadlines, steps = _steps("uk-foia", "overdue")
    chase = steps[0]
    assert chase.kind is StepKind.FOLLOW_UP and chase.by == date(2025, 4, 1)
    assert chase.why == (
        "The answer was due on Tue 1 Apr 2025 (FOIA s.10(1)) and is 12 working days late: "
        "remind the authority of its duty to answer."
    )
    assert needs_action("uk-foia", "waiting_response", deadlines)


def test_a_review_overdue_is_chased_not_the_answer() -> None:
    _deadlines, steps = _steps("ie-foi", "review_overdue")
    assert steps[0].kind is StepKind.FOLLOW_UP
    assert steps[0].by == date(2025, 4, 14)  # the review's three weeks (s.21)
    assert "FOI Act 2014 s.21" in steps[0].why


def test_the_requesters_own_moves_need_action_whatever_the_deadlines() -> None:
    (draft,) = next_steps("uk-foia", "draft", ())
    assert draft.kind is StepKind.REQUEST and draft.due and draft.by is None
    steps = next_steps("uk-foia", "waiting_clarification", ())
    assert [s.kind for s in steps] == [StepKind.CLARIFICATION, StepKind.WITHDRAW]
    assert "section 1(3)" in steps[0].why
    assert next_steps("uk-foia", "error_message", ())[0].kind is StepKind.REQUEST


def test_finished_requests_have_no_steps() -> None:
    deadlines, _steps_now = _steps("uk-foia", "partial")
    for status in ("successful", "user_withdrawn", "closed"):
        assert next_steps("uk-foia", status, deadlines) == ()
        assert not needs_action("uk-foia", status, deadlines)


def test_a_fee_notice_asks_for_an_answer_by_the_last_day_to_pay() -> None:
    events = (ClockEvent("fee_notice", date(2025, 3, 10)),)
    deadlines = request_deadlines(ClockInput("uk-foia", RECEIVED, events), date(2025, 5, 30))
    fee = next(s for s in next_steps("uk-foia", "waiting_response", deadlines))
    assert fee.kind is StepKind.FEE_ANSWER
    assert fee.by == next(d.due for d in deadlines if d.kind is DeadlineKind.FEE_PAYMENT)
    assert fee.due and "section 9" in fee.why


def test_a_complaint_about_silence_goes_straight_to_the_ico() -> None:
    _deadlines, steps = _steps("uk-foia", "overdue")
    complaint = next(s for s in steps if s.kind is StepKind.COMPLAINT)
    assert complaint.by is None and not complaint.due
    assert complaint.regulator is not None and complaint.regulator.id == "ico"


def test_every_regulator_says_how_to_reach_it_and_where_that_was_checked() -> None:
    for regulator in REGULATORS.values():
        assert regulator.web.startswith("https://")
        assert regulator.address and regulator.source and regulator.include
    used = {law.regulator for law in LAWS.values() if law.regulator}
    assert used == set(REGULATORS)
