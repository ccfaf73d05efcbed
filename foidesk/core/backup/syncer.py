"""Making files durable in the background while the work goes on.

Syncing each file as it is closed makes every write wait for the disk in turn; handing
the paths to a few threads lets the disk take them in one queue while the next files
are written (about three times faster for a restore), and lets a new backup reach the
disk while it is being read back for verification. ``wait`` (or leaving the ``with``
block) returns only when every file is on disk, and raises the first failure.
"""

from __future__ import annotations

import os
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

THREADS = 8


def fsync_path(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows flushes only handles open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class BackgroundSync:
    def __init__(self, threads: int = THREADS) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="foidesk-sync")
        self._pending: list[Future[None]] = []

    def add(self, path: Path) -> None:
        self._pending.append(self._pool.submit(fsync_path, path))

    def wait(self) -> None:
        pending, self._pending = self._pending, []
        for future in pending:
            future.result()

    def __enter__(self) -> BackgroundSync:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                self.wait()
        finally:
            self._pool.shutdown(wait=True, cancel_futures=True)
