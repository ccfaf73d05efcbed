"""A problem found in a backup file, and the error a restore refuses it with."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from foidesk.core.backup.errors import (
    BackupDamagedError,
    BackupError,
    BackupTooNewError,
    NotABackupError,
    UnsafeBackupError,
)
from foidesk.core.i18n import _, ngettext


class ProblemKind(StrEnum):
    NOT_A_BACKUP = "not-a-backup"
    TOO_NEW = "too-new"
    UNSAFE = "unsafe"
    DAMAGED = "damaged"


_SEVERITY = [ProblemKind.NOT_A_BACKUP, ProblemKind.TOO_NEW, ProblemKind.UNSAFE, ProblemKind.DAMAGED]
_ERRORS: dict[ProblemKind, type[BackupError]] = {
    ProblemKind.NOT_A_BACKUP: NotABackupError,
    ProblemKind.TOO_NEW: BackupTooNewError,
    ProblemKind.UNSAFE: UnsafeBackupError,
    ProblemKind.DAMAGED: BackupDamagedError,
}
SHOWN_IN_ERROR = 5


@dataclass(frozen=True)
class Problem:
    kind: ProblemKind
    text: str
    member: str | None = None  # the member at fault, when there is one

    def __str__(self) -> str:
        return self.text


class Refused(Exception):
    """Raised inside the package when a file must not be read any further."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__("; ".join(p.text for p in problems))
        self.problems = tuple(problems)


def refusal(path_name: str, problems: Sequence[Problem]) -> BackupError:
    """One error for a list of problems, of the class of the gravest."""
    gravest = min(problems, key=lambda p: _SEVERITY.index(p.kind))
    shown = "; ".join(p.text for p in problems[:SHOWN_IN_ERROR])
    more = len(problems) - SHOWN_IN_ERROR
    if more > 0:
        more_text = ngettext("and {count} more problem", "and {count} more problems", more)
        shown += "; " + more_text.format(count=more)
    refused = _("{file} was refused: {problems}").format(file=path_name, problems=shown)
    return _ERRORS[gravest.kind](refused)
