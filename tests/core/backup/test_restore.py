"""Restoring: into a new folder, switched in whole, the old profile kept; and recovery from
a restore that was interrupted at any step of the switch."""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from foidesk.core.backup import (
    BackupError,
    NotEnoughSpaceError,
    RestoreInProgressError,
    UnsupportedProfileError,
    finish_interrupted_restore,
    restore_backup,
    verify_backup,
    write_backup,
)
from foidesk.core.backup import restore as restore_module
from foidesk.core.backup.layout import aside_dir, restore_lock_path, staging_dir
from foidesk.core.backup.switch import MARKER_DIR, mark_ready
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewRequest
from foidesk.core.storage import database as db
from foidesk.core.storage.filelock import FileLock

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2024, 4, 10, 9, 30, tzinfo=UTC)
Dump = Callable[[Profile], object]  # conftest's dump_profile


def _add_request(profile: Profile, title: str) -> None:
    with Desk.open(profile) as desk:
        desk.add_request(NewRequest(title=title, authority="Home Office", sent_on=None))


def test_restore_brings_back_the_backed_up_profile_and_keeps_the_current_one(
    filled_profile: Profile, backup_file: Path, dump: Dump
) -> None:
    backed_up = dump(filled_profile)
    _add_request(filled_profile, "Added after the backup")
    current = dump(filled_profile)

    result = restore_backup(backup_file, filled_profile, now=NOW)

    assert dump(filled_profile) == backed_up
    assert result.previous_profile == aside_dir(filled_profile.data_dir, "20240410-093000")
    assert dump(resolve_profile(result.previous_profile)) == current
    assert result.counts.requests == 3 and result.bytes_restored > 0
    with Desk.open(filled_profile) as desk:
        assert desk.check().ok
        assert "Added after the backup" not in {r.title for r in desk.list_requests()}


def test_restore_into_a_new_machine_needs_no_previous_profile(
    backup_file: Path, tmp_path: Path, dump: Dump, filled_profile: Profile
) -> None:
    fresh = resolve_profile(tmp_path / "new-machine" / "foidesk")
    result = restore_backup(backup_file, fresh)
    assert result.previous_profile is None
    assert dump(fresh) == dump(filled_profile)


def test_backups_stay_with_the_profile(filled_profile: Profile, tmp_path: Path) -> None:
    inside = write_backup(filled_profile, filled_profile.backups_dir, now=NOW).path
    result = restore_backup(inside, filled_profile)
    assert inside.is_file()  # the backups folder moved into the restored profile
    assert result.previous_profile is not None
    assert not (result.previous_profile / "backups").exists()
    assert verify_backup(inside).ok


def test_a_backup_from_an_older_schema_is_migrated(tmp_path: Path) -> None:
    old = resolve_profile(tmp_path / "old")
    old.data_dir.mkdir()
    engine = db.make_engine(old.database_url)
    db.upgrade(old, engine, target="0001")
    engine.dispose()
    assert old.sqlite_path is not None
    with closing(sqlite3.connect(old.sqlite_path)) as conn, conn:
        conn.execute(
            "INSERT INTO authority (id, name, default_regime, is_school, notes, created_at) "
            "VALUES (1, 'Home Office', 'uk-foia', 0, '', '2024-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO request (id, title, authority_id, regime, body, status, notes, "
            "created_at, updated_at, last_activity_at) VALUES (7, 'Visa data', 1, 'uk-foia', "
            "'', 'waiting_response', '', '2024-01-01 00:00:00', '2024-01-01 00:00:00', "
            "'2024-01-01 00:00:00')"
        )
    backup = write_backup(old, tmp_path).path
    target = resolve_profile(tmp_path / "new")

    result = restore_backup(backup, target)

    assert result.schema_from == "0001"
    assert result.schema_to == db.head_revision()
    with Desk.open(target) as desk:
        assert desk.get_request(7).summary.title == "Visa data"
        assert desk.check().ok


def test_a_restore_refuses_a_server_database(backup_file: Path, tmp_path: Path) -> None:
    with pytest.raises(UnsupportedProfileError):
        restore_backup(backup_file, Profile(tmp_path / "p", "postgresql://server/db"))


def test_a_second_restore_at_the_same_time_is_refused(
    filled_profile: Profile, backup_file: Path
) -> None:
    other_process = FileLock(restore_lock_path(filled_profile.data_dir))
    assert other_process.try_acquire()
    try:
        with pytest.raises(RestoreInProgressError):
            restore_backup(backup_file, filled_profile)
    finally:
        other_process.release()


# --- recovery from an interrupted switch ---------------------------------------------


@pytest.fixture
def staged(backup_file: Path, filled_profile: Profile, tmp_path: Path) -> Path:
    """A complete, ready restore folder, as a killed restore leaves it, for a profile
    changed since the backup (changed first: opening a Desk finishes a ready restore)."""
    _add_request(filled_profile, "Added after the backup")
    scratch = resolve_profile(tmp_path / "scratch")
    restore_backup(backup_file, scratch)
    folder = staging_dir(filled_profile.data_dir, "20240410-093000")
    scratch.data_dir.rename(folder)
    mark_ready(folder, aside_dir(filled_profile.data_dir, "20240410-093000"), backup_file)
    return folder


