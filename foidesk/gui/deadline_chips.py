"""A request's deadline buttons, in two columns when there is room and one when not.

A deadline reads like "Last day to ask for a review Thu 22 May 2025 — 47 working days
left": two of those side by side are wider than a laptop's thread pane once the
request list and the Unfiled tray have their share. Laid out in a fixed grid they
would hold the whole window wider than the screen; here the widest single button is
all the room they ask for, and they go to two columns only when both fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QLayout, QToolButton, QWidget

SPACING = 12


class DeadlineChips(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(SPACING)
        self._grid.setVerticalSpacing(2)
        self._grid.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        self.buttons: list[QToolButton] = []
        self.columns = 0

    def set_buttons(self, buttons: Sequence[QToolButton]) -> None:
        for button in self.buttons:
            self._grid.removeWidget(button)
            button.deleteLater()
        self.buttons = list(buttons)
        self.columns = 0
        self._arrange(self.width())

    def minimumSizeHint(self) -> QSize:
        widest = max((b.sizeHint().width() for b in self.buttons), default=0)
        return QSize(widest, self._grid.minimumSize().height())

    def sizeHint(self) -> QSize:
        return QSize(self._two_column_width(), self._grid.sizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def _arrange(self, width: int) -> None:
        columns = 2 if width >= self._two_column_width() else 1
        if columns == self.columns:
            return
        self.columns = columns
        for button in self.buttons:
            self._grid.removeWidget(button)
        for n, button in enumerate(self.buttons):
            self._grid.addWidget(button, n // columns, n % columns)
        self.updateGeometry()

    def _two_column_width(self) -> int:
        widths = [b.sizeHint().width() for b in self.buttons]
        left, right = max(widths[0::2], default=0), max(widths[1::2], default=0)
        return left + (SPACING + right if right else 0)
