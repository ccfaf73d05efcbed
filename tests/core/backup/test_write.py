"""Creating a backup: one open ZIP, atomic, verified, complete even while the app writes."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from foidesk.core.backup import (
    BackupError,
    NotEnoughSpaceError,
    UnsupportedProfileError,
    create_backup,
    list_backups,
    load_settings,
    packing,
    verify_backup,
    write_backup,
)
from foidesk.core.backup import write as write_module
from foidesk.core.backup.layout import MANIFEST, backup_time
from foidesk.core.backup.snapshot import take_snapshot
from foidesk.core.backup.workdir import LOCK_NAME, sweep_abandoned
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.progress import Cancelled

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2024, 4, 10, 9, 30, 15, tzinfo=UTC)


class CancelAfter:
    """Presses Cancel after ``reports`` progress reports."""

    def __init__(self, reports: int) -> None:
        self.left = reports

    def report(self, done: int, total: int | None, message: str = "") -> None:
        self.left -= 1

    def cancelled(self) -> bool:
        return self.left <= 0


def test_backup_is_a_named_zip_with_manifest_database_and_every_file(filled: Desk) -> None:
    info = create_backup(filled, now=NOW)
    assert info.path.name == "foidesk-20240410-093015.foidesk-backup"
    assert info.path.parent == filled.profile.backups_dir
    with zipfile.ZipFile(info.path) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST))
    stored = {p.name for p in filled.store.root.glob("??/??/*")}
    assert {f"attachments/{d[:2]}/{d[2:4]}/{d}" for d in stored} | {
        "foidesk.sqlite3",
        "README.txt",
        MANIFEST,
    } == names
    assert manifest["format"] == "foidesk-backup" and manifest["format_version"] == 1
    assert manifest["schema_revision"] and manifest["foidesk_version"]
    assert manifest["created_at"] == "2024-04-10T09:30:15+00:00"
    assert manifest["counts"]["requests"] == 3 and manifest["counts"]["files"] == len(stored)
    assert all(len(m["sha256"]) == 64 and m["size"] >= 0 for m in manifest["members"])
    assert info.counts.requests == 3 and info.warnings == ()


def test_compressed_content_is_stored_and_text_is_deflated(filled: Desk) -> None:
    info = create_backup(filled, now=NOW)
    with zipfile.ZipFile(info.path) as archive:
        by_head = {archive.read(i)[:4]: i.compress_type for i in archive.infolist()}
        database = archive.getinfo("foidesk.sqlite3").compress_type
    assert by_head[b"%PDF"] == zipfile.ZIP_STORED
    assert by_head[b"\x89PNG"] == zipfile.ZIP_STORED
    assert by_head[b"year"] == zipfile.ZIP_DEFLATED  # the CSV
    assert database == zipfile.ZIP_DEFLATED


@pytest.mark.skipif(shutil.which("unzip") is None, reason="needs the unzip tool")
def test_standard_unzip_lists_tests_and_extracts_a_profile_foidesk_opens(
    filled: Desk, tmp_path: Path
) -> None:
    info = create_backup(filled, now=NOW)
    assert subprocess.run(["unzip", "-tq", str(info.path)], capture_output=True).returncode == 0
    out = tmp_path / "extracted"
    subprocess.run(["unzip", "-q", str(info.path), "-d", str(out)], check=True)
    with Desk.open(resolve_profile(out)) as opened:
        assert len(opened.list_requests()) == 2
        assert opened.check().ok


def test_settings_record_the_last_backup(filled: Desk) -> None:
    info = create_backup(filled, now=NOW)
    settings = load_settings(filled)
    assert settings.last_at == NOW
    assert settings.last_file == info.path


def test_backups_in_one_second_get_distinct_names(filled: Desk) -> None:
    first = create_backup(filled, now=NOW)
    second = create_backup(filled, now=NOW)
    assert first.path != second.path
    assert [e.path for e in list_backups(first.path.parent)] == [second.path, first.path]


def test_target_may_be_a_file_path(filled: Desk, tmp_path: Path) -> None:
    info = create_backup(filled, tmp_path / "mine.foidesk-backup", now=NOW)
    assert info.path == tmp_path / "mine.foidesk-backup"
    assert verify_backup(info.path).ok


def test_a_folder_on_a_missing_drive_is_not_created(filled: Desk, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="not available"):
        create_backup(filled, tmp_path / "unplugged-drive" / "backups")
    assert not (tmp_path / "unplugged-drive").exists()


def test_a_server_database_is_refused_clearly(tmp_path: Path) -> None:
    profile = Profile(tmp_path, "postgresql://server/foidesk")
    with pytest.raises(UnsupportedProfileError, match="server"):
        write_backup(profile, tmp_path)


def test_cancel_leaves_no_file_and_no_work_folder(filled: Desk) -> None:
    with pytest.raises(Cancelled):
        create_backup(filled, progress=CancelAfter(3), now=NOW)
    assert list(filled.profile.backups_dir.iterdir()) == []
    assert load_settings(filled).last_at is None


def test_a_full_disk_leaves_nothing_under_the_final_name(
    filled: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}

    def fills_up(real: Callable[..., object]) -> Callable[..., object]:
        def disk_fills_up(*args: object, **kwargs: object) -> object:
            calls["n"] += 1  # members are written whole or streamed: the 4th, either way
            if calls["n"] == 4:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return disk_fills_up

    monkeypatch.setattr(packing, "write_member", fills_up(packing.write_member))
    monkeypatch.setattr(packing, "write_whole", fills_up(packing.write_whole))
    with pytest.raises(NotEnoughSpaceError, match="full"):
        create_backup(filled, now=NOW)
    assert list(filled.profile.backups_dir.iterdir()) == []


def test_too_little_room_is_refused_before_writing(
    filled: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        write_module.shutil,
        "disk_usage",
        lambda _p: shutil._ntuple_diskusage(1, 1, 1),  # type: ignore[attr-defined]
    )
    with pytest.raises(NotEnoughSpaceError, match="MB free"):
        create_backup(filled, now=NOW)
    assert list(filled.profile.backups_dir.iterdir()) == []


def test_files_purged_after_the_snapshot_are_handled_by_a_second_snapshot(
    filled: Desk, monkeypatch: pytest.MonkeyPatch, dump: Callable[[Profile], object]
) -> None:
    """The trash is emptied while the backup runs: the backup stays self-consistent."""
    trashed = filled.trashed_requests()[0].id
    snapshots = {"n": 0}

    def snapshot_then_purge(source: Path, target: Path) -> None:
        take_snapshot(source, target)
        snapshots["n"] += 1
        if snapshots["n"] == 1:
            filled.purge_request(trashed)

    monkeypatch.setattr(write_module, "take_snapshot", snapshot_then_purge)
    info = create_backup(filled, now=NOW)
    assert snapshots["n"] == 2
    report = verify_backup(info.path)
    assert report.ok, report.problems
    assert info.counts.requests == 2


def test_a_damaged_stored_file_is_backed_up_as_found_and_reported(filled: Desk) -> None:
    victim = next(filled.store.root.glob("??/??/*"))
    victim.write_bytes(victim.read_bytes() + b"bit rot")
    info = create_backup(filled, now=NOW)
    assert any(victim.name in w and "damaged" in w for w in info.warnings)
    report = verify_backup(info.path)
    assert report.ok
    assert any(victim.name in w for w in report.warnings)


def test_a_missing_stored_file_does_not_stop_the_backup(filled: Desk) -> None:
    victim = next(filled.store.root.glob("??/??/*"))
    victim.unlink()
    info = create_backup(filled, now=NOW)
    assert any(victim.name in w and "missing" in w for w in info.warnings)
    assert verify_backup(info.path).ok


def test_a_closed_profile_can_be_backed_up(filled: Desk, tmp_path: Path) -> None:
    profile = filled.profile
    filled.close()
    info = write_backup(profile, tmp_path, now=NOW)
    assert verify_backup(info.path).ok


def test_abandoned_work_folders_are_swept_and_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".foidesk-backup-dead.partial"
    dead.mkdir()
    (dead / LOCK_NAME).touch()
    (dead / "foidesk-x.foidesk-backup").write_bytes(b"half")
    young = tmp_path / ".foidesk-backup-young.partial"
    young.mkdir()  # no lock yet: a writer may be about to take it
    assert sweep_abandoned(tmp_path) == [dead]
    old = datetime(2020, 1, 1, tzinfo=UTC).timestamp()
    os.utime(young, (old, old))
    assert sweep_abandoned(tmp_path) == [young]


def test_the_file_name_tells_the_time(filled: Desk) -> None:
    info = create_backup(filled, now=NOW)
    assert backup_time(info.path) == NOW
    assert backup_time(Path("notes.txt")) is None
