"""Changes the desk publishes, brought to the GUI thread and handed to every view.

The desk tells its subscribers on the thread that made the change (the database
thread); this relay re-emits on the GUI thread, merging what arrives in one turn of
the event loop (an import of 500 messages repaints once, not 500 times). Each batch
carries the serial of the newest change in it, so a view given a fresh record by an
operation can tell whether a batch is already in that record.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from foidesk.core.changes import NOTHING, Changes
from foidesk.core.desk import Desk


class ChangeRelay(QObject):
    changed = Signal(object, int)  # Changes (merged), serial of the newest in it
    _arrived = Signal(object, int)

    def __init__(self, desk: Desk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._pending = NOTHING
        self._serial = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._hand_on)
        self._arrived.connect(self._collect)
        self._stop = desk.feed.subscribe(self._published)

    def _published(self, changes: Changes) -> None:
        """On the publishing thread: the serial is read there, where it was counted."""
        self._arrived.emit(changes, self._desk.feed.serial)

    def _collect(self, changes: Changes, serial: int) -> None:
        self._pending = self._pending | changes
        self._serial = max(self._serial, serial)
        if not self._flush.isActive():
            self._flush.start()

    def _hand_on(self) -> None:
        changes, self._pending = self._pending, NOTHING
        if not changes.empty:
            self.changed.emit(changes, self._serial)

    def flush(self) -> None:
        """Hand on what has arrived now (tests, and before a restore replaces the desk)."""
        self._flush.stop()
        self._hand_on()

    def stop(self) -> None:
        self._stop()
