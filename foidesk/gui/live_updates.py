"""The window on a team database: the other members' changes, as they commit them.

The desk's listener (``core/live``) publishes what the others changed into the feed,
from a thread of its own; the ``ChangeRelay`` brings it to the views as it brings the
window's own changes, so the list, the thread, the header and the calendar repaint
what it names. This part starts the listening for the window, says in the status bar
who made the change (briefly), and stops the listening before the window goes.

A request being edited in a dialog keeps what the user typed: the dialog holds its
own copy, and saving it over another member's change is refused and explained
(``changed_elsewhere.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QStatusBar

from foidesk.core.desk import Desk
from foidesk.core.i18n import _

#: How long the status bar names who changed something.
HINT_MS = 5000
#: How long the window waits, as it opens, for the listening to begin: what it reads
#: first is then no older than what it will hear.
START_WAIT = 1.0


class LiveUpdates(QObject):
    #: The members whose changes just arrived (on the GUI thread).
    heard = Signal(object)

    def __init__(self, desk: Desk, status_bar: QStatusBar, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self._status_bar = status_bar
        self.heard.connect(self._name)
        self.listening = desk.start_live_updates(heard=self._heard, wait=START_WAIT)

    def _heard(self, members: Sequence[str]) -> None:
        """On the listener's thread: the signal takes the names to the GUI thread."""
        self.heard.emit(tuple(dict.fromkeys(members)))

    def _name(self, members: tuple[str, ...]) -> None:
        named = [member for member in members if member]
        if named:
            text = _("Updated by {members}").format(members=", ".join(named))
        else:
            text = _("Updated by another member")
        self._status_bar.showMessage(text, HINT_MS)

    def stop(self) -> None:
        """Before the window goes: nothing is heard for it any more."""
        self._desk.stop_live_updates()
