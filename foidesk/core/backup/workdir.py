"""The hidden folder a backup is written in before it gets its final name.

A backup is written as ``.foidesk-backup-<random>.partial/<final name>`` beside the
target, so that a backup that did not finish never carries the final name. The
writer holds a lock in that folder; a folder whose lock nobody holds was left by a
writer that died, and the next writer removes it. The folder is 0700 even in a backup
folder the user chose elsewhere (that folder itself keeps the mode the user gave it).
"""

from __future__ import annotations

import shutil
import time
import uuid
from pathlib import Path
from types import TracebackType

from foidesk.core.backup import layout
from foidesk.core.storage import privacy
from foidesk.core.storage.filelock import FileLock

LOCK_NAME = "writer.lock"
UNLOCKED_GRACE_SECONDS = 60  # a writer creates its lock right after the folder


class WorkDir:
    def __init__(self, folder: Path) -> None:
        self.path = folder / f"{layout.WORKDIR_PREFIX}{uuid.uuid4().hex}{layout.WORKDIR_SUFFIX}"
        self._lock = FileLock(self.path / LOCK_NAME, remove=False)

    def __enter__(self) -> WorkDir:
        privacy.make_dir(self.path, exist_ok=False)
        self._lock.try_acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._lock.release()
        shutil.rmtree(self.path, ignore_errors=True)


def sweep_abandoned(folder: Path) -> list[Path]:
    """Remove work folders of writers that died; return what was removed."""
    removed = []
    for candidate in abandoned_workdirs(folder):
        shutil.rmtree(candidate, ignore_errors=True)
        removed.append(candidate)
    return removed


def abandoned_workdirs(folder: Path) -> list[Path]:
    """Work folders of writers that died (found, not removed)."""
    try:
        candidates = sorted(folder.iterdir())
    except OSError:
        return []
    return [c for c in candidates if layout.is_workdir(c) and c.is_dir() and _abandoned(c)]


def _abandoned(workdir: Path) -> bool:
    lock_path = workdir / LOCK_NAME
    if not lock_path.exists():
        return time.time() - workdir.stat().st_mtime > UNLOCKED_GRACE_SECONDS
    lock = FileLock(lock_path, remove=False)
    if not lock.try_acquire():
        return False
    lock.release()
    return True
