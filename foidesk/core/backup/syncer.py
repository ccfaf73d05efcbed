"""Making files durable in the background while the work goes on.

Syncing each file as it is closed makes every write wait for the disk in turn; handing
the paths to a few threads lets the disk take them in one queue while the next files
are written (about three times faster for a restore). A new backup, one big file, is
synced every few hundred megabytes while it grows (``GrowingFile``), so the disk
writes it alongside the work rather than all at the end. ``wait`` (or leaving the
``with`` block) returns only when every file is on disk, and raises the first failure.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from types import TracebackType

from foidesk.core.storage.file_store import fsync_file

THREADS = 8
GROWTH_BETWEEN_SYNCS = 256 << 20


class BackgroundSync:
    def __init__(self, threads: int = THREADS) -> None:
        self._pool = ThreadPoolExecutor(threads, thread_name_prefix="foidesk-sync")
        self._pending: list[Future[None]] = []

    def add(self, path: Path) -> Future[None]:
        future = self._pool.submit(fsync_file, path)
        self._pending.append(future)
        return future

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


class GrowingFile:
    """A file being written: synced in the background each time it has grown enough,
    one sync at a time. The final sync, after the last write, is still the caller's."""

    def __init__(
        self, syncer: BackgroundSync, path: Path, every: int = GROWTH_BETWEEN_SYNCS
    ) -> None:
        self._syncer = syncer
        self._path = path
        self._every = every
        self._synced_at = 0
        self._running: Future[None] | None = None

    def grew_to(self, size: int) -> None:
        if size - self._synced_at < self._every:
            return
        if self._running is not None and not self._running.done():
            return  # the disk is still busy with the last one
        self._running = self._syncer.add(self._path)
        self._synced_at = size
