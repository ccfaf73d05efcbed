"""A row of tool buttons that shows their words while there is room, and only their icons
when the pane is narrow.

The request header's "Edit…", "Add message…" and "Record event…" sit beside the title.
In German they are half as long again ("Nachricht hinzufügen…"); asking for all of that
room would hold the window wider than a laptop's screen once the search panel is open.
Here the icons are all the row insists on; the words come back as soon as they fit, and
each button keeps its words in its tooltip and accessible name meanwhile.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QToolButton, QWidget

SPACING = 6


class CompactButtons(QWidget):
    def __init__(self, buttons: Sequence[QToolButton], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.buttons = list(buttons)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addStretch(1)  # icons alone sit together at the right, as the words did
        for button in self.buttons:
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(button.text().replace("&", ""))
            layout.addWidget(button)
        self.compact = False
        self._full_width = 0

    def _widest(self) -> int:
        """The row's width with words: measured while they show, remembered while not."""
        if not self.compact:
            widths = [b.sizeHint().width() for b in self.buttons]
            self._full_width = sum(widths) + SPACING * max(len(widths) - 1, 0)
        return self._full_width

    def sizeHint(self) -> QSize:
        return QSize(self._widest(), super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:
        icons = [b.iconSize().width() + 2 * SPACING for b in self.buttons]
        width = sum(icons) + SPACING * max(len(icons) - 1, 0)
        return QSize(width, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < self._widest()
        if compact != self.compact:
            self.compact = compact
            style = (
                Qt.ToolButtonStyle.ToolButtonIconOnly
                if compact
                else Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            )
            for button in self.buttons:
                button.setToolButtonStyle(style)
            self.updateGeometry()
