"""Progress of long commands on stderr, only when a person is watching it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from foidesk.core.i18n import _

if TYPE_CHECKING:
    from foidesk.core.desk import Desk


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


def read_attachment_text(desk: Desk) -> None:
    """Read the text of the attachments a command just stored (and any still waiting),
    so that ``search`` finds their words: every way a file enters does this."""
    from foidesk.core.search import extract_pending  # loads only when needed

    extract_pending(desk, StderrProgress(_("reading attachment text")))
