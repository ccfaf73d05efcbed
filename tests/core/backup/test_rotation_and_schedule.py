"""Which backups are kept, when the next is due, and the settings behind both."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foidesk.core.backup import back_up_and_rotate, backup_due, load_settings, rotate
from foidesk.core.backup.catalog import BackupEntry
from foidesk.core.backup.layout import backup_name
from foidesk.core.backup.manifest import Counts
from foidesk.core.backup.rotation import plan_rotation
from foidesk.core.backup.settings import record_backup, set_automatic, set_folder, set_keep
from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

NOW = datetime(2024, 4, 10, 12, 0, tzinfo=UTC)  # a Wednesday


def dated(*moments: datetime) -> list[BackupEntry]:
    """Backups that all hold the same, so only their dates decide."""
    same = Counts(requests=5, messages=20, files=3)
    return [BackupEntry(Path(backup_name(m)), m, 0, same) for m in moments]


def test_one_per_day_for_the_last_days_then_one_per_week() -> None:
    backups = dated(*(NOW - timedelta(days=d, hours=h) for d in range(60) for h in (0, 3)))
    keep = plan_rotation(backups, keep_daily=7, keep_weekly=4, now=NOW).keep
    kept = sorted((b.created_at for b in backups if b.path in keep), reverse=True)
    days = [k.date() for k in kept[:7]]
    assert days == [(NOW - timedelta(days=d)).date() for d in range(7)]
    assert kept[:7] == [NOW - timedelta(days=d) for d in range(7)]  # the newest of each day
    weeks = [k.isocalendar()[:2] for k in kept[7:]]
    assert len(kept) == 11 and len(set(weeks)) == 4
    assert all(w < kept[6].isocalendar()[:2] for w in weeks)


def test_days_without_a_backup_do_not_count() -> None:
    """After a month away, the seven most recent backups are still there."""
    backups = dated(*(NOW - timedelta(days=40 + d) for d in range(10)))
    plan = plan_rotation(backups, keep_daily=7, keep_weekly=0, now=NOW)
    assert plan.keep == {b.path for b in backups[:7]} and plan.kept_because == ()


def test_backups_from_the_future_are_kept_and_do_not_count() -> None:
    future = NOW + timedelta(days=30)
    backups = dated(future, NOW, NOW - timedelta(days=1))
    keep = plan_rotation(backups, keep_daily=1, keep_weekly=0, now=NOW).keep
    assert keep == {backups[0].path, backups[1].path}


def test_keep_at_least_one_daily() -> None:
    with pytest.raises(InvalidInputError):
        plan_rotation([], keep_daily=0, keep_weekly=4, now=NOW)


@given(
    st.lists(st.integers(min_value=0, max_value=400 * 24), max_size=60, unique=True),
    st.integers(min_value=1, max_value=10),
    st.integers(min_value=0, max_value=10),
)
def test_rotation_keeps_the_newest_and_never_more_than_asked(
    hours_ago: list[int], daily: int, weekly: int
) -> None:
    backups = dated(*(NOW - timedelta(hours=h) for h in hours_ago))
    keep = plan_rotation(backups, daily, weekly, NOW).keep
    assert keep <= {b.path for b in backups}
    assert len(keep) <= daily + weekly
    if backups:
        newest = max(backups, key=lambda b: b.created_at).path
        assert newest in keep
        days = {b.created_at.date() for b in backups}
        assert len(keep) >= min(daily, len(days))


def test_rotate_removes_only_backups_in_that_folder(tmp_path: Path, backup_file: Path) -> None:
    folder = tmp_path / "rotated"
    folder.mkdir()
    names = [backup_name(NOW - timedelta(days=d)) for d in range(10)]
    for name in names:
        shutil.copyfile(backup_file, folder / name)  # the same content under ten dates
    (folder / "notes.txt").write_text("mine")
    (folder / ".foidesk-backup-abc.partial").mkdir()
    result = rotate(folder, keep_daily=3, keep_weekly=0, now=NOW)
    assert sorted(p.name for p in result.kept) == sorted(names[:3])
    assert len(result.removed) == 7 and result.kept_because == ()
    assert [b.path for b in result.removed_backups] == list(result.removed)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [*names[:3], "notes.txt", ".foidesk-backup-abc.partial"]
    )


def test_a_backup_is_due_daily_and_not_before(desk: Desk) -> None:
    assert backup_due(desk, NOW)  # never backed up
    record_backup(desk, Path("x.foidesk-backup"), NOW)
    assert not backup_due(desk, NOW + timedelta(hours=23))
    assert backup_due(desk, NOW + timedelta(days=1))
    assert backup_due(desk, NOW - timedelta(days=3))  # the clock went back
    set_automatic(desk, False)
    assert not backup_due(desk, NOW + timedelta(days=5))


def test_settings_have_defaults_and_keep_what_is_chosen(desk: Desk, tmp_path: Path) -> None:
    settings = load_settings(desk)
    assert settings.folder == desk.profile.backups_dir and settings.folder_is_default
    assert (settings.keep_daily, settings.keep_weekly, settings.automatic) == (7, 4, True)
    set_folder(desk, tmp_path)
    set_keep(desk, daily=3, weekly=0)
    settings = load_settings(desk)
    assert settings.folder == tmp_path and not settings.folder_is_default
    assert (settings.keep_daily, settings.keep_weekly) == (3, 0)
    set_folder(desk, desk.profile.backups_dir)
    assert load_settings(desk).folder_is_default
    with pytest.raises(InvalidInputError):
        set_keep(desk, daily=0)
    with pytest.raises(InvalidInputError):
        set_folder(desk, Path("relative/folder"))


def test_scheduled_backup_rotates_the_folder(filled: Desk) -> None:
    set_keep(filled, daily=2, weekly=0)
    for days in (3, 2, 1):
        back_up_and_rotate(filled, now=NOW - timedelta(days=days))
    run = back_up_and_rotate(filled, now=NOW)
    assert len(run.rotation.removed) == 1
    assert sorted(p.name for p in filled.profile.backups_dir.iterdir()) == [
        backup_name(NOW - timedelta(days=1)),
        backup_name(NOW),
    ]
    assert not backup_due(filled, NOW + timedelta(hours=1))
