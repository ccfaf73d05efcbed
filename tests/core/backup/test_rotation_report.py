"""Rotation on real backup files: what it keeps for their counts, and how it says so
(the result, the log, the note for the Backups page, and ``foidesk backup create``)."""

from __future__ import annotations

import json
import logging
import shutil
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from foidesk.cli import main
from foidesk.core.backup import back_up_and_rotate, list_backups, rotate, write_backup
from foidesk.core.backup.layout import backup_name
from foidesk.core.backup.rotation import describe
from foidesk.core.backup.rotation_note import (
    KEY_LAST_ROTATION,
    RotationNote,
    last_rotation,
    note_of,
    record_rotation,
)
from foidesk.core.backup.settings import set_folder, set_keep
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile.log import log_path, stop_logging
from foidesk.core.records import NewRequest

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2024, 4, 10, 12, 0, tzinfo=UTC)
ROTATION_LOGGER = "foidesk.core.backup.rotation"


@pytest.fixture(autouse=True)
def no_log_left_behind() -> Iterator[None]:
    yield
    stop_logging()


def rotation_records(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name == ROTATION_LOGGER and r.levelno == logging.INFO
    ]


def test_an_emptied_profile_keeps_the_good_backup_and_says_so(
    filled: Desk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="foidesk")
    good = back_up_and_rotate(filled, now=NOW - timedelta(hours=2)).backup
    with Desk.open(resolve_profile(tmp_path / "replaced")) as replaced:  # a database swapped
        set_folder(replaced, filled.profile.backups_dir)
        run = back_up_and_rotate(replaced, now=NOW)
        note = last_rotation(replaced)
    assert run.rotation.removed == ()
    [kept] = run.rotation.kept_because
    assert kept.path == good.path and kept.newer is not None and kept.newer.path == run.backup.path
    assert kept.text == (
        f"kept {good.path.name}: it holds {good.counts.requests} requests, "
        f"{good.counts.messages} messages and {good.counts.files} stored files, the newer "
        f"{run.backup.path.name} only 0 requests, 0 messages and 0 stored files"
    )
    assert rotation_records(caplog) == [f"rotation {kept.text}"]
    assert note is not None and note.at == NOW and note.lines == (kept.text,)
    assert {b.path for b in list_backups(filled.profile.backups_dir)} == {
        good.path,
        run.backup.path,
    }


