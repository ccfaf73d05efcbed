"""One thread for every database call, so the window never waits on SQLite.

Jobs are callables taking the ``Desk``; they run one at a time, in the order
submitted, which keeps writes and the reads after them in step (an undo and the
refresh it causes can never overtake each other). Results come back to the GUI
thread by signal. A job may belong to a *channel* ("request-list", "thread"):
a newer job on the same channel makes older ones stale, so they are skipped if
not yet started and their results are dropped if they were.
"""

from __future__ import annotations

import itertools
import queue
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, Signal

from foidesk.core.desk import Desk

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


@dataclass
class _Job(Generic[T]):
    token: int
    run: Callable[[Desk], T]
    channel: str | None
    on_done: Callable[[T], None] | None = None
    on_error: Failed | None = None
    details: list[str] = field(default_factory=list)


class _Thread(QThread):
    """The thread body: take a job, run it against the desk, signal the outcome."""

    succeeded = Signal(int, object)
    failed = Signal(int, object, str)

    def __init__(self, desk: Desk, latest: dict[str, int]) -> None:
        super().__init__()
        self.setObjectName("foidesk-database")
        self._desk = desk
        self._latest = latest
        self.jobs: queue.SimpleQueue[_Job[Any] | None] = queue.SimpleQueue()

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            if job.channel is not None and self._latest.get(job.channel, job.token) > job.token:
                continue
            try:
                result = job.run(self._desk)
            except Exception as exc:  # delivered to the GUI thread, which decides
                self.failed.emit(job.token, exc, traceback.format_exc())
            else:
                self.succeeded.emit(job.token, result)


class DeskWorker(QObject):
    """Submit database work; get the result (or the error) back on the GUI thread."""

    #: A job failed and no ``on_error`` was given: (exception, formatted traceback).
    unhandled_error = Signal(object, str)
    #: Jobs submitted and not yet delivered; the status bar shows "Working…" while > 0.
    busy_changed = Signal(bool)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._latest: dict[str, int] = {}
        self._pending: dict[int, _Job[Any]] = {}
        self._tokens = itertools.count(1)
        self._thread = _Thread(desk, self._latest)
        self._thread.succeeded.connect(self._deliver)
        self._thread.failed.connect(self._fail)
        self._thread.start()

    def submit(
        self,
        run: Callable[[Desk], T],
        on_done: Callable[[T], None] | None = None,
        *,
        on_error: Failed | None = None,
        channel: str | None = None,
    ) -> int:
        """Queue ``run``; returns its token. Stale channel results are never delivered."""
        token = next(self._tokens)
        if channel is not None:
            self._latest[channel] = token
        job = _Job(token, run, channel, on_done, on_error)
        was_idle = not self._pending
        self._pending[token] = job
        self._thread.jobs.put(job)
        if was_idle:
            self.busy_changed.emit(True)
        return token

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def stop(self) -> None:
        """Finish the queued jobs, then end the thread (before the desk is closed)."""
        if self._thread.isRunning():
            self._thread.jobs.put(None)
            self._thread.wait()

    def _take(self, token: int) -> _Job[Any] | None:
        job = self._pending.pop(token, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if job is None or (job.channel is not None and self._latest[job.channel] != token):
            return None
        return job

    def _deliver(self, token: int, result: object) -> None:
        self._drop_skipped(token)
        job = self._take(token)
        if job is not None and job.on_done is not None:
            job.on_done(result)

    def _fail(self, token: int, exc: BaseException, details: str) -> None:
        self._drop_skipped(token)
        job = self._take(token)
        if job is None:
            return
        if job.on_error is not None:
            job.on_error(exc)
        else:
            self.unhandled_error.emit(exc, details)

    def _drop_skipped(self, token: int) -> None:
        """Forget stale jobs the thread skipped: every job before ``token`` has finished."""
        for old in [t for t in self._pending if t < token]:
            job = self._pending[old]
            if job.channel is not None and self._latest[job.channel] != old:
                del self._pending[old]
