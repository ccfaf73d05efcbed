"""A profile knows itself: ``Desk.open`` refuses a database it cannot trust, changing nothing.

Each test breaks a real, populated profile the way users meet it — the database
emptied, deleted, overwritten with noise, cut in half, a page overwritten, another
profile's file put in its place — and checks the refusal, its advice, and that the
database file and the attachment store are exactly as they were.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from damage import (
    database,
    empty,
    foreign,
    overwrite_page,
    random_bytes,
    remove,
    sha256,
    truncate,
)

from foidesk.core.desk import Desk
from foidesk.core.errors import DatabaseDamagedError
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile.guard import Problem, ProfileRefusedError
from foidesk.core.profile.identity import marker_path, read_marker
from foidesk.core.records import NewMessage


def _store_listing(profile: Profile) -> list[str]:
    return sorted(str(p.relative_to(profile.data_dir)) for p in profile.attachments_dir.rglob("*"))


def test_the_marker_names_the_profile_and_its_size_at_the_last_close(populated: Profile) -> None:
    marker = read_marker(populated.data_dir)
    assert marker is not None and not isinstance(marker, type(None))
    assert json.loads(marker_path(populated.data_dir).read_text())["counts"] == {
        "requests": 40,
        "messages": 160,
        "files": 40,
    }
    with Desk.open(populated) as desk:
        assert desk.marker is not None
        assert desk.marker.profile_id == getattr(marker, "profile_id", None)


@pytest.mark.parametrize(
    ("breakage", "problem"),
    [(empty, Problem.EMPTY), (remove, Problem.MISSING)],
    ids=["zero-bytes", "missing"],
)
def test_a_lost_database_beside_the_store_is_refused_not_taken_for_a_new_profile(
    populated: Profile, breakage: Callable[[Profile], None], problem: Problem
) -> None:
    before = _store_listing(populated)
    breakage(populated)
    with pytest.raises(ProfileRefusedError) as refused:
        Desk.open(populated)
    error = refused.value
    assert error.problem is problem
    text = str(error)
    assert "Nothing was changed" in text
    assert "40 requests, 160 messages" in text
    assert error.newest_backup is not None
    assert error.newest_backup.path.name in text
    assert "foidesk backup restore" in text
    assert _store_listing(populated) == before
    if problem is Problem.EMPTY:
        assert database(populated).stat().st_size == 0
    else:
        assert not database(populated).exists()


@pytest.mark.parametrize("breakage", [random_bytes, truncate], ids=["random-bytes", "cut-in-half"])
def test_a_file_that_is_not_a_whole_database_is_refused_as_damaged_untouched(
    populated: Profile, breakage: Callable[[Profile], None]
) -> None:
    breakage(populated)
    digest = sha256(database(populated))
    with pytest.raises(ProfileRefusedError) as refused:
        Desk.open(populated)
    assert refused.value.problem is Problem.DAMAGED
    assert "foidesk salvage" in str(refused.value)
    assert sha256(database(populated)) == digest


def test_another_profiles_database_is_refused(populated: Profile, tmp_path: Path) -> None:
    foreign(populated, tmp_path / "other")
    digest = sha256(database(populated))
    with pytest.raises(ProfileRefusedError) as refused:
        Desk.open(populated)
    assert refused.value.problem is Problem.FOREIGN
    assert "belongs to profile" in str(refused.value)
    assert sha256(database(populated)) == digest


def test_a_damaged_page_keeps_every_write_out_and_the_file_unchanged(populated: Profile) -> None:
    overwrite_page(populated, table="message")
    digest = sha256(database(populated))
    with Desk.open(populated) as desk:
        with pytest.raises(DatabaseDamagedError, match="will not write to it"):
            desk.add_message(1, NewMessage(direction="incoming", kind="note", subject="x"))
        assert desk.db.damage is not None
        report = desk.check()
        assert report.damaged and not report.ok
        assert report.repair_refusal is not None
        assert any(p.startswith("integrity:") for p in report.database_problems)
    assert sha256(database(populated)) == digest


def test_a_new_profile_is_made_only_in_a_new_or_empty_folder(tmp_path: Path) -> None:
    fresh = resolve_profile(tmp_path / "new")
    with Desk.open(fresh) as desk:
        assert desk.list_requests() == []
    assert marker_path(fresh.data_dir).is_file()

    emptied = tmp_path / "empty"
    emptied.mkdir()
    with Desk.open(resolve_profile(emptied)):
        pass

    busy = tmp_path / "documents"
    busy.mkdir()
    (busy / "tax-return.pdf").write_bytes(b"%PDF")
    with pytest.raises(ProfileRefusedError) as refused:
        Desk.open(resolve_profile(busy))
    assert refused.value.problem is Problem.NOT_A_PROFILE
    assert "tax-return.pdf" in str(refused.value)
    assert sorted(p.name for p in busy.iterdir()) == ["tax-return.pdf"]


def test_a_profile_from_before_identities_gets_one_and_its_marker(tmp_path: Path) -> None:
    from foidesk.core.storage import database as db

    profile = resolve_profile(tmp_path / "old")
    profile.data_dir.mkdir()
    engine = db.make_engine(profile.database_url)
    db.upgrade(profile, engine, target="0004")
    engine.dispose()
    with Desk.open(profile) as desk:
        assert desk.marker is not None
        first = desk.marker.profile_id
    marker = read_marker(profile.data_dir)
    assert getattr(marker, "profile_id", None) == first


def test_the_marker_follows_the_counts_at_each_clean_close(populated: Profile) -> None:
    with Desk.open(populated) as desk:
        desk.add_message(1, NewMessage(direction="incoming", kind="note", subject="call"))
    marker = read_marker(populated.data_dir)
    assert getattr(marker, "counts", None) is not None
    assert marker.counts.messages == 161  # type: ignore[union-attr]
    assert marker.verified is not None  # type: ignore[union-attr]


def test_an_unchanged_stamp_skips_the_page_check_and_a_changed_file_gets_it(
    populated: Profile,
) -> None:
    with Desk.open(populated) as desk:
        desk.check()  # a whole check: the file is known sound and stamped at close
    with Desk.open(populated) as desk:
        assert desk.db.verified
    with database(populated).open("r+b") as handle:  # touched by something else
        handle.seek(0, 2)
        handle.write(b"")
    database(populated).touch()
    with Desk.open(populated) as desk:
        assert not desk.db.verified
        desk.add_message(1, NewMessage(direction="incoming", kind="note", subject="call"))
        assert desk.db.verified  # the quick check ran before the write, and passed


def test_closing_a_damaged_database_leaves_its_log_unfolded(
    populated: Profile, tmp_path: Path
) -> None:
    """A crash left committed changes in the write-ahead log, and a page of the file is
    damaged: once foidesk knows, not even closing writes the log into the file."""
    import shutil
    import sqlite3

    crashed = tmp_path / "crashed"
    crashed.mkdir()
    live = sqlite3.connect(database(populated))
    try:
        live.execute("PRAGMA wal_autocheckpoint = 0")
        live.execute("UPDATE request SET notes = 'changed after the last checkpoint'")
        live.commit()
        for name in ("foidesk.sqlite3", "foidesk.sqlite3-wal"):  # the files as a crash leaves them
            shutil.copy2(populated.data_dir / name, crashed / name)
    finally:
        live.close()
    for item in populated.data_dir.iterdir():
        if item.is_file() and not item.name.startswith("foidesk.sqlite3"):
            shutil.copy2(item, crashed / item.name)
    shutil.copytree(populated.attachments_dir, crashed / "attachments")
    profile = resolve_profile(crashed)
    overwrite_page(profile, table="message")
    main, log = database(profile), crashed / "foidesk.sqlite3-wal"
    before = (sha256(main), sha256(log))
    with Desk.open(profile) as desk, pytest.raises(DatabaseDamagedError):
        desk.add_message(1, NewMessage(direction="incoming", kind="note", subject="x"))
    assert (sha256(main), sha256(log)) == before
