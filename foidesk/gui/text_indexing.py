"""Reading attachment text in the background, so search can find words inside files.

Runs after every import and once at start-up (a migrated profile starts with
every attachment waiting). It never blocks the window: the work is on the file
pool, in short transactions, and stops when the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from foidesk.core.desk import Desk
from foidesk.core.progress import Cancelled
from foidesk.gui.tasks import FileTasks, QtProgress


class TextIndexer(QObject):
    """One extraction run at a time; a request made while one runs queues one more."""

    finished = Signal(object)  # ExtractionReport, or None when stopped or failed
    busy_changed = Signal(bool)

    def __init__(self, desk: Desk, files: FileTasks, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._files = files
        self._progress: QtProgress | None = None
        self._again = False

    @property
    def running(self) -> bool:
        return self._progress is not None

    def start(self) -> None:
        if self._progress is not None:
            self._again = True
            return
        from foidesk.core.search import extract_pending

        progress = QtProgress(self)
        self._progress = progress
        self.busy_changed.emit(True)
        self._files.start(lambda: extract_pending(self._desk, progress), self._done, self._failed)

    def stop(self) -> None:
        """Ask a running extraction to stop; what it finished is kept."""
        self._again = False
        if self._progress is not None:
            self._progress.cancel()

    def _done(self, report: object) -> None:
        self._progress = None
        self.busy_changed.emit(False)
        self.finished.emit(report)
        if self._again:
            self._again = False
            self.start()

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        self.busy_changed.emit(False)
        self.finished.emit(None)
        if not isinstance(exc, Cancelled):
            raise exc
