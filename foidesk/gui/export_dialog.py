"""*Request ▸ Export evidence bundle…*: where to save a request's bundle, whether to
redact it, and the export itself on the task runner's lane for long work.

The dialog only gathers choices. ``ExportController`` runs ``Desk.export_bundle`` off
the GUI thread (its one database read handed to the database thread), behind a
progress dialog that appears after half a second; Cancel stops it between two chunks,
and the core then leaves no file behind.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.errors import FoideskError
from foidesk.core.export import BundleReport, Redaction
from foidesk.core.formatting import human_size, safe_filename
from foidesk.core.i18n import _, ngettext
from foidesk.core.progress import Cancelled
from foidesk.core.records import RequestDetail
from foidesk.gui.tasks.progress import TaskProgress, close_dialog, progress_dialog
from foidesk.gui.tasks.runner import TaskRunner

DIALOG_WIDTH = 600
WORDS_LINES = 3
STATUS_MS = 8000


@dataclass(frozen=True)
class ExportChoice:
    path: Path
    redaction: Redaction | None
    overwrite: bool


class ExportDialog(QDialog):
    """Asks where to write the bundle and what, if anything, to redact."""

    def __init__(self, detail: RequestDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Export evidence bundle"))
        self.setMinimumWidth(DIALOG_WIDTH)
        self._confirmed: Path | None = None  # a file the save dialog agreed to replace
        intro = QLabel(
            _(
                "One ZIP file for a regulator, an appeal or a court: the whole correspondence "
                "as a PDF with every header and deadline, each original email, every "
                "attachment, and a manifest with the SHA-256 of each file."
            )
        )
        intro.setWordWrap(True)
        self.path = QLineEdit(str(_default_path(detail)))
        choose = QPushButton(_("Choose…"))
        choose.clicked.connect(self.choose_path)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(choose)
        form = QFormLayout()
        form.addRow(_("Save as:"), row)
        self.redact = QGroupBox(_("Redact before sharing"))
        self.redact.setCheckable(True)
        self.redact.setChecked(False)
        self.own_details = QCheckBox(_("My own email addresses and phone numbers"))
        self.own_details.setChecked(True)
        self.words = QPlainTextEdit()
        self.words.setPlaceholderText(_("Other words or names to replace, one per line"))
        self.words.setFixedHeight(self.fontMetrics().lineSpacing() * WORDS_LINES + 12)
        note = QLabel(
            _(
                "They are replaced by [redacted] in the PDF. Original emails and attachments "
                "cannot be redacted, so a redacted bundle leaves them out: the PDF lists each "
                "attachment with its size and SHA-256."
            )
        )
        note.setWordWrap(True)
        inner = QVBoxLayout(self.redact)
        inner.addWidget(self.own_details)
        inner.addWidget(self.words)
        inner.addWidget(note)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setObjectName("form-error")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.redact)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def choose_path(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(
            self, _("Export evidence bundle"), self.path.text(), _("ZIP files") + " (*.zip)"
        )
        if chosen:
            path = _as_zip(Path(chosen))
            self.path.setText(str(path))
            self._confirmed = path  # the platform's dialog asked before replacing it

    def choice(self) -> ExportChoice:
        path = _as_zip(Path(self.path.text().strip()).expanduser())
        redaction = None
        if self.redact.isChecked():
            words = tuple(w.strip() for w in self.words.toPlainText().splitlines() if w.strip())
            redaction = Redaction(own_details=self.own_details.isChecked(), words=words)
        return ExportChoice(path, redaction, overwrite=path == self._confirmed)

    def accept(self) -> None:
        """Refuse, in the dialog, a choice that can only fail; ask before replacing."""
        problem = self._problem()
        if problem is not None:
            self.error.setText(problem)
            self.error.show()
            return
        path = self.choice().path
        if path.exists() and path != self._confirmed:
            if not self._replace(path):
                return
            self._confirmed = path
        super().accept()

    def _problem(self) -> str | None:
        if not self.path.text().strip():
            return _("Name the file to write.")
        redaction = self.choice().redaction
        if redaction is not None and not (redaction.own_details or redaction.words):
            return _("Choose what to redact, or export without redacting.")
        return None

    def _replace(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            _("Export evidence bundle"),
            _("{file} already exists. Replace it?").format(file=path.name),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes


def _default_path(detail: RequestDetail) -> Path:
    """In Documents (the home folder where there is none), named after the request."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(found) if found and Path(found).is_dir() else Path.home()
    title = detail.summary.title.replace("/", "-").replace("\\", "-")  # a slash is no folder
    name = safe_filename(f"request-{detail.id} {title}")[:80].strip() + ".zip"
    return folder / name


