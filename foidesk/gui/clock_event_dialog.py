"""Record an event that moves the statutory clock: clarification, extension, fee, review…"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from foidesk.core.deadlines import ClockEventKind
from foidesk.gui.forms import lay_out_dialog
from foidesk.gui.request_dialog import from_qdate, to_qdate

#: Kind → (what the user reads, what the clock does, whether a date is named).
EVENT_CHOICES: dict[ClockEventKind, tuple[str, str, bool]] = {
    ClockEventKind.CLARIFICATION_REQUESTED: (
        "Authority asked for clarification",
        "The clock stops until you reply.",
        False,
    ),
    ClockEventKind.CLARIFICATION_RECEIVED: (
        "I sent the clarification",
        "A fresh full period starts from this day.",
        False,
    ),
    ClockEventKind.EXTENSION: (
        "Authority extended the deadline",
        "The law's extension applies; give the date if they named one.",
        True,
    ),
    ClockEventKind.FEE_NOTICE: (
        "Fee notice received",
        "Days from the notice to payment are not counted.",
        False,
    ),
    ClockEventKind.FEE_PAID: ("Fee paid", "The clock runs again.", False),
    ClockEventKind.PROMISED: (
        "Authority promised a date",
        "Kept beside the statutory deadline.",
        True,
    ),
    ClockEventKind.RESPONSE: (
        "Final response received",
        "Stops the response clock; opens the review window.",
        False,
    ),
    ClockEventKind.REVIEW_REQUESTED: (
        "I asked for an internal review",
        "Starts the internal review deadline.",
        False,
    ),
    ClockEventKind.REVIEW_RESPONSE: (
        "Internal review answered",
        "Opens the window to complain to the regulator.",
        False,
    ),
    ClockEventKind.COMPLAINT: ("I complained to the regulator", "Recorded on the timeline.", False),
}


class ClockEventDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Record an event")
        self.setObjectName("clock-event-dialog")
        self.kind = QComboBox()
        self.kind.setAccessibleName("What happened")
        for kind, (label, _effect, _dated) in EVENT_CHOICES.items():
            self.kind.addItem(label, kind.value)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.on = QDateEdit(to_qdate(today))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat("ddd d MMM yyyy")
        self.on.setAccessibleName("On")
        self.until = QDateEdit(to_qdate(today))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat("ddd d MMM yyyy")
        self.until.setAccessibleName("Date named by the authority")
        self.named = QCheckBox("The authority named a date")
        self.named.toggled.connect(lambda _on: self._kind_changed())
        self.note = QLineEdit()
        self.note.setAccessibleName("Note")
        form = QFormLayout()
        form.addRow("&What happened:", self.kind)
        form.addRow("", self.effect)
        form.addRow("&On:", self.on)
        form.addRow("", self.named)
        form.addRow("&Until:", self.until)
        form.addRow("&Note:", self.note)
        lay_out_dialog(self, form)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def chosen_kind(self) -> ClockEventKind:
        return ClockEventKind(str(self.kind.currentData()))

    def _kind_changed(self) -> None:
        _label, effect, dated = EVENT_CHOICES[self.chosen_kind()]
        self.effect.setText(effect)
        optional = self.chosen_kind() is ClockEventKind.EXTENSION
        self.named.setVisible(optional)
        self.until.setEnabled(dated and (self.named.isChecked() or not optional))

    def values(self) -> tuple[str, date, date | None, str, str]:
        """(kind, on, until, note, label) for ``edits.add_clock_event``."""
        kind = self.chosen_kind()
        label, _effect, dated = EVENT_CHOICES[kind]
        until = from_qdate(self.until.date()) if dated and self.until.isEnabled() else None
        return kind.value, from_qdate(self.on.date()), until, self.note.text().strip(), label
