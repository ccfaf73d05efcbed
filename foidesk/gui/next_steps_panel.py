"""The request header's *Next steps*: what the law allows now, by when, and the letter.

Each step is one line — what to do and by when, in bold when it needs action — with
its legal basis in the tooltip, after a *Write…* button where the step leads to a
letter (beside its line, so that on a wide screen the two stay together).
The steps come from ``core.next_steps`` over the deadlines the header already shows,
so they need no database work of their own; the list's *Needs action* filter applies
the same rule (``next_steps/urgency.py``).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QToolButton, QWidget

from foidesk.core.deadlines import Deadline
from foidesk.core.i18n import _
from foidesk.core.next_steps import NextStep, StepKind, next_steps
from foidesk.gui.dates import date_text
from foidesk.gui.resources import icon


class NextStepsPanel(QWidget):
    """Emits ``write_letter_requested(kind)`` when a step's *Write…* is clicked."""

    write_letter_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("next-steps")
        self.steps: tuple[NextStep, ...] = ()
        self.rows: list[tuple[QLabel, QToolButton | None]] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 4, 0, 0)
        self._grid.setHorizontalSpacing(8)
        self._grid.setVerticalSpacing(2)
        self._grid.setColumnStretch(2, 1)
        self.heading = QLabel(_("Next steps:"))
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self._grid.addWidget(self.heading, 0, 0, Qt.AlignmentFlag.AlignTop)

    def show_steps(self, regime: str, status: str, deadlines: Sequence[Deadline]) -> None:
        """Show the steps of a request from the deadlines on show (already judged)."""
        self.set_steps(next_steps(regime, status, deadlines))

    def set_steps(self, steps: Sequence[NextStep]) -> None:
        for label, button in self.rows:
            for widget in (label, button):
                if widget is not None:
                    self._grid.removeWidget(widget)
                    widget.deleteLater()
        self.steps = tuple(steps)
        self.rows = [self._row(n, step) for n, step in enumerate(self.steps)]
        self.setVisible(bool(self.steps))

    def _row(self, n: int, step: NextStep) -> tuple[QLabel, QToolButton | None]:
        label = QLabel(step_line(step))
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        label.setToolTip(step.why)
        label.setAccessibleDescription(step.why)
        label.setTextFormat(Qt.TextFormat.PlainText)
        if step.due:
            font = label.font()
            font.setBold(True)
            label.setFont(font)
        self._grid.addWidget(label, n, 2)
        if not step.kind.has_letter:
            return label, None
        button = QToolButton()
        button.setText(_("Write…"))
        button.setIcon(icon("message-add"))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        button.setAccessibleName(_("Write the letter: {step}").format(step=step.kind.label))
        button.setToolTip(step.why)
        kind = step.kind.value
        button.clicked.connect(lambda: self.write_letter_requested.emit(kind))
        self._grid.addWidget(button, n, 1, Qt.AlignmentFlag.AlignTop)
        return label, button


def step_line(step: NextStep) -> str:
    """'Ask for a review — by Tue 20 May 2025 — now'; the reason is in the tooltip."""
    parts = [step.kind.label]
    if step.by is not None and step.kind is StepKind.FOLLOW_UP:
        parts.append(_("the answer was due {day}").format(day=date_text(step.by)))
    elif step.by is not None:
        parts.append(_("by {day}").format(day=date_text(step.by)))
    elif step.regulator is not None:
        parts.append(step.regulator.name)
    if step.due:
        parts.append(_("needs action"))
    return " — ".join(parts)
