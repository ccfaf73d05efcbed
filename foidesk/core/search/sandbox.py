"""Run untrusted-input work in child processes that can be killed.

PDF parsing is C code: a hostile file can loop forever or allocate without
bound, and nothing inside the Python process can interrupt it. Each worker
here is a separate process with a memory cap (POSIX ``RLIMIT_AS``); a task
that overruns its time is ended by killing its worker, which is then replaced.
Workers are *spawned* (not forked) so they never inherit a GUI's threads; as
with any spawned ``multiprocessing``, the program's main script must be safe
to import (the ``if __name__ == "__main__"`` idiom; a frozen build must call
``multiprocessing.freeze_support()``).

The pool is generic — ``func`` and its arguments must be picklable by
reference — so tests can exercise timeouts and crashes with plain functions.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import Any, Generic, TypeVar

from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _
from foidesk.core.phrases import Phrase
from foidesk.core.search import notes

K = TypeVar("K")
_CONTEXT = multiprocessing.get_context("spawn")
#: How long a new worker may take to start (interpreter plus imports) before
#: the pool gives up: far longer than the half second it normally needs.
START_TIMEOUT_SECONDS = 60.0
#: Tasks sent to a worker ahead of time, so it starts the next file at once.
QUEUED_PER_WORKER = 2


class WorkerStartError(FoideskError):
    """No worker process could be started, so nothing can be run in one."""


@dataclass(frozen=True)
class Outcome:
    """A task's return value, or why it has none (``error``)."""

    value: Any = None
    error: str | None = None


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


@dataclass
class _Busy(Generic[K]):
    """A worker's tasks in the order sent; the first is running, its clock is ``deadline``."""

    worker: _Worker
    tasks: deque[tuple[K, tuple[Any, ...]]]
    deadline: float


