"""Salvaging real profiles damaged the ways disks damage them: each is salvaged, opened
and checked, and what came back is counted against what the profile held."""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest
from salvage_damage import (
    Damaged,
    damaged_copy,
    ids_of,
    overwrite_page,
    pages_of,
    sha256_file,
    with_a_log,
)

from foidesk.core import phrases
from foidesk.core.desk import Desk
from foidesk.core.profile.guard import Problem, ProfileRefusedError
from foidesk.core.profile.identity import ProfileMarker, marker_path, read_marker
from foidesk.core.salvage.copy import Shell
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.salvage.orphans import UNFILED_BY
from foidesk.core.salvage.run import SalvageResult, salvage
from foidesk.core.salvage.schema import SIGNATURES
from foidesk.core.storage.tables import Message

#: Salvage reads a damaged SQLite file page by page.
pytestmark = pytest.mark.sqlite_only


def salvaged(damaged: Damaged, shell: Shell) -> SalvageResult:
    """Salvage, then insist on what every salvage must leave: the damaged bytes kept
    unchanged, the check passed, no temporary file or journal behind."""
    result = salvage(damaged.profile, shell=shell)
    assert result.check_ok, result.check_problems
    assert sha256_file(result.damaged_copy) == damaged.damaged_sha256
    folder = damaged.profile.data_dir
    assert not list(folder.glob("foidesk.sqlite3.salvage-*"))
    assert not (folder / ".foidesk-salvage.json").exists()
    return result


def count(result: SalvageResult, what: str) -> int:
    return next(c.recovered for c in result.counts if c.what == what)


