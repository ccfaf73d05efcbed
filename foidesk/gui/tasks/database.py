"""One thread for every database call, so the window never waits on SQLite.

Jobs are callables taking the ``Desk``; they run one at a time on the
``foidesk-database`` thread. Two lanes: the *foreground* (what the user is waiting
for — a thread to show, rows to paint, an edit, a search) runs in the order submitted,
which keeps writes and the reads after them in step; the *background* (list-wide
computations, in slices: every next deadline, a month of the calendar) runs only when
the foreground is empty, so the selected request's thread never waits behind them.

Results come back to the GUI thread by signal. A job may belong to a *channel*
("request-list", "thread"): a newer job on the same channel makes older ones stale,
so they are skipped if not yet started and their results are dropped if they were.
Work on another thread (a backup, text extraction) that needs the database hands it
here with ``call``, which waits for the answer.
"""

from __future__ import annotations

import itertools
import threading
import traceback
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import shiboken6
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


class _Lanes:
    """The two queues, and the stop request, under one condition."""

    def __init__(self) -> None:
        self.foreground: deque[_Job[Any]] = deque()
        self.background: deque[_Job[Any]] = deque()
        self.stopping = False
        self.ready = threading.Condition()

    def put(self, job: _Job[Any], *, background: bool) -> None:
        with self.ready:
            (self.background if background else self.foreground).append(job)
            self.ready.notify()

    def take(self) -> _Job[Any] | None:
        """The next job, foreground first; None once stopping and both are empty."""
        with self.ready:
            while not (self.foreground or self.background or self.stopping):
                self.ready.wait()
            if self.foreground:
                return self.foreground.popleft()
            if self.background:
                return self.background.popleft()
            return None

    def stop(self) -> None:
        with self.ready:
            self.stopping = True
            self.ready.notify()


class _Thread(QThread):
    """The thread body: take a job, run it against the desk, signal the outcome."""

    succeeded = Signal(int, object)
    failed = Signal(int, object, str)

    def __init__(self, desk: Desk, latest: dict[str, int]) -> None:
        super().__init__()
        self.setObjectName("foidesk-database")
        self.desk = desk
        self._latest = latest
        self.lanes = _Lanes()

    def run(self) -> None:
        while (job := self.lanes.take()) is not None:
            if job.channel is not None and self._latest.get(job.channel, job.token) > job.token:
                continue
            try:
                result = job.run(self.desk)
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
    #: A job's outcome was delivered: what it changed may be handed on now, after it.
    delivered = Signal()

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
        background: bool = False,
    ) -> int:
        """Queue ``run``; returns its token. Stale channel results are never delivered."""
        token = next(self._tokens)
        if channel is not None:
            self._latest[channel] = token
        job = _Job(token, run, channel, on_done, on_error)
        was_idle = not self._pending
        self._pending[token] = job
        self._thread.lanes.put(job, background=background)
        if was_idle:
            self.busy_changed.emit(True)
        return token

    def call(self, run: Callable[[Desk], T]) -> T:
        """From another thread: run ``run`` on the database thread (in the foreground
        lane, after what is queued) and wait for its result or its exception."""
        if QThread.currentThread() is self._thread:
            return run(self.desk)
        if self._thread.lanes.stopping or not self._thread.isRunning():
            raise RuntimeError("the database thread has stopped: nothing can be asked of it")
        finished = threading.Event()
        outcome: list[Any] = []

        def job(desk: Desk) -> None:
            try:
                outcome.append((True, run(desk)))
            except BaseException as exc:
                outcome.append((False, exc))
            finally:
                self.delivered.emit()  # its changes go out before the caller goes on
                finished.set()

        self._thread.lanes.put(_Job(0, job, None), background=False)
        finished.wait()
        ok, value = outcome[0]
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @property
    def on_database_thread(self) -> bool:
        return QThread.currentThread() is self._thread

    def stop(self) -> None:
        """Finish the queued jobs, then end the thread (before the desk is closed)."""
        if self._thread.isRunning():
            self._thread.lanes.stop()
            self._thread.wait()

    def _take(self, token: int) -> _Job[Any] | None:
        job = self._pending.pop(token, None)
        if not self._pending:
            self.busy_changed.emit(False)
        if job is None or (job.channel is not None and self._latest[job.channel] != token):
            return None
        return job

    def _deliver(self, token: int, result: object) -> None:
        self._drop_skipped()
        job = self._take(token)
        if job is not None and job.on_done is not None and _alive(job.on_done):
            job.on_done(result)
        self.delivered.emit()

    def _fail(self, token: int, exc: BaseException, details: str) -> None:
        self._drop_skipped()
        job = self._take(token)
        if job is None:
            return
        if job.on_error is not None:
            if _alive(job.on_error):
                job.on_error(exc)
        else:
            self.unhandled_error.emit(exc, details)
        self.delivered.emit()

    def _drop_skipped(self) -> None:
        """Forget stale jobs the thread skipped (a newer job of their channel exists and
        they are no longer queued: lanes reorder, so tokens alone do not say)."""
        lanes = self._thread.lanes
        with lanes.ready:
            queued = {job.token for job in (*lanes.foreground, *lanes.background)}
        for old in [t for t in self._pending if t not in queued]:
            job = self._pending[old]
            if job.channel is not None and self._latest[job.channel] != old:
                del self._pending[old]


def _alive(callback: Callable[..., object]) -> bool:
    """A result for a widget closed meanwhile (a dialog) is not delivered to it."""
    owner = getattr(callback, "__self__", None)
    return not isinstance(owner, QObject) or shiboken6.isValid(owner)
