"""The trash: deleted requests wait here to be restored or deleted for good."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.i18n import _
from foidesk.core.records import RequestSummary
from foidesk.gui.resources import icon


class TrashDialog(QDialog):
    restore_requested = Signal(int, str)
    purge_requested = Signal(int, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Trash"))
        self.setObjectName("trash-dialog")
        self.list = QListWidget()
        self.list.setAccessibleName(_("Deleted requests"))
        self.empty = QLabel(_("The trash is empty."))
        self.restore = QPushButton(icon("restore"), _("Restore"))
        self.purge = QPushButton(icon("trash"), _("Delete for good…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.restore, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.purge, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.restore.clicked.connect(self._restore)
        self.purge.clicked.connect(self._confirm_purge)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                _(
                    "Deleted requests stay here, with their messages, until you delete them "
                    "for good."
                )
            )
        )
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(520, 380)

    def set_requests(self, requests: list[RequestSummary]) -> None:
        self.list.clear()
        for request in requests:
            item = QListWidgetItem(f"{request.title} — {request.authority}")
            item.setData(256, (request.id, request.title))
            self.list.addItem(item)
        self.empty.setVisible(not requests)
        self.restore.setEnabled(bool(requests))
        self.purge.setEnabled(bool(requests))
        if requests:
            self.list.setCurrentRow(0)

    def _current(self) -> tuple[int, str] | None:
        item = self.list.currentItem()
        if item is None:
            return None
        request_id, title = item.data(256)
        return int(request_id), str(title)

    def _restore(self) -> None:
        current = self._current()
        if current is not None:
            self.restore_requested.emit(*current)

    def _confirm_purge(self) -> None:
        current = self._current()
        if current is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Delete for good"),
            _("Delete “{title}” and its messages for good? This cannot be undone.").format(
                title=current[1]
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        delete = box.addButton(_("Delete for good"), QMessageBox.ButtonRole.DestructiveRole)
        box.buttonClicked.connect(
            lambda button: self.purge_requested.emit(*current) if button is delete else None
        )
        box.open()
