"""Progress of long commands on stderr, only when a person is watching it."""

from __future__ import annotations

import sys


class StderrProgress:
    """Redraws one status line on a terminal; silent when stderr is not a TTY."""

    def __init__(self, verb: str) -> None:
        self.verb = verb
        self.visible = sys.stderr.isatty()

    def report(self, done: int, total: int | None, message: str = "") -> None:
        if not self.visible:
            return
        count = f"{done}/{total}" if total else str(done)
        line = f"{self.verb} {count} {message}"[:78]
        end = "\n" if total is not None and done >= total else ""
        sys.stderr.write(f"\r{line:<78}{end}")
        sys.stderr.flush()

    def cancelled(self) -> bool:
        return False
