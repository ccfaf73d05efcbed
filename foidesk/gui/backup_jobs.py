"""Running one backup or restore on a worker thread, with progress and Cancel.

The job's ``JobProgress`` is the core's ``Progress`` protocol: the core reports bytes
into it from the worker thread, and it forwards them to the GUI thread as a signal
(only when the shown value changes, so a 2 GB backup sends about a thousand). The
Cancel button sets a flag the core checks after every chunk.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, Signal

from foidesk.core.errors import FoideskError
from foidesk.core.progress import Cancelled, Progress

SCALE = 1000  # progress in thousandths: QProgressDialog counts in 32-bit ints, bytes do not

Work = Callable[[Progress], object]


class JobSignals(QObject):
    progress = Signal(int, str)  # thousandths done, what is being done
    succeeded = Signal(object)
    failed = Signal(str)  # a FoideskError's message: the user can act on it
    crashed = Signal(str)  # a bug: the formatted traceback
    cancelled = Signal()


class JobProgress:
    def __init__(self, signals: JobSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()
        self._shown: tuple[int, str] = (-1, "")

    def report(self, done: int, total: int | None, message: str = "") -> None:
        value = min(SCALE, SCALE * done // total) if total else 0
        if (value, message) != self._shown:
            self._shown = (value, message)
            self._signals.progress.emit(value, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class Job(QRunnable):
    """``work(progress)`` on a pool thread; exactly one of the outcome signals follows."""

    def __init__(self, work: Work) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the controller keeps it until its outcome arrives
        self.signals = JobSignals()
        self.progress = JobProgress(self.signals)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(self.progress)
        except Cancelled:
            self.signals.cancelled.emit()
        except FoideskError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:
            self.signals.crashed.emit(traceback.format_exc())
        else:
            self.signals.succeeded.emit(result)
