"""The bar above a thread that says what an unconfirmed reply looks like, and asks.

"This looks like a refusal (cites section 43(2)) — status would become Refused.
[Confirm] [Correct…]": the first sign is in the sentence, the others one click away
(*Why?*) and in the tooltip. Nothing changes until the user clicks; *Show reply*
scrolls the thread to the message. With several replies waiting, the oldest is asked
about first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.i18n import _, ngettext
from foidesk.core.records import ReplyProposalRecord
from foidesk.core.replies import ReplyKind, describe_evidence
from foidesk.core.vocabulary import RequestStatus
from foidesk.gui.forms import lay_out_dialog

CHOOSER_WIDTH = 440
#: What the chooser's status list offers for "leave it as it is".
KEEP = "unchanged"


def proposal_sentence(proposal: ReplyProposalRecord) -> str:
    kind = ReplyKind(proposal.kind)
    reasons = evidence_lines(proposal)
    current = RequestStatus(proposal.request_status or RequestStatus.WAITING_RESPONSE.value)
    if kind is ReplyKind.OTHER:
        return _(
            "foidesk cannot tell what this reply is \u2014 status stays {status}. "
            "Say what it is with Correct\u2026"
        ).format(status=current.label)
    if proposal.status and proposal.status != current.value:
        outcome = _("status would become {status}").format(
            status=RequestStatus(proposal.status).label
        )
    else:
        outcome = _("status stays {status}").format(status=current.label)
    if reasons:
        return _("This looks like {what} ({why}) \u2014 {outcome}.").format(
            what=kind.phrase, why=reasons[0], outcome=outcome
        )
    return _("This looks like {what} \u2014 {outcome}.").format(what=kind.phrase, outcome=outcome)


def evidence_lines(proposal: ReplyProposalRecord) -> list[str]:
    return [describe_evidence(e.signal, e.text) for e in proposal.evidence]


class ReplyProposalBar(QFrame):
    """Shows the oldest open proposal of the request on show; hidden when none."""

    confirm_requested = Signal(object)  # ReplyProposalRecord
    correct_requested = Signal(object)  # ReplyProposalRecord
    show_message_requested = Signal(int)  # message id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reply-proposal-bar")
        self.setAccessibleName(_("Reply to confirm"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self._proposal: ReplyProposalRecord | None = None
        self.sentence = QLabel()
        self.sentence.setWordWrap(True)
        self.sentence.setTextFormat(Qt.TextFormat.PlainText)
        self.why = QLabel()
        self.why.setWordWrap(True)
        self.why.setTextFormat(Qt.TextFormat.PlainText)
        self.why.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.why.hide()
        self.count = QLabel()
        self.why_button = QToolButton()
        self.why_button.setText(_("Why?"))
        self.why_button.setCheckable(True)
        self.why_button.setAutoRaise(True)
        self.why_button.toggled.connect(self.why.setVisible)
        self.show_button = QToolButton()
        self.show_button.setText(_("Show reply"))
        self.show_button.setAutoRaise(True)
        self.confirm_button = QPushButton(_("Confirm"))
        self.correct_button = QPushButton(_("Correct\u2026"))
        self.confirm_button.clicked.connect(self._confirm)
        self.correct_button.clicked.connect(self._correct)
        self.show_button.clicked.connect(self._show_message)
        self._lay_out()
        self.hide()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for widget in (self.count, self.why_button, self.show_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.correct_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(4)
        layout.addWidget(self.sentence)
        layout.addWidget(self.why)
        layout.addLayout(buttons)

    @property
    def proposal(self) -> ReplyProposalRecord | None:
        return self._proposal

    def show_proposals(self, proposals: tuple[ReplyProposalRecord, ...]) -> None:
        waiting = [p for p in proposals if p.is_open]
        if not waiting:
            self._proposal = None
            self.hide()
            return
        first = waiting[0]
        self._proposal = first
        self.sentence.setText(proposal_sentence(first))
        lines = evidence_lines(first)
        self.why.setText(_("Signs: {signs}").format(signs="; ".join(lines)) if lines else "")
        self.why_button.setVisible(bool(lines))
        self.setToolTip("\n".join(lines))
        self.count.setText(
            ngettext("{count} reply to confirm", "{count} replies to confirm", len(waiting)).format(
                count=len(waiting)
            )
            if len(waiting) > 1
            else ""
        )
        self.count.setVisible(len(waiting) > 1)
        self.show()

    def _confirm(self) -> None:
        if self._proposal is not None:
            self.confirm_requested.emit(self._proposal)

    def _correct(self) -> None:
        if self._proposal is not None:
            self.correct_requested.emit(self._proposal)

    def _show_message(self) -> None:
        if self._proposal is not None:
            self.show_message_requested.emit(self._proposal.message_id)


class ReplyCorrectionDialog(QDialog):
    """The small chooser behind Correct…: what the reply is, and the request's status
    (following the kind chosen until the user picks one themselves)."""

    def __init__(self, proposal: ReplyProposalRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("What is this reply?"))
        self._status_touched = False
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of reply"))
        for kind in ReplyKind:
            self.kind.addItem(kind.label, kind.value)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status of the request"))
        self.status.addItem(_("Stays as it is"), KEEP)
        for status in RequestStatus:
            self.status.addItem(status.label, status.value)
        self.kind.setCurrentIndex(self.kind.findData(proposal.kind))
        self._follow_kind(proposal.status)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_chosen())
        self.status.activated.connect(lambda _i: self._touch())
        form = QFormLayout()
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&Status:"), self.status)
        hint = QLabel(
            _("The message's kind, the request's status and its deadlines follow your choice.")
        )
        hint.setWordWrap(True)
        self.setMinimumWidth(CHOOSER_WIDTH)
        lay_out_dialog(self, form, hint)

    def _kind_chosen(self) -> None:
        if not self._status_touched:
            effect = ReplyKind(str(self.kind.currentData())).effect
            self._follow_kind(effect.status.value if effect.status else None)

    def _follow_kind(self, status: str | None) -> None:
        self.status.setCurrentIndex(self.status.findData(status or KEEP))

    def _touch(self) -> None:
        self._status_touched = True

    def values(self) -> tuple[str, str]:
        """The kind and status chosen (``KEEP``: the status stays as it is)."""
        return str(self.kind.currentData()), str(self.status.currentData())
