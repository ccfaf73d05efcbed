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
from foidesk.core.i18n import N_, _
from foidesk.gui.dates import date_edit_format
from foidesk.gui.forms import lay_out_dialog
from foidesk.gui.request_dialog import from_qdate, to_qdate

MINIMUM_WIDTH = 520
EFFECT_LINES = 2
#: Kind → (what the user reads, what the clock does, whether a date is named); the words
#: are translated where they are shown.
EVENT_CHOICES: dict[ClockEventKind, tuple[str, str, bool]] = {
    ClockEventKind.CLARIFICATION_REQUESTED: (
        N_("Authority asked for clarification"),
        N_("The clock stops until you reply."),
        False,
    ),
    ClockEventKind.CLARIFICATION_RECEIVED: (
        N_("I sent the clarification"),
        N_("A fresh full period starts from this day."),
        False,
    ),
    ClockEventKind.EXTENSION: (
        N_("Authority extended the deadline"),
        N_("The law's extension applies; give the date if they named one."),
        True,
    ),
    ClockEventKind.FEE_NOTICE: (
        N_("Fee notice received"),
        N_("Where the law pauses for fees, the days from the notice to payment do not count."),
        False,
    ),
    ClockEventKind.FEE_PAID: (N_("Fee paid"), N_("The clock runs again."), False),
    ClockEventKind.PROMISED: (
        N_("Authority promised a date"),
        N_("Kept beside the statutory deadline."),
        True,
    ),
    ClockEventKind.RESPONSE: (
        N_("Final response received"),
        N_("Stops the response clock; the time to challenge the answer begins."),
        False,
    ),
    ClockEventKind.REVIEW_REQUESTED: (
        N_("I asked for an internal review"),
        N_("Starts the internal review deadline."),
        False,
    ),
    ClockEventKind.REVIEW_RESPONSE: (
        N_("Internal review answered"),
        N_("Stops the review clock; the time to go to the regulator or to court begins."),
        False,
    ),
    ClockEventKind.NO_APPEAL_NOTICE: (
        N_("The decision did not say how to challenge it"),
        N_("Where the law says so, the time to challenge it is longer (a year under VwGO §58(2))."),
        False,
    ),
    ClockEventKind.COMPLAINT: (
        N_("I complained to the regulator"),
        N_("Your time to go to the regulator is marked as used."),
        False,
    ),
    ClockEventKind.COURT_ACTION: (
        N_("I went to court"),
        N_("Your time to go to court is marked as used."),
        False,
    ),
}


class ClockEventDialog(QDialog):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Record an event"))
        self.setObjectName("clock-event-dialog")
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("What happened"))
        for kind, (label, _effect, _dated) in EVENT_CHOICES.items():
            self.kind.addItem(_(label), kind.value)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        # two lines are kept for what the clock does, so no choice's sentence is cut short
        self.effect.setMinimumHeight(EFFECT_LINES * self.effect.fontMetrics().lineSpacing())
        self.on = QDateEdit(to_qdate(today))
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat(date_edit_format())
        self.on.setAccessibleName(_("On"))
        self.until = QDateEdit(to_qdate(today))
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(date_edit_format())
        self.until.setAccessibleName(_("Date named by the authority"))
        self.named = QCheckBox(_("The authority named a date"))
        self.named.toggled.connect(lambda _on: self._kind_changed())
        self.note = QLineEdit()
        self.note.setAccessibleName(_("Note"))
        form = QFormLayout()
        form.addRow(_("&What happened:"), self.kind)
        form.addRow("", self.effect)
        form.addRow(_("&On:"), self.on)
        form.addRow("", self.named)
        form.addRow(_("&Until:"), self.until)
        form.addRow(_("&Note:"), self.note)
        lay_out_dialog(self, form)
        self.setMinimumWidth(MINIMUM_WIDTH)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def chosen_kind(self) -> ClockEventKind:
        return ClockEventKind(str(self.kind.currentData()))

    def _kind_changed(self) -> None:
        _label, effect, dated = EVENT_CHOICES[self.chosen_kind()]
        self.effect.setText(_(effect))
        optional = self.chosen_kind() is ClockEventKind.EXTENSION
        self.named.setVisible(optional)
        self.until.setEnabled(dated and (self.named.isChecked() or not optional))

    def values(self) -> tuple[str, date, date | None, str, str]:
        """(kind, on, until, note, label) for ``edits.add_clock_event``."""
        kind = self.chosen_kind()
        label, _effect, dated = EVENT_CHOICES[kind]
        until = from_qdate(self.until.date()) if dated and self.until.isEnabled() else None
        note = self.note.text().strip()
        return kind.value, from_qdate(self.on.date()), until, note, _(label)
