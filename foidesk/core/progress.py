"""How long work reports progress, hears a request to stop, and reaches the database.

The window implements these with a progress dialog and a Cancel button; the
command line with a line on stderr; tests with plain objects.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from foidesk.core.errors import FoideskError

T = TypeVar("T")


class Cancelled(FoideskError):
    """The user asked long work to stop; what was finished is kept, nothing is half-done."""

    def __init__(self, message: str = "cancelled") -> None:
        super().__init__(message)


class Progress(Protocol):
    def report(self, done: int, total: int | None, message: str = "") -> None:
        """``done`` steps of ``total`` (None when unknown) are finished."""

    def cancelled(self) -> bool:
        """True once the user has asked to stop; long work checks it between steps."""


class NoProgress:
    """For callers that neither show progress nor cancel."""

    def report(self, done: int, total: int | None, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return False


def check_cancelled(progress: Progress) -> None:
    if progress.cancelled():
        raise Cancelled()


#: Runs a piece of database work where the caller's database work belongs: long work
#: done off a face's database thread (a backup, reading attachments' text) hands its
#: few database steps to one of these — the window's database thread, or, on the
#: command line, ``directly``.
OnDatabase = Callable[[Callable[[], Any]], Any]


def directly(work: Callable[[], T]) -> T:
    return work()
