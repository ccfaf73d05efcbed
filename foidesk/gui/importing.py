"""Importing dropped or chosen files in the background, with progress and a summary.

The core importer parses, matches and files everything; this class only runs it
on the database thread a file at a time, shows a cancellable progress dialog if it
takes more than half a second, and says plainly what happened to each file. What
each file changed reaches the views by the desk's published changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from foidesk.core.desk import Desk
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.importing import ImportReport, ImportRun
from foidesk.gui.errors_ui import report_failure
from foidesk.gui.tasks.database import DeskWorker
from foidesk.gui.tasks.progress import TaskProgress, close_dialog, progress_dialog

#: Each file's outcome in the summary, by status (translated where shown).
OUTCOMES = (
    ("imported", N_("{count} imported")),
    ("attached", N_("{count} attached")),
    ("duplicate", N_("{count} already here (skipped)")),
    ("unfiled", N_("{count} left in Unfiled")),
    ("error", N_("{count} refused")),
)


def summary(report: ImportReport) -> str:
    """'3 imported, 1 duplicate skipped, 2 left unfiled, 1 refused'."""
    parts = []
    for status, words in OUTCOMES:
        count = report.count(status)  # type: ignore[arg-type]
        if count:
            parts.append(_(words).format(count=count))
    inside = sum(f.duplicates for f in report.files if f.status != "duplicate")
    if inside:
        parts.append(
            ngettext(
                "{count} message already here skipped",
                "{count} messages already here skipped",
                inside,
            ).format(count=inside)
        )
    return ", ".join(parts) or _("nothing to import")


def file_details(report: ImportReport) -> str:
    """Per file, what else happened: refusals, skipped duplicates, charsets, repairs."""
    blocks = []
    for f in report.files:
        lines = [f.error or _("refused")] if f.status == "error" else []
        lines += f.details()
        if lines:
            blocks.append("\n".join([f"{Path(f.path).name}:", *(f"  {line}" for line in lines)]))
    return "\n".join(blocks)


class ImportController(QObject):
    """Runs imports one after another, a file per job on the database thread (so the
    thread of a request can be read between two files); reports each one's outcome."""

    finished = Signal(object)  # ImportReport

    def __init__(self, worker: DeskWorker, parent: QWidget) -> None:
        super().__init__(parent)
        self._worker = worker
        self._parent = parent
        self.last_summary: QMessageBox | None = None

    def import_paths(self, paths: Sequence[Path], request_id: int | None = None) -> None:
        chosen = [p for p in paths if p.exists()]
        if not chosen:
            return
        progress = TaskProgress(self)
        count = len(chosen)
        label = ngettext("Importing {count} file…", "Importing {count} files…", count).format(
            count=count
        )
        dialog = progress_dialog(self._parent, _("Importing"), progress, modal=False, label=label)

        def finish(report: ImportReport) -> None:
            close_dialog(dialog)
            self._show_summary(report)
            self.finished.emit(report)

        def failed(exc: BaseException) -> None:
            close_dialog(dialog)
            report_failure(self._parent, _("Import failed"), exc, "")
            self.finished.emit(ImportReport())

        def step(run: ImportRun) -> None:
            if progress.cancelled() or run.finished:
                finish(run.report())
                return
            progress.report(run.done, run.total, run.next_name)

            def one(desk: Desk) -> ImportRun:
                run.import_next()
                return run

            self._worker.submit(one, step, on_error=failed)

        self._worker.submit(
            lambda desk: desk.begin_import(chosen, request_id=request_id), step, on_error=failed
        )

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
                status_bar().showMessage(_("Import: {summary}").format(summary=text), 8000)
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning if refused else QMessageBox.Icon.Information,
            _("Import finished with problems") if refused else _("Import finished"),
            _("Import: {summary}.").format(summary=text),
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.setDetailedText(details)
        box.setObjectName("import-summary")
        self.last_summary = box
        box.open()
