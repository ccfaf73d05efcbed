"""When ``FOIDESK_STARTUP_LOG`` names a file, a start of the window notes in it when each
stage a person waits for became visible: the first window, the request rows, the
selected request's thread.

This is how ``benchmarks/bench_startup.py`` times the real ``foidesk`` command from
outside the process, against a bare PySide6 window started the same way. Without the
variable nothing is watched and nothing written.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject

if TYPE_CHECKING:
    from foidesk.gui.main_window import MainWindow

ENV = "FOIDESK_STARTUP_LOG"
VISIBLE, ROWS, THREAD = "visible", "rows", "thread"


def wanted() -> bool:
    return bool(os.environ.get(ENV))


def note(stage: str) -> None:
    """Append ``stage`` and the wall-clock time (the benchmark's clock) to the log."""
    path = os.environ.get(ENV)
    if path:
        with Path(path).open("a", encoding="utf-8") as log:
            log.write(f"{stage} {time.time():.6f}\n")


class _RowsPainted(QObject):
    """Notes the first paint of the request table that has rows in it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.list_pane.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._window.list_pane.model.rowCount() > 0:
            watched.removeEventFilter(self)
            note(ROWS)
        return False


def watch(window: MainWindow) -> None:
    """Note the rows' first paint and the first request thread shown in ``window``."""
    _RowsPainted(window)

    def thread_shown(request_id: object) -> None:
        if request_id is not None:
            window.thread_pane.shown.disconnect(thread_shown)
            note(THREAD)

    window.thread_pane.shown.connect(thread_shown)
