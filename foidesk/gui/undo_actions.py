"""The Edit menu's Undo and Redo, their text in the word order of the user's language.

``QUndoStack.createUndoAction(parent, prefix)`` writes ``prefix + " " + step``, which
gives "Rückgängig Status ändern" in German, where "Rückgängig: Status ändern" is
right; other languages put the step first. So each action is worded by a whole
translatable sentence with the step as a field, again whenever the step changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QUndoStack

from foidesk.core.i18n import _


def undo_action(parent: QObject, stack: QUndoStack) -> QAction:
    """An action that undoes the stack's last step, named after it."""
    action = QAction(parent)

    def word(step: str) -> None:
        # Translators: the Edit menu's Undo while a step can be undone; {change} names it.
        text = _("&Undo {change}").format(change=step) if step else _("&Undo")
        action.setText(text)
        action.setStatusTip(text.replace("&", ""))

    _follow(action, stack.undoText(), stack.canUndo(), word)
    stack.undoTextChanged.connect(word)
    stack.canUndoChanged.connect(action.setEnabled)
    action.triggered.connect(stack.undo)
    return action


def redo_action(parent: QObject, stack: QUndoStack) -> QAction:
    """An action that redoes the step undone last, named after it."""
    action = QAction(parent)

    def word(step: str) -> None:
        # Translators: the Edit menu's Redo while a step can be redone; {change} names it.
        text = _("&Redo {change}").format(change=step) if step else _("&Redo")
        action.setText(text)
        action.setStatusTip(text.replace("&", ""))

    _follow(action, stack.redoText(), stack.canRedo(), word)
    stack.redoTextChanged.connect(word)
    stack.canRedoChanged.connect(action.setEnabled)
    action.triggered.connect(stack.redo)
    return action


def _follow(action: QAction, step: str, enabled: bool, word: Callable[[str], None]) -> None:
    word(step)
    action.setEnabled(enabled)
