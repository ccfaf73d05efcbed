"""What salvage refuses, and how it stops: each time with one sentence and nothing changed."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from salvage_damage import Damaged, damaged_copy, overwrite_page, pages_of, sha256_file

from foidesk.core.backup.errors import RestoreInProgressError
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile
from foidesk.core.salvage.copy import SHELL_ENV, Shell, find_shell, probe_shell
from foidesk.core.salvage.errors import (
    NoRecoveryShellError,
    SalvageError,
    SalvageInProgressError,
)
from foidesk.core.salvage.run import salvage


@pytest.fixture
def damaged(template: Path, tmp_path: Path) -> Damaged:
    page = pages_of(template / "foidesk.sqlite3", "message", "leaf")[7][0]
    return damaged_copy(template, tmp_path / "profile", lambda p: overwrite_page(p, page))


def tree(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): sha256_file(p) if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def fake_shell(folder: Path, script: str) -> Path:
    """A program named sqlite3 that behaves as ``script`` says (a POSIX shell script)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sqlite3"
    path.write_text("#!/bin/sh\n" + script)
    path.chmod(0o755)
    return path


def test_without_a_shell_salvage_says_how_to_get_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv(SHELL_ENV, raising=False)
    monkeypatch.setattr(sys, "executable", str(empty / "python"))  # no shell beside it

    with pytest.raises(NoRecoveryShellError) as refused:
        find_shell()
    text = str(refused.value)
    assert "sqlite3, and none was found" in text
    assert "sudo apt-get install sqlite3" in text and "macOS ships it" in text
    assert '"sqlite-tools" download from sqlite.org' in text and "nothing was changed" in text


def test_a_shell_built_without_the_page_reader_is_named_with_what_to_get(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As Debian's and Ubuntu's shells answer ``.recover``."""
    shell = fake_shell(
        tmp_path / "bin",
        'if [ "$4" = "-version" ]; then echo "3.40.1 2022-12-28"; exit 0; fi\n'
        'echo "sql error: SQL logic error (1)" >&2; exit 1\n',
    )
    monkeypatch.setenv("PATH", str(shell.parent))
    monkeypatch.delenv(SHELL_ENV, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))  # none beside it

    with pytest.raises(NoRecoveryShellError) as refused:
        find_shell()
    assert f"the sqlite3 shell {shell} cannot recover databases" in str(refused.value)
    assert f"set {SHELL_ENV} to its sqlite3" in str(refused.value)


def test_the_shell_can_be_named_and_a_wrong_name_is_said_so(
    recover_shell: Shell, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(SHELL_ENV, str(recover_shell.path))
    assert find_shell().path == recover_shell.path
    monkeypatch.setenv(SHELL_ENV, str(tmp_path / "nowhere" / "sqlite3"))
    with pytest.raises(NoRecoveryShellError, match="which is not a program foidesk can run"):
        find_shell()


def test_a_recovery_past_its_time_limit_is_stopped_and_changes_nothing(
    damaged: Damaged, tmp_path: Path
) -> None:
    shell = fake_shell(
        tmp_path / "bin",
        'if [ "$4" = "-version" ]; then echo "3.40.1"; exit 0; fi\n'
        'if [ "$4" = ":memory:" ]; then echo "BEGIN;"; echo "COMMIT;"; exit 0; fi\n'
        "exec sleep 60\n",
    )
    before = tree(damaged.profile.data_dir)
    started = time.monotonic()

    with pytest.raises(SalvageError) as stopped:
        salvage(damaged.profile, shell=probe_shell(shell), limit=1.0)

    assert time.monotonic() - started < 15
    assert "did not finish within" in str(stopped.value)
    assert "nothing was changed" in str(stopped.value)
    assert tree(damaged.profile.data_dir) == before


@contextmanager
def in_another_process(code: str) -> Iterator[None]:
    """Run ``code`` in a child that holds whatever it takes until the block ends."""
    child = subprocess.Popen(
        [sys.executable, "-c", code + "\nprint('ready', flush=True)\nimport sys; sys.stdin.read()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdin is not None
    try:
        assert child.stdout.readline().strip() == "ready"
        yield
    finally:
        child.stdin.close()
        child.wait(timeout=30)
        child.stdout.close()


def test_a_profile_open_in_another_process_is_not_salvaged(
    damaged: Damaged, recover_shell: Shell
) -> None:
    before = tree(damaged.profile.data_dir)
    hold = (
        "from foidesk.core.storage.inuse import ProfileHold\n"
        f"ProfileHold(__import__('pathlib').Path({str(damaged.profile.data_dir)!r})).acquire()"
    )
    with in_another_process(hold), pytest.raises(SalvageError) as refused:
        salvage(damaged.profile, shell=recover_shell)
    assert "is open in a foidesk window or command" in str(refused.value)
    assert tree(damaged.profile.data_dir) == before
    assert salvage(damaged.profile, shell=recover_shell).check_ok  # once it is closed


def test_no_salvage_while_a_restore_runs(damaged: Damaged, recover_shell: Shell) -> None:
    lock = damaged.profile.data_dir.with_name(".profile.restore-lock")
    code = (
        "from foidesk.core.storage.filelock import FileLock\n"
        f"assert FileLock(__import__('pathlib').Path({str(lock)!r})).try_acquire()"
    )
    with in_another_process(code), pytest.raises(RestoreInProgressError):
        salvage(damaged.profile, shell=recover_shell)


def test_no_salvage_and_no_opening_while_another_salvage_runs(
    damaged: Damaged, recover_shell: Shell
) -> None:
    lock = damaged.profile.data_dir.with_name(".profile.salvage-lock")
    code = (
        "from foidesk.core.storage.filelock import FileLock\n"
        f"assert FileLock(__import__('pathlib').Path({str(lock)!r})).try_acquire()"
    )
    with in_another_process(code):
        with pytest.raises(SalvageInProgressError, match="is running in another process"):
            salvage(damaged.profile, shell=recover_shell)
        with pytest.raises(SalvageInProgressError):
            Desk.open(damaged.profile)


def test_only_an_sqlite_profile_in_its_folder_is_salvaged(tmp_path: Path) -> None:
    server = Profile(tmp_path / "p", "postgresql://localhost/foidesk")
    with pytest.raises(SalvageError, match="SQLite profiles only"):
        salvage(server)
    elsewhere = Profile(tmp_path / "p", f"sqlite:///{tmp_path / 'other.sqlite3'}")
    with pytest.raises(SalvageError, match="salvages the database in the profile folder"):
        salvage(elsewhere)


def test_a_missing_or_empty_database_is_nothing_to_salvage(
    tmp_path: Path, recover_shell: Shell
) -> None:
    profile = Profile(tmp_path / "p", f"sqlite:///{tmp_path / 'p' / 'foidesk.sqlite3'}")
    profile.data_dir.mkdir()
    with pytest.raises(SalvageError, match="does not exist"):
        salvage(profile, shell=recover_shell)
    (profile.data_dir / "foidesk.sqlite3").touch()
    with pytest.raises(SalvageError, match="is empty"):
        salvage(profile, shell=recover_shell)
    assert [p.name for p in profile.data_dir.iterdir()] == ["foidesk.sqlite3"]
