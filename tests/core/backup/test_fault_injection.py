"""Backups and restores SIGKILLed at many points (every rename among them): afterwards the
profile opens, ``foidesk check`` passes, nothing is lost, and nothing half-written passes
for a backup."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from foidesk.cli import main as cli
from foidesk.core.backup import finish_interrupted_restore, verify_backup, write_backup
from foidesk.core.backup.layout import is_workdir, restore_lock_path, staging_dirs
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewRequest

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

HELPER = Path(__file__).with_name("kill_at.py")
RANDOM_KILLS = 7
SEED = 20241128
Dump = Callable[[Profile], object]


@dataclass(frozen=True)
class Plan:
    steps: int
    renames: list[int]
    zip_complete: list[int]


def run_jobs(folder: Path, jobs: list[dict[str, object]]) -> list[int]:
    """Run the jobs in one helper process (each in a forked child); their exit codes."""
    listing = folder / f"jobs-{len(list(folder.glob('jobs-*')))}.json"
    listing.write_text(json.dumps(jobs))
    result = subprocess.run(
        [sys.executable, str(HELPER), str(listing)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return list(json.loads(result.stdout))


def plan_of(folder: Path, action: str, first: Path, second: Path) -> Plan:
    report = folder / f"{action}-plan.json"
    job = {"action": action, "kill_at": 0, "first": str(first), "second": str(second)}
    assert run_jobs(folder, [{**job, "report": str(report)}]) == [0]
    return Plan(**json.loads(report.read_text()))


def kill_points(plan: Plan, extra: list[int]) -> list[int]:
    """Random steps, plus just before and just after every rename."""
    chosen = random.Random(SEED).sample(range(1, plan.steps), RANDOM_KILLS)
    around = [s + d for s in plan.renames for d in (0, 1)]
    return sorted({p for p in chosen + around + extra if 0 < p < plan.steps})


def job(action: str, kill_at: int, first: Path, second: Path) -> dict[str, object]:
    return {
        "action": action,
        "kill_at": kill_at,
        "first": str(first),
        "second": str(second),
        "report": str(second.parent / f"report-{kill_at}"),
    }


def copy_profile(template: Path, folder: Path) -> Profile:
    shutil.copytree(template, folder)
    return resolve_profile(folder)


def assert_sound(profile: Profile) -> None:
    """The profile opens and ``foidesk check`` passes."""
    assert cli(["check", "--data-dir", str(profile.data_dir)]) == 0


def test_a_killed_backup_loses_nothing_and_leaves_no_false_backup(
    filled_template: Path,
    tmp_path: Path,
    dump: Dump,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = dump(copy_profile(filled_template, tmp_path / "reference"))
    plan = plan_of(tmp_path, "backup", tmp_path / "reference", tmp_path / "counted")
    closing = plan.zip_complete[0]
    runs = []
    for point in kill_points(plan, [closing - 1, closing, closing + 1]):
        profile = copy_profile(filled_template, tmp_path / f"p{point}")
        runs.append((point, profile, tmp_path / f"dest{point}"))
    results = run_jobs(tmp_path, [job("backup", k, p.data_dir, d) for k, p, d in runs])
    refused_partials = 0

    for (point, profile, dest), result in zip(runs, results, strict=True):
        assert result == -signal.SIGKILL, point
        assert dump(profile) == expected
        assert_sound(profile)
        finals = list(dest.glob("*.foidesk-backup")) if dest.exists() else []
        assert all(verify_backup(f).ok for f in finals), point
        partials = list(dest.glob(".foidesk-backup-*.partial/*.foidesk-backup"))
        if not (tmp_path / f"report-{point}.closing").exists():  # killed before ZIP close
            assert not finals
            assert not any(verify_backup(p).ok for p in partials), point
            refused_partials += len(partials)
        write_backup(profile, dest)  # the next backup sweeps what the killed one left
        assert not [d for d in dest.iterdir() if is_workdir(d)]
    assert refused_partials > 0  # kills did land while a partial file existed
    capsys.readouterr()


def test_a_killed_restore_is_completed_or_undone_and_loses_nothing(
    filled_template: Path,
    tmp_path: Path,
    dump: Dump,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = copy_profile(filled_template, tmp_path / "source")
    backup = write_backup(source, tmp_path).path
    backed_up = dump(source)
    with Desk.open(source) as desk:  # the profile moves on after the backup
        desk.add_request(NewRequest(title="Added later", authority="Home Office", sent_on=None))
    current = dump(source)

    plan = plan_of(
        tmp_path, "restore", backup, copy_profile(source.data_dir, tmp_path / "c").data_dir
    )
    runs = [
        (point, copy_profile(source.data_dir, tmp_path / f"p{point}" / "profile"))
        for point in kill_points(plan, [])
    ]
    results = run_jobs(tmp_path, [job("restore", k, backup, p.data_dir) for k, p in runs])

    outcomes = set()
    for (point, profile), result in zip(runs, results, strict=True):
        assert result == -signal.SIGKILL, point
        finish_interrupted_restore(profile)
        assert staging_dirs(profile.data_dir) == []
        assert not restore_lock_path(profile.data_dir).exists()
        asides = sorted(profile.data_dir.parent.glob("profile.before-restore-*"))
        if dump(profile) == backed_up:
            outcomes.add("completed")
            assert [dump(resolve_profile(a)) for a in asides] == [current]
        else:
            outcomes.add("undone")
            assert dump(profile) == current and asides == []
        assert_sound(profile)
    assert outcomes == {"completed", "undone"}  # kills landed on both sides of the switch
    capsys.readouterr()
