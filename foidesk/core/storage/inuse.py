"""Which processes have a profile open, so that a restore never pulls one from under them.

Every open ``Desk`` holds a lock on a file of its own in ``.<profile>.in-use/``, beside
the profile (outside the folders a restore renames). Only exclusive locks are used,
since every system has those. A restore, once it holds the restore lock
(``backup/switch.py``), tries each file: one it can lock was left by a process that
died, and is removed; one it cannot lock belongs to a living foidesk, and the restore
is refused.

``Desk.open`` takes its file *before* it looks for a restore in progress, and a
restore takes the restore lock *before* it looks at the files: whichever comes second
sees the other.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path

from foidesk.core.storage import privacy
from foidesk.core.storage.filelock import FileLock

SUFFIX = ".lock"
ATTEMPTS = 5


def in_use_dir(data_dir: Path) -> Path:
    return data_dir.with_name(f".{data_dir.name}.in-use")


class ProfileHold:
    """This process's mark that it has the profile at ``data_dir`` open."""

    def __init__(self, data_dir: Path) -> None:
        self._folder = in_use_dir(data_dir)
        self._lock: FileLock | None = None

    def acquire(self) -> None:
        """Mark the profile in use. Where nothing can be created or locked beside the
        profile (a read-only parent, a share without locks), no restore can replace it
        either — a restore works beside it, under a lock — so it goes unmarked."""
        if self._lock is not None:
            return
        lock = FileLock(self._folder / f"{os.getpid()}-{secrets.token_hex(8)}{SUFFIX}")
        for _ in range(ATTEMPTS):
            try:
                privacy.make_dir(self._folder)
                held = lock.try_acquire()  # a fresh name: fails only where locks do not work
            except FileNotFoundError:
                continue  # the last holder removed the folder as it left
            except OSError:
                return
            if held:
                self._lock = lock
            else:
                lock.path.unlink(missing_ok=True)
            return

    def release(self) -> None:
        lock, self._lock = self._lock, None
        if lock is not None:
            lock.release()
            with contextlib.suppress(OSError):
                self._folder.rmdir()  # only when it was the last one


def stale_marks(data_dir: Path) -> list[Path]:
    """Marks left by processes that died, found without removing any (``foidesk check``).

    A mark is tried with a lock of its own that leaves the file in place: whoever can
    take it knows no living process holds it.
    """
    stale = []
    for path in _marks(data_dir):
        probe = FileLock(path, remove=False)
        try:
            held = probe.try_acquire()
        except OSError:
            continue
        if held:
            probe.release()
            stale.append(path)
    return stale


def remove_if_stale(path: Path) -> bool:
    """Remove one mark if nothing holds it (``check --repair``); True when it is gone."""
    probe = FileLock(path)  # removes the file as it releases
    try:
        if not probe.try_acquire():
            return False
    except OSError:
        return False
    probe.release()
    with contextlib.suppress(OSError):
        path.parent.rmdir()  # only when it was the last one
    return True


def _marks(data_dir: Path) -> list[Path]:
    try:
        return sorted(p for p in in_use_dir(data_dir).iterdir() if p.name.endswith(SUFFIX))
    except OSError:
        return []


def holders(data_dir: Path) -> int:
    """How many living processes have the profile open; files left by dead ones go."""
    folder = in_use_dir(data_dir)
    try:
        names = [p for p in folder.iterdir() if p.name.endswith(SUFFIX)]
    except FileNotFoundError:
        return 0
    living = 0
    for path in names:
        probe = FileLock(path)  # removes the file when released: only a dead holder's
        if probe.try_acquire():
            probe.release()
        else:
            living += 1
    if not living:
        with contextlib.suppress(OSError):
            folder.rmdir()  # fails, harmlessly, if a process has just marked the profile
    return living
