"""Searching a team's archive on a real PostgreSQL server: the same language, the same hits.

The desk of every test here is on a fresh PostgreSQL database of its own; the
fixtures of ``conftest.py`` (``add_request``, ``add_message``, ``letter``) write
through it as they do on SQLite.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import text, update

from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.search import (
    ExtractionOptions,
    check_index,
    extract_pending,
    parse_query,
    rebuild_index,
    search,
)
from foidesk.core.search.index import index_for
from foidesk.core.search.pg_index import PgSearchIndex
from foidesk.core.search.tables import AttachmentText
from foidesk.core.storage.tables import Attachment, Message, Request

AddRequest = Callable[..., int]
AddMessage = Callable[..., int]
Letter = Callable[..., bytes]
TODAY = date(2024, 4, 10)


@pytest.fixture
def profile(tmp_path: Path, postgres_url: str) -> Profile:
    return resolve_profile(tmp_path / "profile", postgres_url)


@pytest.fixture
def desk(profile: Profile) -> Iterator[Desk]:
    with Desk.open(profile, today=lambda: TODAY) as opened:
        yield opened


def found(desk: Desk, words: str, **kwargs: object) -> list[tuple[str, int | None, int | None]]:
    return [(h.kind, h.request_id, h.message_id) for h in search(desk, words, **kwargs)]  # type: ignore[arg-type]


def messages(desk: Desk, words: str) -> set[int | None]:
    return {h.message_id for h in search(desk, words) if h.kind == "message"}


def test_postgresql_gets_its_own_index() -> None:
    assert isinstance(index_for("postgresql"), PgSearchIndex)


def test_a_text_too_large_for_one_tsvector_is_still_stored_and_found(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    numbers = " ".join(f"n{i:07d}" for i in range(120_000))  # about 1 MB of distinct words
    message = add_message(add_request("Ledger"), "ledger attached",
                          files=(("ledger.txt", numbers.encode()),))  # fmt: skip
    extract_pending(desk, options=ExtractionOptions(workers=0))
    assert [h.message_id for h in search(desk, "n0000001") if h.kind == "attachment"] == [message]
    assert check_index(desk) == []


def test_edits_deletes_and_the_trash_keep_the_index_current(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Speed cameras")
    message = add_message(request, "camera revenue figures", files=(("old.txt", b"tariff"),))
    extract_pending(desk, options=ExtractionOptions(workers=0))
    with desk.db.writing() as session:
        session.execute(update(Message).where(Message.id == message).values(body_text="fines"))
        session.execute(update(Request).where(Request.id == request).values(title="Radar"))
        session.execute(update(Attachment).values(filename="renamed.txt"))
    assert messages(desk, "revenue") == set() and messages(desk, "fines") == {message}
    assert found(desk, "cameras") == [] and found(desk, "radar")[0][0] == "request"
    assert [h.context for h in search(desk, "renamed")] == ["renamed.txt"]
    assert [h.kind for h in search(desk, "tariff")] == ["attachment"]  # the text stays
    desk.delete_message(message)
    assert found(desk, "fines") == []
    desk.restore_message(message)
    assert found(desk, "fines") == [("message", request, message)]
    with desk.db.writing() as session:
        session.execute(AttachmentText.__table__.delete())
    assert found(desk, "tariff") == [] and [h.context for h in search(desk, "renamed")]
    with desk.db.writing() as session:
        session.execute(Attachment.__table__.delete())
        session.execute(Message.__table__.delete())
    assert found(desk, "renamed") == [] and found(desk, "fines") == []
    assert check_index(desk) == []


def test_a_rollback_leaves_no_trace(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Gritting"), "salt stocks")

    class Abandon(Exception):
        pass

    with pytest.raises(Abandon), desk.db.writing() as session:
        session.execute(update(Message).where(Message.id == message).values(body_text="grit"))
        hits = PgSearchIndex().search(session, parse_query("grit"), 10)  # seen at once
        assert [h.message_id for h in hits] == [message]
        raise Abandon
    assert messages(desk, "grit") == set() and messages(desk, "salt") == {message}


def test_drift_is_reported_and_reindex_repairs(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Drones"), "three drone flights")
    assert check_index(desk) == []
    with desk.db.writing() as session:
        session.execute(text("UPDATE message_search SET document = to_tsvector('simple', 'x')"))
    assert check_index(desk) == [
        "search index: the index of messages has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ]
    with desk.db.writing() as session:
        session.execute(text("DELETE FROM request_search"))
    assert any("0 entries for 1 request" in p for p in check_index(desk))
    rebuild_index(desk)
    assert check_index(desk) == [] and messages(desk, "drone") == {message}


def test_a_missing_index_is_a_clear_error_until_rebuilt(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Drones"), "three drone flights")
    with desk.db.writing() as session:
        session.execute(text("DROP TABLE message_search"))
        session.execute(text("DROP TRIGGER request_search_sync ON request"))
    with pytest.raises(FoideskError, match="search index is missing"):
        search(desk, "drone")
    problems = check_index(desk)
    assert problems and "table message_search" in problems[0]
    assert "trigger request_search_sync" in problems[0]
    rebuild_index(desk)
    assert check_index(desk) == [] and messages(desk, "drone") == {message}


def test_the_migration_indexes_what_the_database_already_holds(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    from alembic import command

    from foidesk.core.storage import database as db

    message = add_message(add_request("Parking fines"), "penalty charge notices")
    with desk.db.engine.begin() as connection:
        command.downgrade(db.alembic_config(connection), "0011")
        assert connection.scalar(text("SELECT to_regclass('message_search')")) is None
        command.upgrade(db.alembic_config(connection), "head")
    assert messages(desk, "penalty") == {message}
    assert check_index(desk) == []


def _foidesk(profile: Profile, *arguments: str) -> dict[str, object] | list[object]:
    """``python -m foidesk ARGS --json`` on the team database, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-m", "foidesk", *arguments, "--json",
         "--data-dir", str(profile.data_dir), "--database-url", profile.database_url],
        capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    parsed: dict[str, object] | list[object] = json.loads(done.stdout)
    return parsed


def test_the_command_line_reads_searches_and_reports(
    profile: Profile, desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Letter
) -> None:
    files = (("plan.pdf", letter("capital plan for 2025")),)
    add_message(add_request("Budgets"), "attached", files=files)
    status = _foidesk(profile, "search", "--status")
    assert isinstance(status, dict) and status["counts"] == {"pending": 1}
    _foidesk(profile, "search", "--extract")
    status = _foidesk(profile, "search", "--status")
    assert isinstance(status, dict) and status["counts"] == {"done": 1}
    hits = _foidesk(profile, "search", "capital plan*")
    assert [(h["kind"], h["snippet"]) for h in hits] == [  # type: ignore[index]
        ("attachment", "Response letter «capital» «plan» for 2025")
    ]
    _foidesk(profile, "search", "--reindex")
    assert check_index(desk) == []