def test_nothing_to_recover_is_cheap_and_silent(filled_profile: Profile) -> None:
    assert finish_interrupted_restore(filled_profile) == []
    assert not restore_lock_path(filled_profile.data_dir).exists()


def test_an_unfinished_restore_folder_is_removed_and_the_profile_kept(
    filled_profile: Profile, dump: Dump
) -> None:
    before = dump(filled_profile)
    half = staging_dir(filled_profile.data_dir, "20240410-093000")
    (half / "attachments").mkdir(parents=True)
    (half / "foidesk.sqlite3").write_bytes(b"half written")
    done = finish_interrupted_restore(filled_profile)
    assert not half.exists() and "unchanged" in done[0]
    assert dump(filled_profile) == before


def test_a_ready_restore_is_completed_before_the_first_rename(
    filled_profile: Profile, staged: Path, dump: Dump
) -> None:
    current = dump(filled_profile)
    restored = dump(resolve_profile(staged))
    finish_interrupted_restore(filled_profile)
    assert dump(filled_profile) == restored
    assert dump(resolve_profile(aside_dir(filled_profile.data_dir, "20240410-093000"))) == current
    assert not staged.exists()


def test_a_ready_restore_is_completed_between_the_renames(
    filled_profile: Profile, staged: Path, dump: Dump
) -> None:
    current = dump(filled_profile)
    restored = dump(resolve_profile(staged))
    aside = aside_dir(filled_profile.data_dir, "20240410-093000")
    filled_profile.data_dir.rename(aside)  # step 1 done, then the kill
    finish_interrupted_restore(filled_profile)
    assert dump(filled_profile) == restored != current
    assert dump(resolve_profile(aside)) == current
    assert not (filled_profile.data_dir / MARKER_DIR).exists()


def test_an_empty_folder_made_in_between_does_not_block_completion(
    filled_profile: Profile, staged: Path, dump: Dump
) -> None:
    aside = aside_dir(filled_profile.data_dir, "20240410-093000")
    filled_profile.data_dir.rename(aside)
    filled_profile.data_dir.mkdir()  # something created the folder again
    finish_interrupted_restore(filled_profile)
    assert (filled_profile.data_dir / "foidesk.sqlite3").is_file()
    assert not staged.exists()


def test_a_switched_restore_finishes_moving_the_backups(filled_profile: Profile) -> None:
    data_dir = filled_profile.data_dir
    aside = aside_dir(data_dir, "20240410-093000")
    (data_dir / "backups").mkdir()
    (data_dir / "backups" / "keep.foidesk-backup").write_bytes(b"x")
    data_dir.rename(aside)
    data_dir.mkdir()
    (data_dir / "foidesk.sqlite3").write_bytes(b"")
    mark_ready(data_dir, aside, Path("b.foidesk-backup"))  # the marker as it lies after step 2
    finish_interrupted_restore(filled_profile)
    assert (data_dir / "backups" / "keep.foidesk-backup").is_file()
    assert not (data_dir / MARKER_DIR).exists()


def test_recovery_waits_for_a_living_restore(filled_profile: Profile) -> None:
    (staging_dir(filled_profile.data_dir, "20240410-093000")).mkdir()
    other_process = FileLock(restore_lock_path(filled_profile.data_dir))
    assert other_process.try_acquire()
    try:
        with pytest.raises(RestoreInProgressError):
            finish_interrupted_restore(filled_profile)
    finally:
        other_process.release()
    assert finish_interrupted_restore(filled_profile) != []


def test_a_refused_rename_leaves_a_ready_restore_that_is_finished_later(
    filled_profile: Profile, backup_file: Path, monkeypatch: pytest.MonkeyPatch, dump: Dump
) -> None:
    _add_request(filled_profile, "Added after the backup")
    current = dump(filled_profile)

    def locked(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(restore_module, "switch_over", locked)
    with pytest.raises(BackupError, match=r"ready in .* to finish"):
        restore_backup(backup_file, filled_profile, now=NOW)
    assert dump(filled_profile) == current
    monkeypatch.undo()

    done = finish_interrupted_restore(filled_profile)
    assert done and done[0].startswith("completed the restore")
    assert dump(filled_profile) != current
    assert dump(resolve_profile(aside_dir(filled_profile.data_dir, "20240410-093000"))) == current


def test_a_disk_error_while_unpacking_changes_nothing(
    filled_profile: Profile,
    backup_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    tree: Callable[[Path], dict[str, str]],
) -> None:
    def disk_full(_staging: Path) -> tuple[str, str]:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(restore_module, "migrate_staged", disk_full)
    around = filled_profile.data_dir.parent
    before = tree(around)
    with pytest.raises(NotEnoughSpaceError, match="nothing was changed"):
        restore_backup(backup_file, filled_profile)
    assert tree(around) == before


def test_opening_the_profile_finishes_a_ready_restore(
    filled_profile: Profile, staged: Path, dump: Dump
) -> None:
    restored = dump(resolve_profile(staged))
    with Desk.open(filled_profile) as desk:
        titles = [r.title for r in desk.list_requests()]
    assert "Added after the backup" not in titles
    assert dump(filled_profile) == restored
    assert not staged.exists()