def _as_zip(path: Path) -> Path:
    return path if path.suffix.lower() == ".zip" else path.with_name(path.name + ".zip")


class ExportController(QObject):
    """Owns the menu action's work: the dialog, the export job and what it tells."""

    finished = Signal(object)  # BundleReport
    failed = Signal(str)
    cancelled = Signal()
    status_message = Signal(str, int)

    def __init__(
        self,
        runner: TaskRunner,
        window: QWidget,
        current: Callable[[], RequestDetail | None],
    ) -> None:
        super().__init__(window)
        self.runner = runner
        self.window = window
        self.current = current
        self.dialog: ExportDialog | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self._progress: TaskProgress | None = None

    @property
    def busy(self) -> bool:
        return self._progress is not None

    def ask(self) -> ExportDialog | None:
        """Open the dialog for the request on screen (non-blocking)."""
        detail = self.current()
        if detail is None or self.busy:
            return None
        dialog = ExportDialog(detail, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.export(detail.id, dialog.choice()))
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def export(self, request_id: int, choice: ExportChoice) -> None:
        if self.busy:
            return
        progress = TaskProgress(self)
        self._progress = progress
        self.progress_dialog = progress_dialog(
            self.window, _("Exporting evidence bundle"), progress, modal=False
        )
        desk, database = self.runner.desk, self.runner.database

        def work() -> BundleReport:
            return desk.export_bundle(
                request_id,
                choice.path,
                redaction=choice.redaction,
                overwrite=choice.overwrite,
                progress=progress,
                on_database=lambda step: database.call(lambda _desk: step()),
            )

        self.runner.long.start(work, self._done, self._error)

    def _finish(self) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            close_dialog(dialog)
        self._progress = None

    def _done(self, report: BundleReport) -> None:
        self._finish()
        self.status_message.emit(
            _("Saved the evidence bundle {file}").format(file=report.path.name), STATUS_MS
        )
        self._tell(QMessageBox.Icon.Information, _("Evidence bundle saved"), _saved_text(report))
        self.finished.emit(report)

    def _error(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.status_message.emit(_("Export cancelled: no file was written"), STATUS_MS)
            self.cancelled.emit()
            return
        if isinstance(exc, FoideskError):
            text = str(exc)
            self._tell(QMessageBox.Icon.Warning, _("Could not export the request"), text)
        else:
            details = "".join(traceback.format_exception(exc))
            text = _("foidesk hit an unexpected error; no file was written.") + f"\n\n{details}"
            self._tell(QMessageBox.Icon.Critical, _("foidesk hit a bug"), text)
        self.failed.emit(text)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box


def _saved_text(report: BundleReport) -> str:
    messages = ngettext("{count} message", "{count} messages", report.messages).format(
        count=report.messages
    )
    if report.redacted:
        held = _(
            "It holds the redacted PDF of {messages} and a manifest; the original emails "
            "and attachments were left out."
        ).format(messages=messages)
    else:
        held = _(
            "It holds the PDF of {messages}, {originals} original emails and "
            "{attachments} attachments, with a manifest of their SHA-256."
        ).format(messages=messages, originals=report.originals, attachments=report.attachments)
    return (
        _("Saved {file} ({size}).").format(file=report.path, size=human_size(report.size))
        + "\n\n"
        + held
    )
