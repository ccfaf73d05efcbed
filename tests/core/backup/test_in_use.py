"""A profile open anywhere — in this process, a window, another command — is never
replaced by a restore; a process that died holding it blocks nothing."""

from __future__ import annotations

import errno
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from foidesk.cli import main as cli
from foidesk.core.backup import (
    ProfileInUseError,
    RestoreInProgressError,
    restore_backup,
)
from foidesk.core.backup.layout import restore_lock_path
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile
from foidesk.core.storage.filelock import FileLock
from foidesk.core.storage.inuse import holders, in_use_dir

#: A backup holds the SQLite file itself; a team database's backup is not built yet.
pytestmark = pytest.mark.sqlite_only

Tree = Callable[[Path], dict[str, str]]

HOLD_OPEN = """
import sys
from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
desk = Desk.open(resolve_profile(sys.argv[1]))
print("open", flush=True)
sys.stdin.read()  # until the test closes stdin, or kills this process
desk.close()
"""


@pytest.fixture
def other_process(filled_profile: Profile) -> Iterator[subprocess.Popen[str]]:
    """A second foidesk process with the profile open, like a window left running."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(filled_profile.data_dir)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as child:
        assert child.stdout is not None and child.stdout.readline() == "open\n"
        yield child
        child.kill()


def test_an_open_desk_blocks_a_restore_and_nothing_changes(
    filled_profile: Profile, backup_file: Path, tree: Tree
) -> None:
    with Desk.open(filled_profile):
        before = tree(filled_profile.data_dir.parent)
        assert holders(filled_profile.data_dir) == 1
        with pytest.raises(ProfileInUseError, match="is open in a foidesk window or command"):
            restore_backup(backup_file, filled_profile)
        assert tree(filled_profile.data_dir.parent) == before
    restore_backup(backup_file, filled_profile)  # closed: now it may


def test_the_command_line_refuses_to_restore_a_profile_open_in_another_process(
    filled_profile: Profile,
    backup_file: Path,
    other_process: subprocess.Popen[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = str(filled_profile.data_dir)
    assert cli(["backup", "restore", str(backup_file), "--yes", "--data-dir", data]) != 0
    assert "is open in a foidesk window or command" in capsys.readouterr().err
    assert not list(filled_profile.data_dir.parent.glob("*.before-restore-*"))


def test_a_process_killed_with_the_profile_open_blocks_nothing(
    filled_profile: Profile, backup_file: Path, other_process: subprocess.Popen[str]
) -> None:
    other_process.kill()
    other_process.wait()
    assert list(in_use_dir(filled_profile.data_dir).iterdir())  # its mark is still there
    result = restore_backup(backup_file, filled_profile)
    assert result.previous_profile is not None
    assert not in_use_dir(filled_profile.data_dir).exists()


def test_opening_during_a_restore_is_refused_and_leaves_no_mark(filled_profile: Profile) -> None:
    restoring = FileLock(restore_lock_path(filled_profile.data_dir))
    assert restoring.try_acquire()
    try:
        with pytest.raises(RestoreInProgressError):
            Desk.open(filled_profile)
    finally:
        restoring.release()
    assert holders(filled_profile.data_dir) == 0


def test_each_desk_holds_the_profile_until_closed(filled_profile: Profile) -> None:
    first = Desk.open(filled_profile)
    second = Desk.open(filled_profile)
    assert holders(filled_profile.data_dir) == 2
    first.close()
    first.close()  # closing twice is harmless
    assert holders(filled_profile.data_dir) == 1
    second.close()
    assert not in_use_dir(filled_profile.data_dir).exists()
    first.reopen()
    assert holders(filled_profile.data_dir) == 1
    first.close()


def test_a_profile_with_nowhere_to_mark_it_still_opens(
    filled_profile: Profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only parent folder: no restore could work there either, so no mark is needed."""
    marks = in_use_dir(filled_profile.data_dir)
    real_mkdir = Path.mkdir

    def read_only_parent(self: Path, *args: Any, **kwargs: Any) -> None:
        if self == marks:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only_parent)
    with Desk.open(filled_profile) as desk:
        assert len(desk.list_requests()) == 2
        assert holders(filled_profile.data_dir) == 0
