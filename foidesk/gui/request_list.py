"""The request list: a table model over request summaries."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from foidesk.core.records import RequestSummary
from foidesk.core.vocabulary import RequestStatus

Index = QModelIndex | QPersistentModelIndex
COLUMNS = ("Title", "Authority", "Status", "Last activity")
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1


class RequestListModel(QAbstractTableModel):
    """Rows of the request list, most recently active first."""

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[RequestSummary] = []

    def set_rows(self, rows: list[RequestSummary]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def request_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == REQUEST_ID_ROLE:
            return row.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, index.column())
        return None

    @staticmethod
    def _display(row: RequestSummary, column: int) -> str:
        if column == 0:
            return row.title
        if column == 1:
            return row.authority
        if column == 2:
            return RequestStatus(row.status).label
        return row.last_activity_at.astimezone().strftime("%d %b %Y")