def _serve(conn: Connection, memory_bytes: int | None) -> None:
    """The worker's loop: receive ``(func, args)``, send back ``(status, value)``.

    ``status`` is ``ok``, ``error``, or ``fatal`` (an error after which this
    worker exits rather than be trusted with another task).
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the parent's to handle
    _lower_priority()
    _limit_memory(memory_bytes)
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        func, args = message
        try:
            conn.send(("ok", func(*args)))
        except MemoryError:
            conn.send(("fatal", Phrase(notes.TOO_MUCH_MEMORY)))
            return
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))


def _lower_priority() -> None:
    """Background work yields the CPU to the window and to whatever the user is doing."""
    if hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(10)


def _limit_memory(memory_bytes: int | None) -> None:
    if memory_bytes is None:
        return
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the timeout still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))


def _started(conn: Connection) -> bool:
    """Wait for a new worker's hello, so its start-up never counts against a task's time."""
    try:
        return bool(conn.poll(START_TIMEOUT_SECONDS)) and conn.recv()[0] == "ready"
    except (EOFError, OSError):
        return False


class WorkerPool:
    """``workers`` child processes running ``func`` on tasks, each within ``timeout`` seconds."""

    def __init__(
        self,
        func: Callable[..., Any],
        *,
        workers: int,
        timeout: float,
        memory_bytes: int | None = None,
    ) -> None:
        self._func = func
        self._size = max(1, workers)
        self._timeout = timeout
        self._memory = memory_bytes
        self._idle: list[_Worker] = []
        self._all: list[_Worker] = []

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def run(self, tasks: Iterable[tuple[K, tuple[Any, ...]]]) -> Iterator[tuple[K, Outcome]]:
        """Yield ``(key, outcome)`` for every task, in the order they finish.

        Each worker holds up to ``QUEUED_PER_WORKER`` tasks so that it never
        waits for this process between two files; a task's time starts when
        the one before it on the same worker has finished.
        """
        source = iter(tasks)
        retry: deque[tuple[K, tuple[Any, ...]]] = deque()
        busy: dict[Connection, _Busy[K]] = {}

        def next_task() -> tuple[K, tuple[Any, ...]] | None:
            return retry.popleft() if retry else next(source, None)

        while True:
            self._fill(busy, next_task)
            if not busy:
                return
            yield from self._collect(busy, retry)

    def _fill(
        self,
        busy: dict[Connection, _Busy[K]],
        next_task: Callable[[], tuple[K, tuple[Any, ...]] | None],
    ) -> None:
        for job in busy.values():
            while len(job.tasks) < QUEUED_PER_WORKER and (task := next_task()) is not None:
                self._send(job, task)
        while len(busy) < self._size and (task := next_task()) is not None:
            worker = self._take_worker()
            job = _Busy(worker, deque(), time.monotonic() + self._timeout)
            busy[worker.conn] = job
            self._send(job, task)
            while len(job.tasks) < QUEUED_PER_WORKER and (task := next_task()) is not None:
                self._send(job, task)

    def _send(self, job: _Busy[K], task: tuple[K, tuple[Any, ...]]) -> None:
        job.worker.conn.send((self._func, task[1]))
        job.tasks.append(task)

    def _collect(
        self, busy: dict[Connection, _Busy[K]], retry: deque[tuple[K, tuple[Any, ...]]]
    ) -> Iterator[tuple[K, Outcome]]:
        soonest = min(job.deadline for job in busy.values())
        ready = wait(list(busy), timeout=max(0.0, soonest - time.monotonic()))
        for conn in ready:
            assert isinstance(conn, Connection)
            job = busy[conn]
            key = job.tasks.popleft()[0]
            outcome, alive = self._receive(job.worker)
            job.deadline = time.monotonic() + self._timeout
            if not alive:
                del busy[conn]
                retry.extendleft(reversed(job.tasks))  # sent but never started: run elsewhere
            elif not job.tasks:
                del busy[conn]
                self._idle.append(job.worker)
            yield key, outcome
        now = time.monotonic()
        for conn, job in list(busy.items()):
            if job.deadline <= now:
                del busy[conn]
                self._discard(job.worker)
                key = job.tasks.popleft()[0]
                retry.extendleft(reversed(job.tasks))
                yield key, Outcome(error=Phrase(notes.TOO_SLOW, seconds=f"{self._timeout:g}"))

    def _receive(self, worker: _Worker) -> tuple[Outcome, bool]:
        """The worker's answer, and whether the worker can take more work."""
        try:
            status, value = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join(timeout=5)
            code = worker.process.exitcode
            self._discard(worker)
            return Outcome(error=Phrase(notes.READER_STOPPED, code=str(code))), False
        if status == "fatal":
            self._discard(worker)
            return Outcome(error=_failed(value)), False
        return (Outcome(value=value) if status == "ok" else Outcome(error=_failed(value))), True

    def _take_worker(self) -> _Worker:
        if self._idle:
            return self._idle.pop()
        parent, child = _CONTEXT.Pipe()
        process = _CONTEXT.Process(
            target=_serve, args=(child, self._memory), name="foidesk-extract", daemon=True
        )
        process.start()
        child.close()
        worker = _Worker(process, parent)
        self._all.append(worker)
        if not _started(parent):
            self._discard(worker)
            raise WorkerStartError(_("text extraction could not start a worker process"))
        return worker

    def _discard(self, worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=5)
        worker.conn.close()
        if worker in self._idle:
            self._idle.remove(worker)
        if worker in self._all:
            self._all.remove(worker)

    def close(self) -> None:
        """Stop every worker: politely if idle, by force if still busy."""
        for worker in list(self._all):
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
            worker.process.join(timeout=1)
            self._discard(worker)


def _failed(value: object) -> Phrase:
    """A task that raised, or a worker that failed, in a sentence with its own words."""
    if isinstance(value, Phrase):
        return value
    return Phrase(notes.READER_FAILED, detail=str(value))
