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
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text, update

from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError, InvalidInputError
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.search import (
    ExtractionOptions,
    Filters,
    check_index,
    extract_pending,
    parse_query,
    rebuild_index,
    search,
    text_status,
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


def test_every_query_form(desk: Desk, add_request: AddRequest, add_message: AddMessage) -> None:
    request = add_request("Calls")
    recorded = add_message(request, "Outbound calls are recorded by the consultancy.")
    withheld = add_message(request, "Recording withheld under section 40(2).")
    mailed = add_message(request, "Write to foi@leeds.gov.uk about annex.pdf and e-mail us.")
    assert messages(desk, "record") == set()  # whole words, no stemming
    assert messages(desk, "record*") == {recorded, withheld}
    assert messages(desk, "consultan*") == {recorded}
    assert messages(desk, "RECORDED consultancy") == {recorded}
    assert messages(desk, '"calls are recorded"') == {recorded}
    assert messages(desk, '"calls recorded"') == set()
    assert messages(desk, '"outbound call"*') == {recorded}
    assert messages(desk, "record* NOT withheld") == {recorded}
    assert messages(desk, "record* -withheld") == {recorded}
    assert messages(desk, "outbound OR section") == {recorded, withheld}
    assert messages(desk, "(outbound OR section) AND 40") == {withheld}
    assert messages(desk, '"40(2)"') == {withheld}
    assert messages(desk, "leeds") == messages(desk, "annex") == {mailed}
    assert messages(desk, '"gov uk"') == messages(desk, "mail") == {mailed}


def test_accents_and_case_do_not_matter(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(add_request("Café licences"), "Le Département a répondu.")
    assert messages(desk, "departement REPONDU") == {message}
    assert messages(desk, "départ*") == {message}
    assert found(desk, "cafe")[0][:2] != ("request", None)


def test_hits_say_what_they_belong_to_with_marked_snippets(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, letter: Letter
) -> None:
    request = add_request("Taser use by officers", notes="ask about taser training too")
    message = add_message(request, "We hold records of taser deployments.", subject="Re: Taser")
    add_message(request, "See attached.", files=(("annex.pdf", letter("Taser incidents: 14")),))
    extract_pending(desk, options=ExtractionOptions(workers=0))

    hits = search(desk, "taser")

    kinds = {(h.kind, h.request_id, h.message_id is not None, h.attachment_id is not None)
             for h in hits}  # fmt: skip
    assert kinds == {("request", request, False, False), ("message", request, True, False),
                     ("attachment", request, True, True)}  # fmt: skip
    message_hit = next(h for h in hits if h.kind == "message")
    assert message_hit.message_id == message
    assert message_hit.snippet == "We hold records of «taser» deployments."
    assert message_hit.title == "Taser use by officers" and message_hit.context == "Re: Taser"
    assert message_hit.authority == "Home Office" and message_hit.day == date(2024, 2, 1)
    request_hit = next(h for h in hits if h.kind == "request")
    assert request_hit.snippet == "ask about «taser» training too"
    attachment = next(h for h in hits if h.kind == "attachment")
    assert attachment.context == "annex.pdf" and "«Taser» incidents: 14" in attachment.snippet


def test_snippets_keep_punctuation_and_never_mistake_a_marker(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Quotes")
    add_message(request, "He called it «transparent» budgeting.")
    add_message(request, "Ask foi@leeds.gov.uk for the gritting map.")
    assert search(desk, "budgeting")[0].snippet == "He called it ‹transparent› «budgeting»."
    assert search(desk, "leeds")[0].snippet == "Ask foi@«leeds».gov.uk for the gritting map."


def test_better_matches_rank_first(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Housing repairs")
    once = add_message(request, "damp mentioned once among many other words " + "filler " * 60)
    best = add_message(request, "damp and mould, damp walls, damp floors", subject="Damp")
    hits = search(desk, "damp")
    assert [h.message_id for h in hits if h.kind == "message"] == [best, once]
    assert [h.rank for h in hits] == sorted((h.rank for h in hits), reverse=True)
    assert all(h.rank > 0 for h in hits)


def test_filters_by_authority_status_date_and_files(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    home = add_request("Visa data", authority="Home Office", status="successful")
    leeds = add_request("Visa sponsors", authority="Leeds City Council")
    early = add_message(home, "visa figures", when=datetime(2023, 5, 1, tzinfo=UTC))
    late = add_message(leeds, "visa guidance", when=datetime(2024, 6, 1, tzinfo=UTC),
                       files=(("Visa Table.CSV", b"visa,count\r\nwork,10\r\n"),))  # fmt: skip
    extract_pending(desk, options=ExtractionOptions(workers=0))

    assert {r for _, r, _ in found(desk, 'visa authority:"home office"')} == {home}
    assert {r for _, r, _ in found(desk, "visa authority:leeds")} == {leeds}
    assert {r for _, r, _ in found(desk, "visa status:successful")} == {home}
    after = found(desk, "visa after:2024-01-01")
    assert ("message", leeds, late) in after and all(m != early for _, _, m in after)
    assert ("message", home, early) in found(desk, "visa before:2024-01-01")
    assert ("message", home, early) not in found(desk, "visa before:2023-05-01")
    assert ("message", home, early) in found(desk, "visa after:2023-05-01 before:2023-05-02")
    assert {k for k, _, _ in found(desk, "visa has:attachment")} == {"message", "attachment",
                                                                      "request"}  # fmt: skip
    assert all(r == leeds for _, r, _ in found(desk, "visa has:attachment"))
    assert found(desk, "visa type:spreadsheet") == [("attachment", leeds, late)]
    assert found(desk, "work type:csv") == [("attachment", leeds, late)]
    assert found(desk, "visa type:pdf") == []
    assert found(desk, "visa authority:nowhere") == []
    window = Filters(statuses=("successful",))
    assert {r for _, r, _ in found(desk, "visa", filters=window)} == {home}


def test_attachment_text_deep_in_a_long_file_and_name_only_matches(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    long_text = ("routine minutes of the meeting " * 4000) + "the Département pays ransom" + (
        " and more routine minutes" * 2000)  # fmt: skip
    files = (("minutes.txt", long_text.encode()), ("ransom policy.txt", b"nothing relevant"))
    add_message(add_request("Cyber"), "files attached", files=files)
    extract_pending(desk, options=ExtractionOptions(workers=0))

    by_name = {h.context: h.snippet for h in search(desk, "ransom")}
    assert by_name["minutes.txt"].startswith("…") and by_name["minutes.txt"].endswith("…")
    assert "Département pays «ransom»" in by_name["minutes.txt"]
    assert by_name["ransom policy.txt"] == "«ransom» policy.txt"
    folded = {h.context: h.snippet for h in search(desk, "departement")}  # not literally there
    assert "«Département» pays ransom" in folded["minutes.txt"]


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


def test_unfiled_messages_and_echoes(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    message = add_message(None, "an orphaned reply about gritting")
    hit = search(desk, "gritting")[0]
    assert (hit.kind, hit.request_id, hit.message_id, hit.title) == ("message", None, message, "")
    add_request("Bridge inspections", body="Please send the bridge inspection reports.")
    assert [k for k, _, _ in found(desk, "inspection reports")] == ["message"]


@pytest.mark.parametrize(
    "hostile",
    [
        "'; DROP TABLE message; --",
        "taser:* & !x | (y <-> z)",
        "\\' OR 1=1 \\",
        "a:b:c 'quoted' \"unclosed",
        "ẞ ǅ ½ 〄 \U000f0000 ﷽",
    ],
)
def test_hostile_queries_are_only_words(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, hostile: str
) -> None:
    add_message(add_request("Taser"), "taser x y z quoted")
    search(desk, hostile)  # finds what it finds, and never runs what it says
    assert messages(desk, "taser") != set()
    with desk.db.reading() as session:
        assert session.scalar(text("SELECT count(*) FROM message")) == 1


def test_malformed_queries_give_the_same_errors_as_on_sqlite(desk: Desk) -> None:
    with pytest.raises(InvalidInputError, match="cannot only exclude"):
        search(desk, "-taser")
    with pytest.raises(InvalidInputError, match="too short"):
        search(desk, "a*")
    with pytest.raises(InvalidInputError, match="type a word"):
        search(desk, "status:successful")
    with pytest.raises(InvalidInputError, match="not a date"):
        search(desk, "visa after:yesterday")
    assert search(desk, "   ") == []


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


def test_status_and_extract(desk: Desk, add_request: AddRequest, add_message: AddMessage,
                            letter: Letter) -> None:  # fmt: skip
    add_message(add_request("Budgets"), "attached", files=(("plan.pdf", letter("capital plan")),))
    assert text_status(desk).pending == 1
    extract_pending(desk, options=ExtractionOptions(workers=0))
    assert text_status(desk).pending == 0
    assert [h.kind for h in search(desk, "capital")] == ["attachment"]
    assert text_status(desk).counts == {"done": 1}
