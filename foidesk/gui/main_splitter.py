"""The request list beside the thread, sharing the width the docks leave them.

Both panes may be squeezed below what their contents ask for (so that opening the
Unfiled tray and the search panel never makes the window wider than the screen), but
the thread is squeezed last: when it has less than it needs and the list has more
than it needs, the list gives way.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget


class MainSplitter(QSplitter):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setObjectName("main-splitter")
        self.setChildrenCollapsible(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.give_the_thread_room()

    def give_the_thread_room(self) -> None:
        first, second = self.widget(0), self.widget(1)
        if first is None or second is None:
            return
        listed, thread = self.sizes()
        short = second.minimumSizeHint().width() - thread
        spare = listed - first.minimumSizeHint().width()
        if short > 0 and spare > 0:
            moved = min(short, spare)
            self.setSizes([listed - moved, thread + moved])
