"""A logout, a shutdown or ``kill`` (SIGTERM), and Ctrl+C in the terminal that started
the window (SIGINT), close foidesk as its Quit command does.

Without this, Python's default handlers end the process at once (or not at all while
Qt's event loop holds the interpreter): the window's layout is not saved, and the next
start takes the unclean end for a crash and checks every page of the database before
trusting it again. Qt's loop runs C++ code, so a Python signal handler would wait for
the next event; ``signal.set_wakeup_fd`` writes the signal's number to a socket whose
notifier wakes the loop at once.
"""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

SIGNALS = (signal.SIGTERM, signal.SIGINT)


class QuitOnSignals(QObject):
    """Calls ``close`` on the GUI thread when one of ``SIGNALS`` arrives."""

    def __init__(self, close: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._close = close
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {sig: signal.signal(sig, _noted) for sig in SIGNALS}
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        with contextlib.suppress(OSError):
            self._read.recv(64)
        self._close()

    def uninstall(self) -> None:
        """Give the process its earlier handlers back (the event loop has ended)."""
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        self._read.close()
        self._write.close()


def _noted(_signum: int, _frame: object) -> None:
    """The work happens in ``QuitOnSignals._woken``, woken by the wakeup socket."""
