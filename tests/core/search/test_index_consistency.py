"""The index changes in the same transaction as the rows, and drift is found and repaired."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text, update

from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError
from foidesk.core.profile import Profile
from foidesk.core.search import (
    ExtractionOptions,
    check_index,
    extract_pending,
    parse_query,
    rebuild_index,
    search,
)
from foidesk.core.search.index import index_for
from foidesk.core.search.tables import AttachmentText
from foidesk.core.storage import database as db
from foidesk.core.storage.tables import Attachment, Message

#: Searches the index: full-text search on PostgreSQL is its own part (core/search/pg_*).
#: FTS5's own tables and the SQLite file; PostgreSQL's index has test_postgres_search.py.
pytestmark = pytest.mark.sqlite_only

MARCH = datetime(2024, 3, 1, tzinfo=UTC)
AddRequest = Callable[..., int]
AddMessage = Callable[..., int]


def message_ids(desk: Desk, words: str) -> set[int | None]:
    return {h.message_id for h in search(desk, words) if h.kind == "message"}


def test_an_edit_replaces_the_old_words(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Drones"), "three drone flights", subject="Drones")
    with desk.db.writing() as session:
        session.execute(
            update(Message).where(Message.id == message).values(body_text="helicopter hours")
        )
    assert message_ids(desk, "drone flights") == set()
    assert message_ids(desk, "helicopter") == {message}
    assert check_index(desk) == []


def test_the_index_moves_with_the_transaction_and_a_rollback_leaves_no_trace(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Gritting")
    message = add_message(request, "salt stocks")
    index = index_for(desk.db.engine.dialect.name)  # FTS5 here, PostgreSQL's on a team's

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), desk.db.writing() as session:
        session.execute(update(Message).where(Message.id == message).values(body_text="grit bins"))
        session.add(Message(request_id=request, direction="incoming", kind="response",
                            sort_at=MARCH, subject="", body_text="snow ploughs"))  # fmt: skip
        session.flush()
        inside = index.search(session, parse_query("grit OR ploughs"), 10)
        assert len([h for h in inside if h.kind == "message"]) == 2
        raise Abandon

    assert message_ids(desk, "grit OR ploughs") == set()  # the title "Gritting" still matches
    assert message_ids(desk, "salt") == {message}
    assert check_index(desk) == []


def test_removing_attachments_and_purging_requests_empty_the_index(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Callable[..., bytes]
) -> None:
    request = add_request("Fly tipping fines")
    files = (("annex.pdf", letter("fixed penalty notices")), ("fines.csv", b"ward,fines\r\nN,1"))
    add_message(request, "see annex", files=files)
    extract_pending(desk, options=ExtractionOptions(workers=0))
    [pdf, csv] = desk.get_request(request).messages[-1].attachments
    desk.remove_attachment(pdf.id)
    assert search(desk, "penalty") == []
    assert [h.attachment_id for h in search(desk, "ward")] == [csv.id]
    with desk.db.writing() as session:  # a renamed file is found by its new name
        session.execute(update(Attachment).where(Attachment.id == csv.id).values(filename="x.csv"))
    assert [h.context for h in search(desk, "fines type:csv")] == ["x.csv"]
    assert check_index(desk) == []
    desk.delete_request(request)
    desk.purge_request(request)
    assert search(desk, "ward OR fly") == []
    assert check_index(desk) == []


def test_rows_written_behind_the_triggers_back_are_reported_and_reindex_repairs(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Potholes"), "pothole claims")
    with desk.db.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER message_fts_update"))
        conn.execute(text("DROP TRIGGER message_fts_insert"))
        conn.execute(text("UPDATE message SET body_text = 'sinkhole repairs' WHERE id = :i"),
                     {"i": message})  # fmt: skip
    problems = check_index(desk)
    assert problems == [
        "search index: trigger message_fts_insert, trigger message_fts_update missing; "
        "run `foidesk search --reindex` to rebuild it"
    ]

    rebuild_index(desk)

    assert check_index(desk) == []
    assert message_ids(desk, "sinkhole") == {message}
    assert message_ids(desk, "claims") == set()
    later = add_message(None, "another sinkhole")  # the triggers are back
    assert message_ids(desk, "sinkhole") == {message, later}


def test_drift_with_all_objects_present_is_found(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Cycle lanes", body="Where are the lanes?"), "segregated lanes")
    with desk.db.engine.begin() as conn:  # forget one row's entry: counts drift
        conn.execute(text("INSERT INTO message_fts(message_fts, rowid, subject, body_text) "
                          "SELECT 'delete', id, subject, body_text FROM message "
                          "WHERE kind = 'response'"))  # fmt: skip
    assert check_index(desk) == [
        "search index: 1 entries for 2 messages; run `foidesk search --reindex` to rebuild it"
    ]
    rebuild_index(desk)
    with desk.db.engine.begin() as conn:  # same count, different words: content drifts
        conn.execute(text("DROP TRIGGER request_fts_update"))
        conn.execute(text("UPDATE request SET title = 'Bus lanes'"))
        conn.execute(text("CREATE TRIGGER request_fts_update AFTER UPDATE OF title, body, notes "
                          "ON request BEGIN SELECT 1; END"))  # fmt: skip
    assert check_index(desk) == [
        "search index: the index of requests has drifted; "
        "run `foidesk search --reindex` to rebuild it"
    ]


def test_text_rows_and_states_must_agree(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    add_message(add_request("Parking"), "permit", files=(("permits.txt", b"resident permits"),))
    extract_pending(desk, options=ExtractionOptions(workers=0))
    with desk.db.writing() as session:
        session.execute(update(Attachment).values(text_state="pending"))
    assert check_index(desk) == ["search: 1 attachment has text but is not marked read"]
    with desk.db.writing() as session:
        session.execute(update(Attachment).values(text_state="done"))
        session.execute(AttachmentText.__table__.delete())  # type: ignore[attr-defined]
    assert "marked read but its text is missing" in check_index(desk)[0]


def test_a_missing_index_is_a_clear_error_until_rebuilt(
    desk: Desk, add_request: AddRequest
) -> None:
    add_request("Tree felling")
    with desk.db.engine.begin() as conn:
        conn.execute(text("DROP TABLE request_fts"))
    with pytest.raises(FoideskError, match="search index is missing"):
        search(desk, "felling")
    assert "table request_fts" in check_index(desk)[0]
    rebuild_index(desk)
    assert [h.kind for h in search(desk, "felling")] == ["request"]


def test_upgrading_an_existing_profile_indexes_what_it_holds(profile: Profile) -> None:
    profile.data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(profile.database_url)
    db.upgrade(profile, engine, target="0002")
    engine.dispose()
    assert profile.sqlite_path is not None
    with sqlite3.connect(profile.sqlite_path) as conn:
        conn.execute(
            "INSERT INTO authority (id, name, default_regime, is_school, notes, "
            "created_at) VALUES (1, 'Met Office', 'uk-foia', 0, '', '2024-01-01')"
        )
        conn.execute("INSERT INTO request (id, title, authority_id, regime, body, status, notes, "
                     "created_at, updated_at, last_activity_at) VALUES (1, 'Rainfall records', "
                     "1, 'uk-foia', 'hourly rainfall', 'successful', '', '2024-01-01', "
                     "'2024-01-01', '2024-01-01')")  # fmt: skip
    conn.close()
    with Desk.open(profile) as desk:
        assert [h.request_id for h in search(desk, "rainfall")] == [1]
        assert check_index(desk) == []
        with desk.db.reading() as session:
            assert session.scalars(select(Attachment)).all() == []


def test_a_damaged_index_is_a_clear_error_until_rebuilt(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Potholes"), "claims paid")
    with desk.db.engine.begin() as conn:  # a 'delete' with the wrong words corrupts the index
        wrong = "VALUES ('delete', :i, 'sinkhole', 'repairs')"
        conn.execute(
            text(f"INSERT INTO message_fts(message_fts, rowid, subject, body_text) {wrong}"),
            {"i": message},
        )
    with pytest.raises(FoideskError, match="search index is damaged"):
        search(desk, "claims")
    assert check_index(desk)
    rebuild_index(desk)
    assert message_ids(desk, "claims") == {message}
