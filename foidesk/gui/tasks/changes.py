"""Changes the desk publishes, brought to the GUI thread and handed to every view.

The desk tells its subscribers on the thread that made the change (the database
thread); this relay re-emits on the GUI thread, merging what arrives until the job
that made it has delivered its own result (``TaskRunner`` flushes then: a file of an
import repaints once, however many messages it held), or, for a change made outside
a job, until the next turn of the event loop. Each batch carries the serial of the
newest change in it, so a view given a fresh record by the operation can tell that
the batch is already in that record. A batch holding another member's change (heard
from a team database, on the listener's thread) carries ``UNCOVERED`` instead: it may
have committed while a record was being read here, so no record counts as having it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from foidesk.core.changes import NOTHING, Changes
from foidesk.core.desk import Desk

#: The serial of a batch no record read here is known to include: the largest a Qt
#: ``int`` signal argument carries, beyond any serial a session reaches.
UNCOVERED = 2**31 - 1


class ChangeRelay(QObject):
    changed = Signal(object, int)  # Changes (merged), serial of the newest in it
    _arrived = Signal(object, int, bool)

    def __init__(
        self, desk: Desk, in_a_job: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._in_a_job = in_a_job
        self._pending = NOTHING
        self._serial = 0
        self._uncovered = False  # the pending batch holds another member's change
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._hand_on)
        self._arrived.connect(self._collect)
        self._stop = desk.feed.subscribe(self._published)

    def _published(self, changes: Changes) -> None:
        """On the publishing thread: the serial is read there, where it was counted, and
        so is whether a job of the database thread made the change (it flushes then)."""
        feed = self._desk.feed
        serial = UNCOVERED if feed.publishing_foreign else feed.serial
        self._arrived.emit(changes, serial, self._in_a_job())

    def _collect(self, changes: Changes, serial: int, in_a_job: bool) -> None:
        self._pending = self._pending | changes
        if serial == UNCOVERED:
            self._uncovered = True
        else:
            self._serial = max(self._serial, serial)
        if not in_a_job and not self._flush.isActive():
            self._flush.start()

    def _hand_on(self) -> None:
        changes, self._pending = self._pending, NOTHING
        uncovered, self._uncovered = self._uncovered, False
        if not changes.empty:
            self.changed.emit(changes, UNCOVERED if uncovered else self._serial)

    def flush(self) -> None:
        """Hand on what has arrived now (tests, and before a restore replaces the desk)."""
        self._flush.stop()
        self._hand_on()

    def stop(self) -> None:
        self._stop()
