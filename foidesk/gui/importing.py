"""Importing dropped or chosen files in the background, with progress and a summary.

The core importer parses, matches and files everything; this class only runs it
on the file pool, shows a cancellable progress dialog if it takes more than
half a second, and says plainly what happened to each file.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from foidesk.core.desk import Desk
from foidesk.core.importing.importer import ImportReport
from foidesk.core.progress import Cancelled
from foidesk.gui.errors_ui import report_failure
from foidesk.gui.tasks import FileTasks, QtProgress

#: Progress dialogs appear only for work that lasts longer than this.
SHOW_AFTER_MS = 500


def summary(report: ImportReport) -> str:
    """'3 imported, 1 duplicate skipped, 2 left unfiled, 1 refused'."""
    parts = []
    for status, words in (
        ("imported", "imported"),
        ("attached", "attached"),
        ("duplicate", "already here (skipped)"),
        ("unfiled", "left in Unfiled"),
        ("error", "refused"),
    ):
        count = report.count(status)  # type: ignore[arg-type]
        if count:
            parts.append(f"{count} {words}")
    inside = sum(f.duplicates for f in report.files if f.status != "duplicate")
    if inside:
        parts.append(f"{inside} message{'s' if inside != 1 else ''} already here skipped")
    return ", ".join(parts) or "nothing to import"


def file_details(report: ImportReport) -> str:
    """Per file, what else happened: refusals, skipped duplicates, charsets, repairs."""
    blocks = []
    for f in report.files:
        lines = [f.error or "refused"] if f.status == "error" else []
        lines += f.details()
        if lines:
            blocks.append("\n".join([f"{Path(f.path).name}:", *(f"  {line}" for line in lines)]))
    return "\n".join(blocks)


class ImportController(QObject):
    """Runs imports one after another; reports each one's outcome."""

    finished = Signal(object)  # ImportReport

    def __init__(self, desk: Desk, files: FileTasks, parent: QWidget) -> None:
        super().__init__(parent)
        self._desk = desk
        self._files = files
        self._parent = parent
        self.last_summary: QMessageBox | None = None

    def import_paths(self, paths: Sequence[Path], request_id: int | None = None) -> None:
        chosen = [p for p in paths if p.exists()]
        if not chosen:
            return
        progress = QtProgress(self)
        dialog = self._progress_dialog(progress, len(chosen))
        desk = self._desk

        def run() -> ImportReport:
            return desk.import_paths(chosen, request_id=request_id, progress=progress)

        def done(report: ImportReport) -> None:
            dialog.reset()
            dialog.deleteLater()
            self._show_summary(report)
            self.finished.emit(report)

        def failed(exc: BaseException) -> None:
            dialog.reset()
            dialog.deleteLater()
            if not isinstance(exc, Cancelled):
                report_failure(self._parent, "Import failed", exc, "")
            self.finished.emit(ImportReport())

        self._files.start(run, done, failed)

    def _progress_dialog(self, progress: QtProgress, count: int) -> QProgressDialog:
        dialog = QProgressDialog(
            f"Importing {count} file{'s' if count != 1 else ''}…", "Cancel", 0, 0, self._parent
        )
        dialog.setWindowTitle("Importing")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_AFTER_MS)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(progress.cancel)

        def update(done: int, total: object, message: str) -> None:
            dialog.setMaximum(total if isinstance(total, int) else 0)
            dialog.setValue(done)
            if message:
                dialog.setLabelText(message)

        progress.reported.connect(update)
        dialog.setValue(0)
        return dialog

    def _show_summary(self, report: ImportReport) -> None:
        """One line when all went well; per file, what was refused, skipped, assumed or
        repaired, when there is anything to say."""
        text = summary(report)
        refused = [f for f in report.files if f.status == "error"]
        details = file_details(report)
        if not details:
            window = self._parent.window()
            status_bar = getattr(window, "statusBar", None)
            if callable(status_bar):
                status_bar().showMessage(f"Import: {text}", 8000)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information,
            "Import finished with problems" if refused else "Import finished",
            f"Import: {text}.",
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setDetailedText(details)
        box.setObjectName("import-summary")
        self.last_summary = box
        box.open()
