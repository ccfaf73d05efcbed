"""Byte-counted progress over a whole operation, and the place cancel is heard.

Long work calls ``advance`` after every chunk (from any worker thread), so a Cancel
is heard within one chunk (1 MiB) of being pressed.
"""

from __future__ import annotations

import threading

from foidesk.core.progress import NoProgress, Progress, check_cancelled


class Ticker:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress: Progress = progress or NoProgress()
        self.total = max(total, 1)
        self.done = 0
        self.message = ""
        self._lock = threading.Lock()

    def phase(self, message: str) -> None:
        with self._lock:
            self.message = message
            self.progress.report(self.done, self.total, message)
        check_cancelled(self.progress)

    def advance(self, count: int) -> None:
        with self._lock:
            self.done += count
            self.total = max(self.total, self.done)
            self.progress.report(self.done, self.total, self.message)
        check_cancelled(self.progress)
