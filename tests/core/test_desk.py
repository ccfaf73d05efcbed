"""The Desk: requests, messages, status history, trash — one unit of work each."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError, NotFoundError
from foidesk.core.records import NewAttachment, NewMessage, NewRequest, RequestDetail
from foidesk.core.sample.thread import load_sample


def _add(desk: Desk, title: str = "Police overtime", **extra: object) -> RequestDetail:
    fields: dict[str, object] = {
        "title": title,
        "authority": "Metropolitan Police",
        "sent_on": date(2024, 3, 1),
        "body": "Please send…",
    }
    fields.update(extra)
    return desk.add_request(NewRequest(**fields))  # type: ignore[arg-type]


def test_a_new_request_opens_its_thread_with_the_request_itself(desk: Desk) -> None:
    detail = _add(desk, tags=("police", "money", "police"))
    assert detail.summary.status == "waiting_response"
    assert detail.summary.tags == ("money", "police")
    assert [(m.direction, m.kind) for m in detail.messages] == [("outgoing", "request")]
    assert detail.status_history[0].status == "waiting_response"
    assert detail.status_history[0].changed_on == date(2024, 3, 1)


def test_regime_defaults_to_the_authoritys(desk: Desk) -> None:
    desk.add_authority("Scottish Government", regime="scot-foisa", email="FOI@gov.scot")
    detail = desk.add_request(
        NewRequest(title="Ferries", authority="scottish government", sent_on=date(2024, 1, 5))
    )
    assert detail.summary.regime == "scot-foisa"
    assert desk.list_authorities()[0].email == "foi@gov.scot"


def test_unknown_regime_and_status_are_clear_errors(desk: Desk) -> None:
    with pytest.raises(InvalidInputError, match=r"unknown regime 'uk-fooa'.*uk-foia"):
        _add(desk, regime="uk-fooa")
    detail = _add(desk)
    with pytest.raises(ValueError, match=r"unknown status 'lost'.*waiting_response"):
        desk.set_status(detail.id, "lost")
    with pytest.raises(NotFoundError, match="no request with id 999"):
        desk.get_request(999)


def test_status_changes_are_kept_with_their_dates(desk: Desk) -> None:
    detail = _add(desk)
    desk.set_status(detail.id, "internal_review", on=date(2024, 4, 2))
    after = desk.set_status(detail.id, "successful", on=date(2024, 4, 20))
    assert [(h.status, h.changed_on) for h in after.status_history] == [
        ("waiting_response", date(2024, 3, 1)),
        ("internal_review", date(2024, 4, 2)),
        ("successful", date(2024, 4, 20)),
    ]
    assert after.summary.status == "successful"


def test_thread_is_oldest_first_with_sent_and_received_kept_apart(desk: Desk) -> None:
    detail = _add(desk)
    late = desk.add_message(
        detail.id,
        NewMessage(
            direction="incoming",
            kind="response",
            sent_at=datetime(2024, 3, 28, 9, tzinfo=UTC),
            received_at=datetime(2024, 3, 29, 8, tzinfo=UTC),
            subject="Response",
        ),
    )
    early = desk.add_message(
        detail.id,
        NewMessage(
            direction="incoming",
            kind="acknowledgement",
            sent_at=datetime(2024, 3, 1, 10, tzinfo=UTC),
            subject="Thanks",
        ),
    )
    thread = desk.get_request(detail.id).messages
    assert [m.id for m in thread][1:] == [early.id, late.id]
    assert thread[2].sent_at != thread[2].received_at


def test_records_are_frozen(desk: Desk) -> None:
    detail = _add(desk)
    with pytest.raises(dataclasses.FrozenInstanceError):
        detail.summary.title = "changed"  # type: ignore[misc]


def test_trash_hides_a_request_until_restored(desk: Desk) -> None:
    detail = _add(desk)
    desk.delete_request(detail.id)
    assert desk.list_requests() == []
    assert [r.id for r in desk.trashed_requests()] == [detail.id]
    desk.restore_request(detail.id)
    assert [r.id for r in desk.list_requests()] == [detail.id]


def test_attachment_names_from_outside_are_never_paths(desk: Desk) -> None:
    detail = _add(desk)
    message = desk.add_message(
        detail.id,
        NewMessage(
            direction="incoming",
            kind="response",
            attachments=(NewAttachment("../../etc/passwd", b"root:x"),),
        ),
    )
    name = message.attachments[0].filename
    assert "/" not in name and ".." not in name
    assert desk.blob_path(message.attachments[0].sha256).read_bytes() == b"root:x"


def test_unfiled_messages_can_be_filed_later(desk: Desk) -> None:
    detail = _add(desk)
    loose = desk.add_message(
        None, NewMessage(direction="incoming", kind="response", subject="Stray reply")
    )
    assert [m.id for m in desk.unfiled_messages()] == [loose.id]
    desk.file_message(loose.id, detail.id)
    assert desk.unfiled_messages() == []
    assert loose.id in [m.id for m in desk.get_request(detail.id).messages]


def test_sample_request_matches_the_example_thread(desk: Desk) -> None:
    detail = load_sample(desk)
    assert detail.summary.status == "partially_successful"
    kinds = [m.kind for m in detail.messages]
    assert kinds == ["request", "acknowledgement", "response"]
    response = detail.messages[-1]
    assert len(response.attachments) == 6
    assert {a.media_type for a in response.attachments} >= {"application/pdf", "image/png"}
    pdf = desk.blob_path(response.attachments[0].sha256).read_bytes()
    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert desk.check().ok


def test_undoing_a_status_change_restores_the_previous_status(desk: Desk) -> None:
    detail = _add(desk)
    desk.set_status(detail.id, "successful", on=date(2024, 4, 2))
    undone = desk.undo_status_change(detail.id)
    assert undone.summary.status == "waiting_response"
    assert [h.status for h in undone.status_history] == ["waiting_response"]
    with pytest.raises(InvalidInputError, match="no status change"):
        desk.undo_status_change(detail.id)


def test_removing_an_attachment_keeps_a_file_another_message_uses(desk: Desk) -> None:
    detail = _add(desk)
    files = (NewAttachment("a.pdf", b"shared"), NewAttachment("b.pdf", b"own"))
    first = desk.add_message(
        detail.id, NewMessage(direction="incoming", kind="response", attachments=files)
    )
    desk.add_message(
        detail.id,
        NewMessage(
            direction="incoming", kind="response", attachments=(NewAttachment("c.pdf", b"shared"),)
        ),
    )
    shared, own = first.attachments
    after = desk.remove_attachment(shared.id)
    after = desk.remove_attachment(own.id)
    assert after.attachments == ()
    assert desk.store.exists(shared.sha256)
    assert not desk.store.exists(own.sha256)
    assert desk.check().ok


def test_an_authority_with_requests_cannot_be_deleted(desk: Desk) -> None:
    detail = _add(desk)
    with pytest.raises(InvalidInputError, match="still has 1 request"):
        desk.delete_authority(detail.summary.authority_id)
    spare = desk.add_authority("Unused Council")
    desk.delete_authority(spare.id)
    assert [a.name for a in desk.list_authorities()] == ["Metropolitan Police"]