def test_once_the_data_is_back_the_older_backups_go_and_each_is_named(
    filled: Desk, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    good = back_up_and_rotate(filled, now=NOW - timedelta(hours=2)).backup
    with Desk.open(resolve_profile(tmp_path / "replaced")) as replaced:
        set_folder(replaced, filled.profile.backups_dir)
        emptied = back_up_and_rotate(replaced, now=NOW).backup
    caplog.set_level(logging.INFO, logger="foidesk")
    caplog.clear()
    run = back_up_and_rotate(filled, now=NOW + timedelta(hours=1))
    assert run.rotation.removed == (emptied.path, good.path)  # newest first
    assert [b.counts for b in run.rotation.removed_backups] == [emptied.counts, good.counts]
    assert run.rotation.kept_because == ()
    assert rotation_records(caplog) == [
        f"rotation removed older backup {describe(b)}" for b in run.rotation.removed_backups
    ]
    assert describe(run.rotation.removed_backups[1]) == (
        f"{good.path.name} (2024-04-10 10:00 UTC: {good.counts.requests} requests, "
        f"{good.counts.messages} messages, {good.counts.files} stored files)"
    )
    note = last_rotation(filled)
    assert note is not None and len(note.lines) == 2
    assert note.lines[0].startswith(f"removed older backup {emptied.path.name} (")


def test_an_unreadable_backup_stays_and_is_reported(backup_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rotated"
    folder.mkdir()
    cut_short = folder / backup_name(NOW - timedelta(days=20))
    cut_short.write_bytes(backup_file.read_bytes()[:2000])
    for days in (2, 1, 0):
        shutil.copyfile(backup_file, folder / backup_name(NOW - timedelta(days=days)))
    result = rotate(folder, keep_daily=1, keep_weekly=0, now=NOW)
    assert [p.name for p in result.removed] == [
        backup_name(NOW - timedelta(days=1)),
        backup_name(NOW - timedelta(days=2)),
    ]
    [kept] = result.kept_because
    assert kept.path == cut_short and kept.newer is None and cut_short.is_file()
    assert "its manifest cannot be read" in kept.reason


def test_an_unreadable_newest_backup_removes_nothing(backup_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "rotated"
    folder.mkdir()
    good = folder / backup_name(NOW - timedelta(hours=1))
    shutil.copyfile(backup_file, good)
    (folder / backup_name(NOW)).write_bytes(b"PK\x05\x06" + bytes(18))  # an empty ZIP
    result = rotate(folder, keep_daily=1, keep_weekly=0, now=NOW)
    assert result.removed == () and result.kept_because == () and good.is_file()


# --- foidesk backup create ------------------------------------------------------------


def older_backups(profile: Profile, tmp_path: Path) -> tuple[Path, Path]:
    """Two backups of today in ``profile``'s folder: one of a fuller copy of it, then one
    holding the same as the profile. Only the newest backup is kept by the dates."""
    fuller = resolve_profile(tmp_path / "fuller")
    shutil.copytree(profile.data_dir, fuller.data_dir)
    with Desk.open(fuller) as desk:
        desk.add_request(NewRequest(title="Only here", authority="Home Office", sent_on=None))
    with Desk.open(profile) as desk:
        set_keep(desk, daily=1, weekly=0)
    start = datetime.now(UTC).replace(microsecond=0)
    more = write_backup(fuller, profile.backups_dir, now=start - timedelta(seconds=2)).path
    same = write_backup(profile, profile.backups_dir, now=start - timedelta(seconds=1)).path
    return more, same


def create(capsys: pytest.CaptureFixture[str], profile: Profile, *extra: str) -> str:
    code = main(["backup", "create", "--data-dir", str(profile.data_dir), *extra])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_create_prints_each_removal_and_each_kept_backup(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    more, same = older_backups(filled_profile, tmp_path)
    lines = create(capsys, filled_profile).splitlines()
    [new] = [b.path for b in list_backups(filled_profile.backups_dir) if b.path not in (more, same)]
    assert len(lines) == 3 and lines[0].startswith("backed up 3 requests")
    assert lines[1].startswith(f"removed older backup {same.name} (")
    assert lines[1].endswith(" UTC: 3 requests, 6 messages, 10 stored files)")
    assert (
        lines[2] == f"kept {more.name}: it holds 4 requests, the newer {new.name} only 3 requests"
    )
    assert not same.exists() and more.is_file()

    log = log_path(filled_profile)
    written = log.read_text().splitlines()
    assert [w.split(": ", 1)[1] for w in written[-2:]] == [f"rotation {t}" for t in lines[1:]]
    assert " INFO foidesk.core.backup.rotation: " in written[-1]
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700


def test_create_json_adds_the_kept_backups_and_keeps_every_field(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    more, same = older_backups(filled_profile, tmp_path)
    document = json.loads(create(capsys, filled_profile, "--json"))
    assert list(document) == [
        "path", "created_at", "size", "schema_revision", "counts", "warnings",
        "rotated_out", "kept_by_rotation", "removed_by_rotation",
    ]  # fmt: skip
    assert document["rotated_out"] == [str(same)]
    [removed] = document["removed_by_rotation"]
    assert removed["path"] == str(same) and removed["counts"]["requests"] == 3
    assert removed["text"].startswith(f"removed older backup {same.name} (")
    assert document["kept_by_rotation"] == [
        {
            "path": str(more),
            "reason": f"it holds 4 requests, the newer {Path(document['path']).name} "
            "only 3 requests",
        }
    ]


def test_a_second_manual_backup_of_the_day_names_the_one_it_replaced(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile
) -> None:
    """The date rule keeps one backup a day: the earlier one goes, and the output says so."""
    first = json.loads(create(capsys, filled_profile, "--json"))
    assert first["rotated_out"] == [] and first["removed_by_rotation"] == []
    second = json.loads(create(capsys, filled_profile, "--json"))
    earlier = Path(first["path"])
    assert not earlier.exists() and Path(second["path"]).is_file()
    assert second["rotated_out"] == [str(earlier)]
    [removed] = second["removed_by_rotation"]
    assert removed["path"] == str(earlier) and removed["counts"] == first["counts"]
    when = datetime.fromisoformat(removed["created_at"]).strftime("%Y-%m-%d %H:%M UTC")
    assert removed["text"] == (
        f"removed older backup {earlier.name} ({when}: 3 requests, 6 messages, "
        f"{first['counts']['files']} stored files)"
    )


def test_create_to_a_chosen_folder_rotates_nothing(
    capsys: pytest.CaptureFixture[str], filled_profile: Profile, tmp_path: Path
) -> None:
    older_backups(filled_profile, tmp_path)
    document = json.loads(create(capsys, filled_profile, "--to", str(tmp_path / "usb"), "--json"))
    assert document["rotated_out"] == [] and document["kept_by_rotation"] == []
    assert document["removed_by_rotation"] == []
    assert len(list_backups(filled_profile.backups_dir)) == 2


# --- the note the Backups page shows --------------------------------------------------


def test_the_note_keeps_what_the_page_needs_and_a_damaged_one_is_none(
    filled: Desk, backup_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "rotated"
    folder.mkdir()
    unreadable = folder / backup_name(NOW - timedelta(days=20))
    unreadable.write_bytes(b"not a backup")
    for days in (1, 0):
        shutil.copyfile(backup_file, folder / backup_name(NOW - timedelta(days=days)))
    result = rotate(folder, keep_daily=1, keep_weekly=0, now=NOW)
    record_rotation(filled, note_of(result, NOW))
    note = last_rotation(filled)
    assert note == RotationNote(NOW, result.removed_backups, result.kept_because)
    assert note.lines == (
        f"removed older backup {describe(result.removed_backups[0])}",
        f"kept {unreadable.name}: its manifest cannot be read, so it is left for you to check",
    )
    for damaged in ("{", "[]", '{"at": "2024-04-10T12:00:00"}', '{"at": 5, "removed": []}'):
        filled.set_setting(KEY_LAST_ROTATION, damaged)
        assert last_rotation(filled) is None
