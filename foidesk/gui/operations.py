"""Changes to the desk as undoable operations.

An operation runs on the database thread. Only once it has succeeded is it pushed
onto the ``QUndoStack`` (so a refused change never leaves a phantom undo step). What it
changed is not named here: the desk publishes it, and every view repaints from that
(``tasks/changes.py``). Undo and redo run on the same thread, after anything queued
before them, and publish their own changes the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from foidesk.core.desk import Desk
from foidesk.core.errors import ChangedElsewhere
from foidesk.core.i18n import _
from foidesk.gui.tasks.runner import TaskRunner

T = TypeVar("T")


@dataclass(frozen=True)
class UndoSteps:
    """How to take a finished change back, and how to do it again afterwards."""

    undo: Callable[[Desk], object]
    redo: Callable[[Desk], object]


@dataclass(frozen=True)
class Done:
    """An operation's result, and how many changes the desk had published by then: the
    result already shows them (a view given it need not fetch it again)."""

    result: object
    serial: int


class Operations(QObject):
    """The one way the window changes data."""

    failed = Signal(str, object, str)  # what was being done, exception, traceback
    done = Signal(object)  # Done

    def __init__(self, runner: TaskRunner, undo_stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.worker = runner.database
        self.changes = runner.changes
        self.undo_stack = undo_stack

    def perform(
        self,
        text: str,
        do: Callable[[Desk], T],
        *,
        undo: Callable[[T], UndoSteps] | None = None,
        on_done: Callable[[T], None] | None = None,
        refused: Callable[[ChangedElsewhere], None] | None = None,
    ) -> None:
        """Run ``do``; then, if undoable, push it onto the stack. ``refused``: what to do
        instead of reporting a failure when another member changed the request first."""

        def run(desk: Desk) -> tuple[T, int]:
            return do(desk), desk.feed.serial

        def finished(outcome: tuple[T, int]) -> None:
            result, serial = outcome
            if undo is not None:
                self.undo_stack.push(_DeskCommand(self, text, undo(result)))
            self.done.emit(Done(result, serial))
            if on_done is not None:
                on_done(result)

        def failed(exc: BaseException) -> None:
            if refused is not None and isinstance(exc, ChangedElsewhere):
                refused(exc)
            else:
                self.failed.emit(text, exc, "")

        self.worker.submit(run, finished, on_error=failed)

    def replay(self, text: str, step: Callable[[Desk], object]) -> None:
        """Run an undo or redo step."""
        self.worker.submit(step, on_error=lambda exc: self.failed.emit(text, exc, ""))


class _DeskCommand(QUndoCommand):
    """An undo step whose first ``redo`` is the change that already ran."""

    def __init__(self, operations: Operations, text: str, steps: UndoSteps) -> None:
        super().__init__(text)
        self._operations = operations
        self._steps = steps
        self._done_once = False

    def redo(self) -> None:
        if not self._done_once:
            self._done_once = True
            return
        self._operations.replay(_("Redo {change}").format(change=self.text()), self._steps.redo)

    def undo(self) -> None:
        self._operations.replay(_("Undo {change}").format(change=self.text()), self._steps.undo)
