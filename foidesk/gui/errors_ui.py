"""How failures reach the user: one clear sentence for their mistakes, a report for ours.

A ``FoideskError`` (bad input, missing file, disk full) is something the user
can act on, so it is shown as one line. Anything else is a bug: it gets a
dialog whose details can be copied into a bug report, never a silent failure.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foidesk import __version__
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


def show_user_error(parent: QWidget | None, title: str, exc: BaseException | str) -> QMessageBox:
    """A one-line message box that does not block the event loop (``open``, not ``exec``)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, str(exc), QMessageBox.StandardButton.Ok)
    box.setParent(parent, box.windowFlags())
    box.setObjectName("user-error")
    box.open()
    return box


class CrashDialog(QDialog):
    """An unexpected error: what happened in one line, and details the user can copy."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("foidesk hit a bug"))
        self.setObjectName("crash-dialog")
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "Something went wrong that foidesk did not expect. Your data is safe: the "
                "unfinished change was not saved. Please copy the details below into a bug "
                "report."
            )
        )
        intro.setWordWrap(True)
        self.details = QPlainTextEdit(f"foidesk {__version__}\n\n{details}")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(_("Error details"))
        self.details.setMinimumSize(560, 220)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = QPushButton(_("Copy details"))
        copy.clicked.connect(self.copy_details)
        buttons.addButton(copy, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(intro)
        layout.addWidget(self.details)
        layout.addWidget(buttons)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())


def report_failure(parent: QWidget | None, title: str, exc: BaseException, details: str) -> None:
    """Route a failure from a background job: user error → message, bug → crash dialog."""
    if isinstance(exc, FoideskError):
        show_user_error(parent, title, exc)
    else:
        sys.excepthook(type(exc), exc, exc.__traceback__)


def make_excepthook(parent: Callable[[], QWidget | None]) -> ExceptHook:
    """A ``sys.excepthook`` that shows user errors plainly and bugs in a ``CrashDialog``."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if isinstance(exc, FoideskError):
            show_user_error(parent(), "foidesk", exc)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        sys.stderr.write(details)
        dialog = CrashDialog(details, parent())
        dialog.open()

    return hook


def install_excepthook(parent: Callable[[], QWidget | None]) -> None:
    sys.excepthook = make_excepthook(parent)
