"""The command line's request list: every field of a row, read without ORM objects."""

from __future__ import annotations

from datetime import UTC, date, datetime

from foidesk.core.desk import Desk
from foidesk.core.records import NewMessage, NewRequest


def test_list_rows_carry_authority_sorted_tags_counts_and_newest_activity_first(
    desk: Desk,
) -> None:
    first = desk.add_request(
        NewRequest(
            title="Bus lane fines",
            authority="Leeds City Council",
            sent_on=date(2024, 3, 1),
            reference="LCC-1",
            tags=("roads", "fines", "Ärger"),
        )
    )
    second = desk.add_request(
        NewRequest(title="Gritting", authority="Kent County Council", sent_on=date(2024, 3, 2))
    )
    desk.add_message(
        first.id,
        NewMessage(
            direction="incoming",
            kind="acknowledgement",
            sent_at=datetime(2024, 3, 5, 9, tzinfo=UTC),
            subject="Received",
            body_text="We have your request.",
        ),
    )
    rows = desk.list_requests()
    newest_first = sorted(rows, key=lambda r: (r.last_activity_at, r.id), reverse=True)
    assert rows == newest_first and {r.id for r in rows} == {first.id, second.id}
    row = next(r for r in rows if r.id == first.id)
    assert (row.title, row.authority, row.reference) == (
        "Bus lane fines",
        "Leeds City Council",
        "LCC-1",
    )
    assert row.tags == ("fines", "roads", "Ärger")
    assert row.message_count == desk.get_request(first.id).summary.message_count
    assert row == desk.get_request(first.id).summary
    assert next(r for r in rows if r.id == second.id).tags == ()


def test_status_filter_and_trash_list_the_same_rows(desk: Desk) -> None:
    kept = desk.add_request(NewRequest(title="Kept", authority="A", sent_on=date(2024, 1, 2)))
    gone = desk.add_request(NewRequest(title="Gone", authority="B", sent_on=date(2024, 1, 3)))
    desk.set_status(kept.id, "successful")
    desk.delete_request(gone.id)
    assert [r.id for r in desk.list_requests(status="successful")] == [kept.id]
    assert [r.id for r in desk.list_requests(status="waiting_response")] == []
    trashed = desk.trashed_requests()
    assert [(r.id, r.authority) for r in trashed] == [(gone.id, "B")]
