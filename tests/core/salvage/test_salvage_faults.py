"""Salvages SIGKILLed at many points (just before and after every rename among them):
afterwards the profile opens on the damaged database or the salvaged one, the damaged
bytes still exist under some name, nothing temporary is left, and salvage runs again."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from salvage_damage import Damaged, damaged_copy, overwrite_page, pages_of, sha256_file, with_a_log

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.profile.guard import Problem, ProfileRefusedError
from foidesk.core.salvage.copy import SHELL_ENV, Shell
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.salvage.run import salvage
from foidesk.core.salvage.switch import salvage_lock_path

HELPER = Path(__file__).with_name("kill_salvage.py")
RANDOM_KILLS = 7
SEED = 20241201

pytestmark = [
    pytest.mark.skipif(not hasattr(os, "fork"), reason="kills forked children"),
    pytest.mark.sqlite_only,  # salvage reads a damaged SQLite file page by page
]


def run_jobs(folder: Path, jobs: list[dict[str, object]], shell: Shell) -> list[int]:
    listing = folder / f"jobs-{len(list(folder.glob('jobs-*')))}.json"
    listing.write_text(json.dumps(jobs))
    env = {**os.environ, SHELL_ENV: str(shell.path)}
    done = subprocess.run(
        [sys.executable, str(HELPER), str(listing)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return list(json.loads(done.stdout))


def kill_points(steps: int, renames: list[int]) -> list[int]:
    """Random steps, plus just before and just after every rename."""
    chosen = random.Random(SEED).sample(range(1, steps - 1), RANDOM_KILLS)
    around = [s + d for s in renames for d in (0, 1)]
    return sorted({p for p in chosen + around if 0 < p < steps})


def state_after(damaged: Damaged) -> str:
    """Which database is in place once opening has finished the killed salvage; the
    profile opens, or is refused as damaged."""
    main = damaged.database
    try:
        desk = Desk.open(damaged.profile)
    except ProfileRefusedError as refused:
        assert refused.problem is Problem.DAMAGED
        return "damaged"
    with desk:
        if sha256_file(main) == damaged.damaged_sha256:
            return "damaged"  # opening read no damaged page; its check would find one
        assert desk.check().ok
        assert desk.get_setting("only.in.the.log") == "yes"
        return "salvaged"


def test_a_killed_salvage_leaves_one_database_in_place_and_the_damaged_bytes_kept(
    template: Path, tmp_path: Path, recover_shell: Shell
) -> None:
    def damage(path: Path) -> None:  # rows for lost-and-found, and a log to keep aside
        with_a_log(path, lambda p: overwrite_page(p, pages_of(p, "blob", "internal")[0][0]))

    source = damaged_copy(template, tmp_path / "source", damage)
    damaged_log = sha256_file(source.database.with_name("foidesk.sqlite3-wal"))

    report = tmp_path / "plan.json"
    planned = copy(source, tmp_path / "planned")
    job = {"kill_at": 0, "profile": str(planned.profile.data_dir), "report": str(report)}
    assert run_jobs(tmp_path, [job], recover_shell) == [0]
    plan = json.loads(report.read_text())
    # the journal, the log, the damaged file's second name, lost-and-found, the new file
    assert len(plan["renames"]) >= 5

    points = kill_points(plan["steps"], plan["renames"])
    runs = [(k, copy(source, tmp_path / f"k{k}")) for k in points]
    jobs = [
        {"kill_at": k, "profile": str(d.profile.data_dir), "report": str(tmp_path / f"r{k}")}
        for k, d in runs
    ]
    results = run_jobs(tmp_path, jobs, recover_shell)

    outcomes = set()
    for (point, damaged), result in zip(runs, results, strict=True):
        assert result == -signal.SIGKILL, point
        folder = damaged.profile.data_dir
        found = {sha256_file(p) for p in folder.glob("foidesk.sqlite3*") if p.is_file()}
        assert {damaged.damaged_sha256, damaged_log} <= found, point
        outcomes.add(state_after(damaged))  # (opening the damaged file may fold its log in)
        assert not list(folder.glob("foidesk.sqlite3.salvage-*")), point
        assert not list(folder.glob(".foidesk-salvage.json*")), point
        assert not salvage_lock_path(folder).exists(), point

        again = salvage(damaged.profile, shell=recover_shell)
        assert again.check_ok, (point, again.check_problems)
    assert outcomes == {"damaged", "salvaged"}  # kills landed on both sides of the switch


def copy(source: Damaged, folder: Path) -> Damaged:
    shutil.copytree(source.profile.data_dir, folder)
    return Damaged(resolve_profile(folder), source.before, source.damaged_sha256)


def test_a_switch_the_system_refuses_waits_and_is_finished_at_the_next_open(
    template: Path, tmp_path: Path, recover_shell: Shell, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Windows refuses to replace a file another program holds open."""
    page = pages_of(template / "foidesk.sqlite3", "message", "leaf")[9][0]
    damaged = damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))
    replace = os.replace

    def refused(source: object, target: object) -> None:
        if Path(str(target)).name == "foidesk.sqlite3":
            raise PermissionError(errno.EACCES, "Permission denied", str(target))
        replace(source, target)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(SalvageError, match=r"could not take the place of foidesk\.sqlite3"):
        salvage(damaged.profile, shell=recover_shell)
    monkeypatch.undo()
    folder = damaged.profile.data_dir
    assert sha256_file(damaged.database) == damaged.damaged_sha256
    assert salvage_lock_path(folder).exists() and (folder / ".foidesk-salvage.json").exists()

    with Desk.open(damaged.profile) as desk:
        assert desk.check().ok
    assert sha256_file(damaged.database) != damaged.damaged_sha256
    (kept,) = folder.glob("foidesk.sqlite3.damaged-????????-??????")
    assert sha256_file(kept) == damaged.damaged_sha256
    assert not salvage_lock_path(folder).exists()
