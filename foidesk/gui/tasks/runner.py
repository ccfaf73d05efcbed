"""The window's one way off the GUI thread.

- ``database``: every database call, on one thread, foreground before background
  (``database.py``);
- ``files``: file and CPU work on a small pool of the window's own (``files.py``);
- ``long``: one backup or restore at a time, on a thread of its own, so that a restore
  can wait for the file pool to be idle before it replaces the profile;
- ``changes``: what the desk changed, on the GUI thread (``changes.py``).

Long work reports into a ``TaskProgress`` shown by ``progress_dialog`` after half a
second, with Cancel (``progress.py``). Nothing here reads the database on the GUI
thread, and nothing outlives ``stop``.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from foidesk.core.desk import Desk
from foidesk.core.i18n import _
from foidesk.core.progress import Progress, check_cancelled
from foidesk.gui.tasks.changes import ChangeRelay
from foidesk.gui.tasks.database import DeskWorker
from foidesk.gui.tasks.files import FileTasks

FILE_THREADS = 2
POLL_MS = 100


class TaskRunner(QObject):
    busy_changed = Signal(bool)  # database or file work under way

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(FILE_THREADS)
        self.database = DeskWorker(desk, self)
        self.files = FileTasks(self, self._pool)
        self._long_pool = QThreadPool(self)
        self._long_pool.setMaxThreadCount(1)
        self.long = FileTasks(self, self._long_pool)
        self.changes = ChangeRelay(desk, lambda: self.database.on_database_thread, self)
        # a job's changes reach the views after its own result (which may carry them)
        self.database.delivered.connect(self.changes.flush)
        self.database.busy_changed.connect(lambda _busy: self._tell_busy())
        self.files.active_changed.connect(lambda _count: self._tell_busy())
        self.long.active_changed.connect(lambda _count: self._tell_busy())

    @property
    def busy(self) -> bool:
        return self.database.busy or bool(self.files.active) or bool(self.long.active)

    def wait_for_files(self, progress: Progress) -> None:
        """On the long-work thread: return once no file task runs; raises ``Cancelled``."""
        if self.files.active:
            progress.report(0, None, _("Waiting for background work to finish…"))
        while not self.files.wait(POLL_MS):
            check_cancelled(progress)

    def _tell_busy(self) -> None:
        self.busy_changed.emit(self.busy)

    def stop(self) -> None:
        """Let file work finish, then the database jobs queued, then stop listening."""
        self.long.wait()
        self.files.wait()
        self.database.stop()
        self.changes.stop()
