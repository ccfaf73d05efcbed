"""Changes to the desk as undoable operations, each saying what it changed.

A change runs on the database worker. Only once it has succeeded is it pushed
onto the ``QUndoStack`` (so a refused change never leaves a phantom undo step),
and every view listens to ``changed`` and redraws only what the change touches.
Undo and redo run on the same worker, after anything queued before them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Flag, auto
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from foidesk.core.desk import Desk
from foidesk.gui.worker import DeskWorker

T = TypeVar("T")


class Touches(Flag):
    """Which views a change concerns."""

    REQUESTS = auto()
    THREAD = auto()
    DEADLINES = auto()
    UNFILED = auto()
    AUTHORITIES = auto()
    TRASH = auto()
    EVERYTHING = REQUESTS | THREAD | DEADLINES | UNFILED | AUTHORITIES | TRASH


@dataclass(frozen=True)
class Change:
    """What an operation changed: the views it touches and, if one, the request."""

    touches: Touches
    request_id: int | None = None

    def concerns(self, request_id: int | None) -> bool:
        return self.request_id is None or self.request_id == request_id


@dataclass(frozen=True)
class UndoSteps:
    """How to take a finished change back, and how to do it again afterwards."""

    undo: Callable[[Desk], object]
    redo: Callable[[Desk], object]
    change: Change


class Operations(QObject):
    """The one way the window changes data."""

    changed = Signal(object)  # Change
    failed = Signal(str, object, str)  # what was being done, exception, traceback

    def __init__(self, worker: DeskWorker, undo_stack: QUndoStack, parent: QObject) -> None:
        super().__init__(parent)
        self.worker = worker
        self.undo_stack = undo_stack

    def perform(
        self,
        text: str,
        do: Callable[[Desk], T],
        change: Change | Callable[[T], Change],
        *,
        undo: Callable[[T], UndoSteps] | None = None,
        on_done: Callable[[T], None] | None = None,
    ) -> None:
        """Run ``do``; then announce the change and, if undoable, push it to the stack."""

        def done(result: T) -> None:
            actual = change(result) if callable(change) else change
            if undo is not None:
                self.undo_stack.push(_DeskCommand(self, text, undo(result)))
            self.changed.emit(actual)
            if on_done is not None:
                on_done(result)

        self.worker.submit(do, done, on_error=lambda exc: self.failed.emit(text, exc, ""))

    def replay(self, text: str, step: Callable[[Desk], object], change: Change) -> None:
        """Run an undo or redo step and announce its change."""
        self.worker.submit(
            step,
            lambda _: self.changed.emit(change),
            on_error=lambda exc: self.failed.emit(text, exc, ""),
        )


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
        self._operations.replay(f"Redo {self.text()}", self._steps.redo, self._steps.change)

    def undo(self) -> None:
        self._operations.replay(f"Undo {self.text()}", self._steps.undo, self._steps.change)
