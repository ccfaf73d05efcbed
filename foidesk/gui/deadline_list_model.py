"""Deadlines beside the calendar: one row per deadline, worst first within a day."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QGuiApplication

from foidesk.core.deadlines import CalendarEntry, DeadlineState
from foidesk.core.i18n import N_, _
from foidesk.gui import deadline_display
from foidesk.gui.dates import day_text
from foidesk.gui.resources import icon

Index = QModelIndex | QPersistentModelIndex
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = (N_("Due"), N_("Deadline"), N_("Request"), N_("Authority"))


class DeadlineListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._entries: list[CalendarEntry] = []

    def set_entries(self, entries: Sequence[CalendarEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> CalendarEntry:
        return self._entries[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        deadline = entry.deadline
        column = index.column()
        if role == REQUEST_ID_ROLE:
            return entry.request_id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return deadline.explanation.text()
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return icon(deadline_display.icon_name(deadline))
        if role == Qt.ItemDataRole.ForegroundRole and deadline_display.is_urgent(deadline):
            return deadline_display.state_colour(deadline, QGuiApplication.palette())
        overdue = deadline.state is DeadlineState.OVERDUE
        if role == Qt.ItemDataRole.FontRole and overdue and deadline_display.is_urgent(deadline):
            font = QFont()
            font.setBold(True)
            return font
        return None


def _text(entry: CalendarEntry, column: int) -> str:
    deadline = entry.deadline
    if column == 0:
        return f"{day_text(deadline.due)} · {deadline_display.status_text(deadline)}"
    if column == 1:
        return deadline.label
    if column == 2:
        return entry.title
    return entry.authority
