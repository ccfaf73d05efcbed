"""A table whose spare width goes to one column, which never shrinks below its start.

Qt's ``Stretch`` mode would squeeze that column first when the table is narrow, and
``setStretchLastSection`` hands the spare width to whatever column is last. A request
list wants neither: its title is the column worth reading whole, and on a narrow pane it
should keep a readable width while the last columns scroll out of view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QHeaderView, QTableView


class ColumnFill(QObject):
    """Keeps ``column`` of ``table`` as wide as the viewport leaves, and at least ``least``."""

    def __init__(self, table: QTableView, column: int, least: int) -> None:
        super().__init__(table)
        self._table = table
        self._column = column
        self.least = least
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.sectionResized.connect(self._other_resized)
        table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.fill()
        return False

    def _other_resized(self, section: int, _old: int, _new: int) -> None:
        if section != self._column:
            self.fill()

    def fill(self) -> None:
        """Give the column what the others leave of the viewport (never less than its least)."""
        header = self._table.horizontalHeader()
        spare = self._table.viewport().width() - header.length()
        wanted = max(self.least, header.sectionSize(self._column) + spare)
        if wanted != header.sectionSize(self._column):
            header.resizeSection(self._column, wanted)
