"""File and CPU work (backups, text extraction, saving and copying attachments) on a
small thread pool of the window's own.

Each task reports its outcome by signal on the GUI thread. Work that needs the
database hands that part to the database thread (``DeskWorker.call``).
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

T = TypeVar("T")


class _Signals(QObject):
    succeeded = Signal(object)
    failed = Signal(object, str)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work()
        except Exception as exc:  # the GUI thread decides: user error or bug
            self._signals.failed.emit(exc, traceback.format_exc())
        else:
            self._signals.succeeded.emit(result)


class FileTasks(QObject):
    """Runs file work on a pool and hands results to callbacks on the GUI thread."""

    unhandled_error = Signal(object, str)
    active_changed = Signal(int)

    def __init__(self, parent: QObject | None = None, pool: QThreadPool | None = None) -> None:
        super().__init__(parent)
        self._pool = pool or QThreadPool.globalInstance()
        self._live: set[_Signals] = set()

    def start(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        owner: QObject | None = None,
    ) -> None:
        """Run ``work`` on the pool. Its callbacks are dropped if ``owner`` (the widget
        they belong to, such as a preview the user closed meanwhile) is gone by then."""
        signals = _Signals(self)
        self._live.add(signals)

        def finish() -> None:
            self._live.discard(signals)
            signals.deleteLater()
            self.active_changed.emit(len(self._live))

        def gone() -> bool:
            return owner is not None and not shiboken6.isValid(owner)

        def done(result: object) -> None:
            finish()
            if on_done is not None and not gone():
                on_done(result)  # type: ignore[arg-type]

        def failed(exc: BaseException, details: str) -> None:
            finish()
            if gone():
                return
            if on_error is not None:
                on_error(exc)
            else:
                self.unhandled_error.emit(exc, details)

        signals.succeeded.connect(done)
        signals.failed.connect(failed)
        self.active_changed.emit(len(self._live))
        self._pool.start(_Runnable(work, signals))

    @property
    def active(self) -> int:
        return len(self._live)

    def wait(self, msecs: int = 30_000) -> bool:
        """Wait for running tasks (at shutdown, so none outlives the desk)."""
        return self._pool.waitForDone(msecs)
