"""How long work in the window reports progress and hears Cancel.

``TaskProgress`` is the core's ``Progress`` protocol: the core reports into it from
whichever thread does the work, and it forwards the news to the GUI thread by signal —
only when the shown value (in thousandths) or the message changes, so a 2 GB backup
sends about a thousand. ``progress_dialog`` shows it: after half a second, so quick
work never flashes a dialog, with a Cancel button that the core hears between chunks.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from foidesk.core.i18n import _

SCALE = 1000  # progress in thousandths: QProgressDialog counts in 32-bit ints, bytes do not
SHOW_AFTER_MS = 500
DIALOG_WIDTH = 380


class TaskProgress(QObject):
    """Readable and reportable from any thread; cancellable from the GUI."""

    #: thousandths done (-1: no total known), what is being done
    reported = Signal(int, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self._shown: tuple[int, str] = (-2, "")

    def report(self, done: int, total: int | None, message: str = "") -> None:
        value = min(SCALE, SCALE * done // total) if total else -1
        if (value, message) != self._shown:
            self._shown = (value, message)
            self.reported.emit(value, message)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


def progress_dialog(
    parent: QWidget, title: str, progress: TaskProgress, *, modal: bool, label: str = ""
) -> QProgressDialog:
    """A dialog following ``progress``; call ``close_dialog`` when the work is over."""
    dialog = QProgressDialog(
        label or _("{task}…").format(task=title), _("Cancel"), 0, SCALE, parent
    )
    dialog.setWindowTitle(title)
    dialog.setMinimumWidth(DIALOG_WIDTH)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setWindowModality(
        Qt.WindowModality.ApplicationModal if modal else Qt.WindowModality.WindowModal
    )
    dialog.setMinimumDuration(0 if modal else SHOW_AFTER_MS)
    dialog.canceled.connect(progress.cancel)

    def show(value: int, message: str) -> None:
        if message:
            dialog.setLabelText(message)
        dialog.setMaximum(0 if value < 0 else SCALE)  # 0: busy, no total known
        dialog.setValue(max(value, 0))

    progress.reported.connect(show)
    dialog.setValue(0)
    return dialog


def close_dialog(dialog: QProgressDialog) -> None:
    dialog.canceled.disconnect()
    dialog.reset()
    dialog.deleteLater()
