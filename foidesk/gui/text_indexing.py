"""Reading attachment text in the background, so search can find words inside files.

Runs after every import and once at start-up (a migrated profile starts with
every attachment waiting). It never blocks the window: the reading is on the file
pool (and in worker processes), its database work — the plan and each batch of
results — is handed to the database thread, and it stops when the window closes.

After the files' own text, the scans' pages are recognised (``recognise_pending``):
that can take hours, so a new import meanwhile stops it — it goes on at the first page
not recorded — and its files are read first. Without Tesseract scans are left unread;
``search --status`` and the search panel say why.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from foidesk.core.progress import Cancelled
from foidesk.gui.tasks.progress import TaskProgress
from foidesk.gui.tasks.runner import TaskRunner


class TextIndexer(QObject):
    """One extraction run at a time; a request made while one runs queues one more."""

    finished = Signal(object)  # ExtractionReport, or None when stopped or failed
    busy_changed = Signal(bool)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._progress: TaskProgress | None = None
        self._again = False
        self._shut = False
        self._recognising = False

    @property
    def running(self) -> bool:
        return self._progress is not None

    def start(self) -> None:
        if self._shut:  # a start-up timer or a resumed backup after the window closed
            return
        if self._progress is not None:
            self._again = True
            if self._recognising:  # new files first: recognition goes on afterwards
                self._progress.cancel()
            return

        progress = TaskProgress(self)
        self._progress = progress
        self.busy_changed.emit(True)
        desk, database = self._runner.desk, self._runner.database

        def on_database(work: Callable[[], Any]) -> Any:
            return database.call(lambda _desk: work())

        def read() -> object:
            from foidesk.core.search import OcrUnavailableError, extract_pending, recognise_pending

            report = extract_pending(desk, progress, on_database=on_database)
            self._recognising = True
            with contextlib.suppress(OcrUnavailableError):  # scans unread; status says why
                recognise_pending(desk, progress, on_database=on_database)
            return report

        self._runner.files.start(read, self._done, self._failed)

    def stop(self) -> None:
        """Ask a running extraction to stop; what it finished is kept."""
        self._again = False
        if self._progress is not None:
            self._progress.cancel()

    def shut(self) -> None:
        """Stop for good: the window is closing and the database thread will stop."""
        self._shut = True
        self.stop()

    def _done(self, report: object) -> None:
        self._progress, self._recognising = None, False
        self.busy_changed.emit(False)
        self.finished.emit(report)
        if self._again:
            self._again = False
            self.start()

    def _failed(self, exc: BaseException) -> None:
        self._progress, self._recognising = None, False
        self.busy_changed.emit(False)
        self.finished.emit(None)
        if not isinstance(exc, Cancelled):
            raise exc
        if self._again and not self._shut:
            self._again = False
            self.start()
