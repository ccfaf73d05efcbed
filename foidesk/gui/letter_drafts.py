"""Saving a next step's letter as an ``.eml`` draft from the window.

The letter is filled and written on the database thread (it reads the request, its
deadlines and the mail account); the window asks only where to put it. A mail client
opens the draft ready to send (``X-Unsent: 1``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from foidesk.core.desk import Desk
from foidesk.core.i18n import _
from foidesk.core.letters import LetterKind
from foidesk.gui.errors_ui import report_failure
from foidesk.gui.tasks.database import DeskWorker

_UNSAFE = re.compile(r"[^\w-]+")
#: Letters addressed to someone other than the authority: they leave as drafts.
_TO_SOMEONE_ELSE = frozenset({LetterKind.COMPLAINT})
#: The thread's kind of message for a letter kind that is not one itself.
_AS_MESSAGE = {LetterKind.FEE_ANSWER: "follow_up"}


def goes_to_the_authority(kind: str) -> bool:
    """A complaint goes to the regulator; the compose window writes to the authority."""
    return LetterKind(kind) not in _TO_SOMEONE_ELSE


def message_kind(kind: LetterKind) -> str:
    """The kind the letter becomes in the thread (a fee answer is a follow-up)."""
    return _AS_MESSAGE.get(kind, kind.value)


def suggested_name(title: str, kind: str) -> str:
    """'bus-lane-fines-follow_up.eml': the request's words, never a path."""
    words = _UNSAFE.sub("-", title.lower()).strip("-")[:60] or "request"
    return f"{words}-{kind}.eml"


def ask_draft_path(parent: QWidget, title: str, kind: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Save the letter as a draft"),
        suggested_name(title, kind),
        _("Email drafts") + " (*.eml)",
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".eml" else path.with_suffix(".eml")


def save_draft(
    parent: QWidget,
    worker: DeskWorker,
    request_id: int,
    kind: str,
    path: Path,
    done: Callable[[Path], None],
) -> None:
    """Write the draft on the database thread; the file dialog already asked before
    replacing a file, so an existing one is replaced."""
    worker.submit(
        lambda desk: _write(desk, request_id, kind, path),
        done,
        on_error=lambda exc: report_failure(parent, _("Could not save the letter"), exc, ""),
    )


def _write(desk: Desk, request_id: int, kind: str, path: Path) -> Path:
    return desk.write_letter_draft(request_id, LetterKind(kind).value, path, replace=True)
