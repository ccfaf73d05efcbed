"""Opening, previewing, saving and dragging out attachments.

PDFs and images open in the window's own preview; anything else is handed to
the system's application, as a *copy* in a private temporary folder (0700, the
copy 0600, like the store) so the evidence copy in the store is never edited and
nobody else on the machine reads it. "Save as…" copies on the file pool, to a file
the user named, with the ordinary mode for a new file there.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QObject, QStandardPaths, QTemporaryDir, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QToolTip, QWidget

from foidesk.core import profile as privacy
from foidesk.core.desk import Desk
from foidesk.core.errors import StorageError
from foidesk.core.formatting import safe_filename
from foidesk.core.i18n import _
from foidesk.core.records import AttachmentRecord
from foidesk.gui.errors_ui import report_failure
from foidesk.gui.preview import AttachmentPreview, can_preview
from foidesk.gui.tasks.database import DeskWorker
from foidesk.gui.tasks.files import FileTasks

#: Opens a URL with the system (swapped in tests, which must not launch programs).
SystemOpener = Callable[[QUrl], object]
#: Asks where to save (swapped in tests, which cannot answer a file dialog).
SaveChooser = Callable[[QWidget, AttachmentRecord], Path | None]


def ask_save_path(parent: QWidget, attachment: AttachmentRecord) -> Path | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DownloadLocation)
    start = str(Path(folder or QDir.homePath()) / safe_filename(attachment.filename))
    chosen, _filter = QFileDialog.getSaveFileName(parent, _("Save attachment as"), start)
    return Path(chosen) if chosen else None


class AttachmentActions(QObject):
    """What the window does with an attachment the user opens, saves or drags."""

    saved = Signal(object)  # Path
    opened_externally = Signal(object)  # Path

    def __init__(
        self, desk: Desk, files: FileTasks, parent: QWidget, database: DeskWorker | None = None
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._files = files
        self._database = database
        self._parent = parent
        self._temp = QTemporaryDir()
        privacy.private_dir(Path(self._temp.path()))  # 0700 exactly, whatever the umask took
        self.system_open: SystemOpener = QDesktopServices.openUrl
        self.choose_save_path: SaveChooser = ask_save_path
        self.previews: list[AttachmentPreview] = []

    def open(self, attachment: AttachmentRecord, query: str = "") -> None:
        """Preview PDFs and images here (marking ``query``'s matches in a PDF); give anything
        else to the system's application."""
        if can_preview(attachment):
            self.preview(attachment, query)
            return
        self._files.start(
            lambda: self.temporary_copy(attachment),
            self._open_externally,
            lambda exc: report_failure(self._parent, _("Could not open the attachment"), exc, ""),
        )

    def preview(self, attachment: AttachmentRecord, query: str = "") -> AttachmentPreview:
        preview = AttachmentPreview(
            attachment, self._desk.blob_path(attachment.sha256), self._files, self._parent, query
        )
        if query.strip() and self._database is not None and attachment.text_state == "done":
            sha256 = attachment.sha256
            self._database.submit(
                lambda desk: desk.recognised_marks(sha256, query), preview.show_marks
            )
        preview.open_externally.connect(self.open_external)
        preview.save_requested.connect(self.save_as)
        preview.finished.connect(lambda _code: self._forget(preview))
        self.previews.append(preview)
        QToolTip.hideText()  # a deadline's or a chip's tooltip would stay above the preview
        preview.show()
        return preview

    def open_external(self, attachment: AttachmentRecord) -> None:
        self._files.start(lambda: self.temporary_copy(attachment), self._open_externally)

    def _open_externally(self, path: Path) -> None:
        self.system_open(QUrl.fromLocalFile(str(path)))
        self.opened_externally.emit(path)

    def save_as(self, attachment: AttachmentRecord) -> None:
        target = self.choose_save_path(self._parent, attachment)
        if target is None:
            return
        source = self._desk.blob_path(attachment.sha256)
        self._files.start(
            lambda: _copy(source, target),
            self.saved.emit,
            lambda exc: report_failure(self._parent, _("Could not save the attachment"), exc, ""),
        )

    def temporary_copy(self, attachment: AttachmentRecord) -> Path:
        """A private copy under the attachment's own (made safe) name; reused if present."""
        folder = Path(self._temp.path()) / str(attachment.id)
        target = folder / safe_filename(attachment.filename)
        if not target.exists():
            _private_copy(self._desk.blob_path(attachment.sha256), target)
        return target

    def _forget(self, preview: AttachmentPreview) -> None:
        if preview in self.previews:
            self.previews.remove(preview)
        preview.deleteLater()


def _private_copy(source: Path, target: Path) -> None:
    try:
        privacy.make_dir(target.parent)
        privacy.copy_file(source, target)
    except OSError as exc:
        raise StorageError(_cannot_write(target, exc)) from exc


def _copy(source: Path, target: Path) -> Path:
    try:
        shutil.copyfile(source, target)
    except OSError as exc:
        raise StorageError(_cannot_write(target, exc)) from exc
    return target


def _cannot_write(target: Path, exc: OSError) -> str:
    return _("cannot write {file}: {reason}").format(file=target.name, reason=exc.strerror)
