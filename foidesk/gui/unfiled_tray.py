"""Imported messages that matched no request, waiting to be dragged onto one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from foidesk.core.changes import Changes
from foidesk.core.i18n import _
from foidesk.core.records import MessageRecord
from foidesk.gui.dates import date_text
from foidesk.gui.mime import MESSAGE_IDS_MIME, message_ids_mime
from foidesk.gui.resources import icon
from foidesk.gui.tasks.database import DeskWorker

Index = QModelIndex | QPersistentModelIndex
MESSAGE_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class UnfiledModel(QAbstractListModel):
    """Unfiled messages; dragging rows carries their ids to the request list."""

    def __init__(self) -> None:
        super().__init__()
        self._messages: list[MessageRecord] = []

    def set_messages(self, messages: Sequence[MessageRecord]) -> None:
        self.beginResetModel()
        self._messages = list(messages)
        self.endResetModel()

    def message(self, row: int) -> MessageRecord:
        return self._messages[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._messages)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._messages):
            return None
        m = self._messages[index.row()]
        if role == MESSAGE_ID_ROLE:
            return m.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = date_text(m.date.astimezone().date()) if m.date else _("no date")
            subject = m.subject or _("(no subject)")
            sender = m.from_addr or _("unknown sender")
            return f"{subject}\n{sender} · {when}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (m.body_text[:400] + "…") if len(m.body_text) > 400 else m.body_text
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("incoming" if m.direction == "incoming" else "outgoing")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return [MESSAGE_IDS_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return message_ids_mime(self._messages[r].id for r in rows)

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction


class UnfiledTray(QWidget):
    """The tray's contents, reloaded whenever an import or a filing changes them."""

    count_changed = Signal(int)

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.model = UnfiledModel()
        self.list = QListView()
        self.list.setObjectName("unfiled-list")
        self.list.setAccessibleName(_("Unfiled messages"))
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragEnabled(True)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.list.setAlternatingRowColors(True)
        # two lines each (subject, then sender and date), cut with "…" in a narrow tray;
        # the whole text is in the tooltip and the thread
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setUniformItemSizes(True)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.hint = QLabel(_("Drag a message onto a request in the list to file it there."))
        self.hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)

    def refresh(self) -> None:
        self._worker.submit(lambda desk: desk.unfiled_messages(), self._show, channel="unfiled")

    def apply(self, changes: Changes) -> None:
        if changes.unfiled or changes.everything:
            self.refresh()

    def _show(self, messages: list[MessageRecord]) -> None:
        self.model.set_messages(messages)
        self.hint.setText(
            _("Drag a message onto a request in the list to file it there.")
            if messages
            else _("Nothing unfiled. Imported mail that matches no request waits here.")
        )
        self.count_changed.emit(len(messages))
