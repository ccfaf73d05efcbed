"""The Outbox: letters on their way, failed with the server's reason, or waiting for the
user's word that a draft or a copy was sent — with Retry, Mark as sent and Discard."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.accounts import LetterState, OutboxRecord, Route
from foidesk.core.i18n import N_, _
from foidesk.gui.resources import icon

#: What each state is called in the list.
STATE_WORDS = {
    LetterState.QUEUED: N_("Waiting to be sent"),
    LetterState.SENDING: N_("Sending (or interrupted)"),
    LetterState.ACCEPTED: N_("Sent; being filed"),
    LetterState.FAILED: N_("Not sent"),
    LetterState.WAITING: N_("Waiting for you to send it"),
    LetterState.SENT: N_("Sent"),
}
_ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = (N_("State"), N_("Request"), N_("Subject"), N_("To"), N_("Why"))


class OutboxDialog(QDialog):
    retry_requested = Signal(int)
    mark_sent_requested = Signal(int)
    discard_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Outbox"))
        self.setObjectName("outbox-dialog")
        self.letters: list[OutboxRecord] = []
        self.list = QTreeWidget()
        self.list.setAccessibleName(_("Letters in the outbox"))
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([_(c) for c in COLUMNS])
        header = self.list.header()
        header.setStretchLastSection(False)
        fit, share = QHeaderView.ResizeMode.ResizeToContents, QHeaderView.ResizeMode.Stretch
        for column, mode in enumerate((fit, share, share, fit, share)):
            header.setSectionResizeMode(column, mode)
        self.empty = QLabel(_("The outbox is empty: every letter has been sent."))
        self.reason = QLabel()
        self.reason.setObjectName("outbox-reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry = QPushButton(icon("outgoing"), _("&Retry"))
        self.mark_sent = QPushButton(_("&Mark as sent"))
        self.mark_sent.setToolTip(_("You sent this draft or copy: put it in the thread"))
        self.discard = QPushButton(icon("trash"), _("&Discard…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        for button in (self.retry, self.mark_sent):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.discard, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        self.retry.clicked.connect(lambda: self._emit(self.retry_requested.emit))
        self.mark_sent.clicked.connect(lambda: self._emit(self.mark_sent_requested.emit))
        self.discard.clicked.connect(self._confirm_discard)
        self.list.currentItemChanged.connect(lambda *_a: self._enable())
        intro = QLabel(
            _(
                "A letter stays here until it is sent and in its thread. One that failed keeps "
                "the server's reason; Retry sends the very same letter again."
            )
        )
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.reason)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(1000, 420)
        self.set_letters([])

    def set_letters(self, letters: list[OutboxRecord]) -> None:
        chosen = self.current()
        self.letters = letters
        self.list.clear()
        for letter in letters:
            item = QTreeWidgetItem(
                [
                    _(STATE_WORDS[letter.state]),
                    letter.request_title,
                    letter.subject,
                    letter.to,
                    letter.reason or _route_note(letter),
                ]
            )
            item.setData(0, _ID_ROLE, letter.id)
            item.setToolTip(4, letter.reason)
            self.list.addTopLevelItem(item)
            if chosen is not None and chosen.id == letter.id:
                self.list.setCurrentItem(item)
        first = self.list.topLevelItem(0)
        if first is not None and self.list.currentItem() is None:
            self.list.setCurrentItem(first)
        self.empty.setVisible(not letters)
        self.list.setVisible(bool(letters))
        self._enable()

    def current(self) -> OutboxRecord | None:
        item = self.list.currentItem()
        if item is None:
            return None
        wanted = item.data(0, _ID_ROLE)
        return next((letter for letter in self.letters if letter.id == wanted), None)

    def _enable(self) -> None:
        letter = self.current()
        self.reason.setText(_details(letter) if letter is not None else "")
        self.reason.setVisible(letter is not None)
        by_account = letter is not None and letter.route == Route.ACCOUNT
        self.retry.setEnabled(by_account and letter is not None and letter.state != "sent")
        self.mark_sent.setEnabled(letter is not None and letter.state == LetterState.WAITING)
        self.discard.setEnabled(letter is not None and letter.state != LetterState.ACCEPTED)

    def _emit(self, emit: Callable[[int], object]) -> None:
        letter = self.current()
        if letter is not None:
            emit(letter.id)

    def _confirm_discard(self) -> None:
        letter = self.current()
        if letter is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Discard letter"),
            _("Discard “{subject}”? It has not been sent, and will not be.").format(
                subject=letter.subject
            ),
            QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("discard-question")
        discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.buttonClicked.connect(
            lambda button: self.discard_requested.emit(letter.id) if button is discard else None
        )
        self.question = box
        box.open()


def _details(letter: OutboxRecord) -> str:
    """The chosen letter's whole story: the server's reason is often long."""
    said = letter.reason or _route_note(letter)
    return _("“{subject}” to {to}: {why}").format(subject=letter.subject, to=letter.to, why=said)


def _route_note(letter: OutboxRecord) -> str:
    if letter.route == Route.DRAFT:
        return _("saved as a draft for your mail program")
    if letter.route == Route.COPY:
        return _("copied as text")
    if letter.route == Route.POST:
        return _("printed for the post")
    return _("from account {name}").format(name=letter.account or "—")