def table_rows(path: Path, table: str) -> int:
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def test_a_page_overwritten_in_the_middle_gives_back_every_row_it_did_not_hold(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    def middle(path: Path) -> None:
        overwrite_page(path, path.stat().st_size // 4096 // 2)

    damaged = damaged_copy(template, tmp_path / "profile", middle)
    before = damaged.before.counts
    assert_damaged(damaged)

    result = salvaged(damaged, recover_shell)

    assert count(result, "requests") == before.requests
    assert count(result, "stored files") == before.files
    assert count(result, "messages") >= before.messages - 6  # at most one page's worth
    with Desk.open(damaged.profile) as desk:
        assert desk.check().ok
        assert desk.search("gritting")  # the index was rebuilt from the rows
    assert marker_counts(damaged) == (
        count(result, "requests"),
        count(result, "messages"),
        count(result, "stored files"),
    )


def assert_damaged(damaged: Damaged) -> None:
    """Refused at opening, or found damaged by the check (the damage may be in pages
    opening does not read)."""
    try:
        desk = Desk.open(damaged.profile)
    except ProfileRefusedError as refused:
        assert refused.problem is Problem.DAMAGED
        return
    with desk:
        assert desk.check().damaged


def marker_counts(damaged: Damaged) -> tuple[int, int, int]:
    marker = read_marker(damaged.profile.data_dir)
    assert isinstance(marker, ProfileMarker)
    return marker.counts.requests, marker.counts.messages, marker.counts.files


def test_a_page_of_the_message_table_loses_only_the_messages_on_it(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    database = template / "foidesk.sqlite3"
    page, cells = pages_of(database, "message", "leaf")[10]
    every = ids_of(database, "message")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    result = salvaged(damaged, recover_shell)

    # a lost message that had attachments comes back as a stand-in note with its id
    stand_ins = result.rehomed.get(
        "stand-in notes in Unfiled for attachments whose message was lost", 0
    )
    assert len(every - ids_of(damaged.database, "message")) == cells - stand_ins
    assert count(result, "messages") == damaged.before.counts.messages - cells + stand_ins
    assert count(result, "requests") == damaged.before.counts.requests
    with Desk.open(damaged.profile) as desk:
        assert len(desk.unfiled_messages()) == 6 + stand_ins  # the imported mail, and those


def test_a_file_cut_short_gives_back_what_its_first_pages_hold(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    def cut(path: Path) -> None:
        size = path.stat().st_size
        with path.open("r+b") as handle:
            handle.truncate(size * 6 // 10 // 4096 * 4096)

    damaged = damaged_copy(template, tmp_path / "profile", cut)
    with pytest.raises(ProfileRefusedError) as refused:
        Desk.open(damaged.profile).close()
    assert "cut short" in str(refused.value)

    result = salvaged(damaged, recover_shell)

    assert count(result, "requests") == damaged.before.counts.requests
    assert count(result, "stored files") == damaged.before.counts.files
    real = table_rows(damaged.database, "message") - result.rehomed.get(
        "stand-in notes in Unfiled for attachments whose message was lost", 0
    )
    assert real >= damaged.before.counts.messages // 2
    # the text of attachments whose text rows were beyond the cut is read again
    assert result.rehomed["attachments whose text was lost, to be read again"] > 0


def test_messages_whose_request_was_lost_go_to_unfiled_and_its_history_aside(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "request")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    result = salvaged(damaged, recover_shell)

    assert count(result, "requests") == 0
    assert count(result, "messages") == damaged.before.counts.messages  # none dropped
    assert result.rehomed["messages whose request was lost, moved to Unfiled"] == 288
    assert result.moved_aside == {"status_change": 24, "clock_event": 12, "request_tag": 6}
    assert result.lost_and_found is not None
    assert table_rows(result.lost_and_found, "status_change") == 24
    if os.name == "posix":  # private, as everything foidesk writes for a profile
        for made in (result.database, result.lost_and_found):
            assert stat.S_IMODE(made.stat().st_mode) == 0o600, made
    with Desk.open(damaged.profile) as desk:
        unfiled = desk.unfiled_messages()
        assert len(unfiled) == damaged.before.counts.messages
        filed = {m.filed_by for m in unfiled if m.subject.startswith("Gritting")}
        assert filed == {phrases.decode(UNFILED_BY)}  # stored as a code, read as its sentence


def test_requests_whose_authority_was_lost_get_a_stand_in_with_its_id(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "authority")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    result = salvaged(damaged, recover_shell)

    assert result.rehomed == {"stand-in authorities for requests whose authority was lost": 3}
    with Desk.open(damaged.profile) as desk:
        names = sorted(a.name for a in desk.list_authorities())
        assert names == [f"Authority lost in salvage #{i}" for i in (1, 2, 3)]
        assert len(desk.list_requests()) == damaged.before.counts.requests


def test_stored_files_whose_rows_were_lost_are_known_again(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (root, _), *_ = pages_of(template / "foidesk.sqlite3", "blob", "internal")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, root))

    result = salvaged(damaged, recover_shell)

    files = damaged.before.counts.files
    assert result.rehomed == {"rows written again for files in the attachment store": files}
    assert result.lost_and_found_rows == files  # the old rows, kept aside all the same
    with Desk.open(damaged.profile) as desk:
        report = desk.check()
    assert report.ok and report.blobs_checked == files and not report.unreferenced_blobs


def test_a_lost_identity_is_taken_from_the_marker(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "profile_identity")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    result = salvaged(damaged, recover_shell)

    assert result.notes == (
        "the profile's identity was lost; it was written again from its marker",
    )
    with Desk.open(damaged.profile) as desk:
        assert desk.marker is not None
        assert desk.marker.profile_id == damaged.before.profile_id


def test_with_neither_identity_nor_marker_the_profile_gets_a_new_identity(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "profile_identity")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))
    marker_path(damaged.profile.data_dir).unlink()

    result = salvage(damaged.profile, shell=recover_shell)

    assert result.check_ok
    (note,) = result.notes
    assert note.startswith("neither the database nor its marker named the profile")
    with Desk.open(damaged.profile) as desk:
        assert desk.marker is not None and desk.marker.profile_id in note


def test_a_lost_schema_revision_is_read_from_the_recovered_tables(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "alembic_version")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    result = salvaged(damaged, recover_shell)

    # the newest revision that leaves something behind (0011 rewrites rows only, and
    # upgrading from the one before it again changes nothing)
    newest_seen = SIGNATURES[0][0]
    assert result.notes == (
        f"the schema revision was lost; the recovered tables say it was {newest_seen}",
    )


def test_a_search_index_whose_configuration_was_lost_is_rebuilt(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    (page, _), *_ = pages_of(template / "foidesk.sqlite3", "message_fts_config")
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))

    salvaged(damaged, recover_shell)

    with Desk.open(damaged.profile) as desk:
        assert any(hit.kind == "message" for hit in desk.search("gritting"))


def test_a_write_ahead_log_is_read_and_kept_beside_the_damaged_file(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    """A database left with its log (foidesk killed): the log's rows are salvaged too,
    and the log is kept with the damaged file, never replayed into the new one."""

    def crashed_with_a_log(path: Path) -> None:
        with_a_log(path, lambda p: overwrite_page(p, pages_of(p, "message", "leaf")[3][0]))

    damaged = damaged_copy(template, tmp_path / "profile", crashed_with_a_log)
    wal = damaged.database.with_name("foidesk.sqlite3-wal")
    wal_sha256 = sha256_file(wal)
    alone = f"{damaged.database.as_uri()}?immutable=1"  # the file without its log
    with closing(sqlite3.connect(alone, uri=True)) as conn:
        assert not conn.execute("SELECT 1 FROM setting WHERE key = 'only.in.the.log'").fetchall()

    result = salvaged(damaged, recover_shell)

    (kept,) = result.damaged_logs
    assert kept.name == result.damaged_copy.name + "-wal" and sha256_file(kept) == wal_sha256
    with Desk.open(damaged.profile) as desk:
        assert desk.get_setting("only.in.the.log") == "yes"


def test_a_database_naming_another_profile_is_not_salvaged_into_this_one(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    def foreign(path: Path) -> None:
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute(
                "UPDATE profile_identity SET profile_id = '00000000-0000-4000-8000-000000000000'"
            )
        overwrite_page(path, pages_of(path, "message", "leaf")[3][0])

    damaged = damaged_copy(template, tmp_path / "profile", foreign)
    before = tree(damaged.profile.data_dir)

    with pytest.raises(SalvageError, match="belongs to profile 00000000-"):
        salvage(damaged.profile, shell=recover_shell)
    assert tree(damaged.profile.data_dir) == before


def test_a_copy_that_cannot_be_made_sound_leaves_the_damaged_database_in_place(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    def newer(path: Path) -> None:
        with closing(sqlite3.connect(path)) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = '9999'")
        overwrite_page(path, pages_of(path, "message", "leaf")[3][0])

    damaged = damaged_copy(template, tmp_path / "profile", newer)
    before = tree(damaged.profile.data_dir)

    with pytest.raises(SalvageError, match=r"newer foidesk \(schema 9999\)"):
        salvage(damaged.profile, shell=recover_shell)
    assert tree(damaged.profile.data_dir) == before


def test_a_first_page_beyond_reading_is_refused_with_nothing_changed(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, 1))
    before = tree(damaged.profile.data_dir)

    with pytest.raises(SalvageError, match="recovery stopped with an error"):
        salvage(damaged.profile, shell=recover_shell)
    assert tree(damaged.profile.data_dir) == before


def test_salvaging_twice_keeps_both_damaged_files(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    page = pages_of(template / "foidesk.sqlite3", "message", "leaf")[5][0]
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))
    first = salvaged(damaged, recover_shell)
    second = salvage(damaged.profile, shell=recover_shell, now=None)

    assert second.check_ok and second.damaged_copy != first.damaged_copy
    assert sha256_file(first.damaged_copy) == damaged.damaged_sha256
    with Desk.open(damaged.profile) as desk, desk.db.reading() as session:
        assert session.query(Message).count() == count(first, "messages")


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): sha256_file(p) if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }
