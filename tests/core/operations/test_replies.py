"""A reply's proposal: recorded on import, applied only when the user confirms it, and
undone exactly. conftest fixes "today" at Wed 10 Apr 2024."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from mailmaker import make_email

from foidesk.core.changes import Changes
from foidesk.core.deadlines import DeadlineKind, DeadlineState
from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError, NotFoundError
from foidesk.core.records import NewMessage, NewRequest


def _request(desk: Desk, sent: date = date(2024, 3, 1)) -> int:
    """A uk-foia request sent on 1 March 2024: its response was due on 28 March."""
    return desk.add_request(
        NewRequest(
            title="Gritting budgets",
            authority="Northtown Council",
            reference="FOI-4242",
            sent_on=sent,
            body="Please send…",
        )
    ).id


def _import(desk: Desk, tmp_path: Path, body: str, **more: object) -> int:
    raw = make_email(subject="FOI-4242 your request", body=body, **more)  # type: ignore[arg-type]
    path = tmp_path / "reply.eml"
    path.write_bytes(raw)
    item = desk.import_paths([path]).files[0]
    assert item.status == "imported"
    return item.message_ids[0]


REFUSAL = "The report is withheld in full under section 43(2) (commercial interests).\n"


def _response(desk: Desk, request_id: int) -> DeadlineState:
    found = {d.kind: d for d in desk.deadlines(request_id)}
    return found[DeadlineKind.RESPONSE].state


def test_an_imported_reply_gets_a_proposal_and_changes_nothing(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    before = desk.get_request(request_id)
    assert _response(desk, request_id) is DeadlineState.OVERDUE
    message_id = _import(desk, tmp_path, REFUSAL)
    proposal = desk.reply_proposal(message_id)
    assert (proposal.kind, proposal.status) == ("response_refused", "rejected")
    assert ("exemption", "section 43(2)") in {(e.signal, e.text) for e in proposal.evidence}
    after = desk.get_request(request_id)
    assert after.summary.status == before.summary.status == "waiting_response"
    assert after.status_history == before.status_history
    assert after.messages[-1].kind == "reply"
    assert _response(desk, request_id) is DeadlineState.OVERDUE  # until the user confirms
    assert [p.message_id for p in desk.open_proposals(request_id)] == [message_id]


def test_confirming_a_response_sets_kind_status_and_meets_the_deadline(
    desk: Desk, tmp_path: Path
) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    published: list[Changes] = []
    desk.feed.subscribe(published.append)
    decided = desk.confirm_reply(message_id)
    assert decided.decided and decided.chosen_kind == "response_refused"
    detail = desk.get_request(request_id)
    assert detail.summary.status == "rejected"
    assert detail.status_history[-1].status == "rejected"
    assert detail.messages[-1].kind == "response"
    assert _response(desk, request_id) is DeadlineState.MET
    assert desk.open_proposals(request_id) == []
    (changes,) = published
    assert request_id in changes.requests and request_id in changes.threads
    assert changes.listing and request_id in changes.deadlines


def test_undo_puts_kind_status_and_clock_back(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    history = desk.get_request(request_id).status_history
    desk.confirm_reply(message_id)
    reopened = desk.undo_reply_decision(message_id)
    assert not reopened.decided
    detail = desk.get_request(request_id)
    assert detail.summary.status == "waiting_response"
    assert detail.status_history == history
    assert detail.messages[-1].kind == "reply"
    assert _response(desk, request_id) is DeadlineState.OVERDUE
    with pytest.raises(InvalidInputError):
        desk.undo_reply_decision(message_id)


def test_correcting_chooses_another_kind_and_status(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    decided = desk.confirm_reply(message_id, kind="response_partial", status="partially_successful")
    assert (decided.kind, decided.chosen_kind) == ("response_refused", "response_partial")
    assert desk.get_request(request_id).summary.status == "partially_successful"
    again = desk.confirm_reply(message_id, kind="acknowledgement")  # decided afresh
    assert again.chosen_status is None
    detail = desk.get_request(request_id)
    assert detail.summary.status == "waiting_response"
    assert detail.messages[-1].kind == "acknowledgement"
    assert _response(desk, request_id) is DeadlineState.OVERDUE


def test_an_extension_records_its_event_with_the_date_it_names(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    body = (
        "We need more time to consider the public interest under section 10(3). "
        "We now aim to respond by 26 April 2024.\n"
    )
    message_id = _import(desk, tmp_path, body, sent=datetime(2024, 3, 27, 9, tzinfo=UTC))
    proposal = desk.reply_proposal(message_id)
    assert (proposal.kind, proposal.until) == ("extension", date(2024, 4, 26))
    decided = desk.confirm_reply(message_id)
    events = desk.get_request(request_id).clock_events
    assert [(e.kind, e.on, e.until) for e in events] == [
        ("extension", date(2024, 3, 27), date(2024, 4, 26))
    ]
    assert decided.clock_event_id == events[0].id
    assert desk.get_request(request_id).summary.status == "waiting_response"
    desk.undo_reply_decision(message_id)
    assert desk.get_request(request_id).clock_events == ()


def test_a_fee_notice_records_a_fee_event(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    body = "A fees notice is attached: the cost of copies is £41.20, payable in advance.\n"
    message_id = _import(desk, tmp_path, body)
    desk.confirm_reply(message_id)
    detail = desk.get_request(request_id)
    assert [e.kind for e in detail.clock_events] == ["fee_notice"]
    assert detail.messages[-1].kind == "fee_notice"


def test_a_clarification_request_waits_for_the_requester(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk, sent=date(2024, 4, 1))
    body = "Before we can proceed, could you please clarify which years you mean?\n"
    message_id = _import(desk, tmp_path, body, sent=datetime(2024, 4, 3, 9, tzinfo=UTC))
    desk.confirm_reply(message_id)
    detail = desk.get_request(request_id)
    assert detail.summary.status == "waiting_clarification"
    assert detail.messages[-1].kind == "clarification_request"


def test_an_answer_to_a_review_request_is_proposed_as_its_outcome(
    desk: Desk, tmp_path: Path
) -> None:
    request_id = _request(desk)
    desk.add_message(
        request_id,
        NewMessage(
            direction="outgoing",
            kind="internal_review_request",
            sent_at=datetime(2024, 4, 2, 9, tzinfo=UTC),
            message_id="<review-1@example.net>",
        ),
    )
    body = "I have completed the internal review and uphold the original decision.\n"
    message_id = _import(desk, tmp_path, body, in_reply_to="<review-1@example.net>")
    proposal = desk.reply_proposal(message_id)
    assert (proposal.kind, proposal.status) == ("review_outcome", "rejected")
    desk.confirm_reply(message_id)
    assert desk.get_request(request_id).messages[-1].kind == "internal_review_response"


def test_an_unfiled_reply_gets_its_proposal_when_filed(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    raw = make_email(subject="Hello", sender="Someone <a@elsewhere.example>", body=REFUSAL)
    path = tmp_path / "stray.eml"
    path.write_bytes(raw)
    message_id = desk.import_paths([path]).files[0].message_ids[0]
    with pytest.raises(NotFoundError):
        desk.reply_proposal(message_id)
    desk.file_message(message_id, request_id)
    assert desk.reply_proposal(message_id).kind == "response_refused"


def test_bad_choices_are_refused_in_one_sentence(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    with pytest.raises(InvalidInputError, match="unknown reply kind"):
        desk.confirm_reply(message_id, kind="telegram")
    with pytest.raises(InvalidInputError, match="unknown status"):
        desk.confirm_reply(message_id, status="sunny")
    assert desk.get_request(request_id).summary.status == "waiting_response"
    outgoing = desk.add_message(request_id, NewMessage(direction="outgoing", kind="follow_up"))
    with pytest.raises(NotFoundError):
        desk.confirm_reply(outgoing.id)


def test_undo_keeps_a_status_set_by_hand_since(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    desk.confirm_reply(message_id)
    desk.set_status(request_id, "internal_review")
    desk.undo_reply_decision(message_id)
    detail = desk.get_request(request_id)
    assert detail.summary.status == "internal_review"
    assert [c.status for c in detail.status_history] == ["waiting_response", "internal_review"]
    assert detail.messages[-1].kind == "reply"


def test_an_answer_to_a_german_widerspruch_is_its_outcome(desk: Desk, tmp_path: Path) -> None:
    """A Widerspruch the user sent (imported from their mail) is the review request the
    authority's Abhilfebescheid answers."""
    desk.add_authority("Bundesamt", email="ifg@bundesamt.example", regime="de-ifg")
    request_id = desk.add_request(
        NewRequest(title="Gutachten", authority="Bundesamt", sent_on=date(2024, 1, 8), body="")
    ).id
    sent = make_email(
        sender="Sam <sam@example.net>",
        to="IFG <ifg@bundesamt.example>",
        subject="Widerspruch gegen Ihren Bescheid",
        body="Hiermit lege ich Widerspruch ein.\n",
        message_id="<widerspruch-1@example.net>",
        sent=datetime(2024, 3, 4, 9, tzinfo=UTC),
    )
    path = tmp_path / "widerspruch.eml"
    path.write_bytes(sent)
    desk.import_paths([path], request_id=request_id)
    assert desk.get_request(request_id).messages[-1].kind == "internal_review_request"
    answer = make_email(
        sender="IFG <ifg@bundesamt.example>",
        subject="Ihr Widerspruch",
        body="Nach erneuter Prüfung werden Ihnen die Unterlagen übersandt.\n",
        message_id="<abhilfe-1@bundesamt.example>",
        in_reply_to="<widerspruch-1@example.net>",
        attachments=(("Unterlagen.pdf", b"%PDF-1.4"),),
        sent=datetime(2024, 4, 2, 9, tzinfo=UTC),
    )
    path = tmp_path / "abhilfe.eml"
    path.write_bytes(answer)
    message_id = desk.import_paths([path]).files[0].message_ids[0]
    proposal = desk.reply_proposal(message_id)
    assert proposal.kind == "review_outcome"
    assert ("thread", "internal_review_request") in {(e.signal, e.text) for e in proposal.evidence}


def test_the_deadlines_a_confirmation_would_give_are_worked_out_without_changing_anything(
    desk: Desk, tmp_path: Path
) -> None:
    request_id = _request(desk)
    message_id = _import(desk, tmp_path, REFUSAL)
    before = desk.get_request(request_id)
    would = {d.kind: d for d in desk.deadlines_if_confirmed(message_id)}
    assert would[DeadlineKind.RESPONSE].state is DeadlineState.MET
    assert DeadlineKind.REVIEW_REQUEST_WINDOW in would
    assert _response(desk, request_id) is DeadlineState.OVERDUE  # nothing was changed
    assert desk.get_request(request_id) == before
    assert not desk.reply_proposal(message_id).decided
    decided = {
        d.kind: d.due for d in (desk.confirm_reply(message_id), desk.deadlines(request_id))[1]
    }
    assert decided == {kind: d.due for kind, d in would.items()}
    assert desk.deadlines_if_confirmed(message_id) == ()  # decided: nothing to foresee
