"""Writing a letter to a request's authority, its thread beside it to read while writing.

Four ways out, each through the outbox so that the letter becomes the thread's
outgoing message once: **Send** (from a mail account, on a network thread), **Save as
draft** (an ``.eml`` that Outlook, Thunderbird and Apple Mail open ready to send),
**Copy** (the text, for an authority's web form) and **Print or PDF** (a postal
letter). A draft, a copy or a printed letter is recorded in the thread when the user
says it was sent — at once, or later from the Outbox.

The window may be opened filled in (``kind``, ``subject``, ``body``), as a letter
template would open it.
"""

from __future__ import annotations

from datetime import date
from email.headerregistry import AddressHeader, HeaderRegistry
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.accounts import SENDABLE_KINDS, ComposeFacts, LetterDraft, OutboxRecord
from foidesk.core.i18n import _
from foidesk.core.records import RequestDetail
from foidesk.core.vocabulary import Direction, MessageKind
from foidesk.gui.mime import paths_from
from foidesk.gui.outbox_ui import SendingController
from foidesk.gui.postal_letter import a4_printer, postal_document
from foidesk.gui.resources import icon
from foidesk.gui.thread_view import ThreadView

#: The compose window's first size, and its thread's share of it.
FIRST_SIZE = (1180, 720)
THREAD_SHARE = 0.42
_PATH_ROLE = Qt.ItemDataRole.UserRole


class ComposeWindow(QWidget):
    """One letter being written. ``sent`` gives the thread message's id once it is in."""

    sent = Signal(int)
    queued = Signal(object)  # OutboxRecord: in the outbox, on its way or waiting

    def __init__(
        self,
        sending: SendingController,
        detail: RequestDetail,
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
        subject: str = "",
        body: str = "",
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.sending = sending
        self.detail = detail
        self.facts: ComposeFacts | None = None
        self._busy = False
        self.setObjectName("compose-window")
        self.setWindowTitle(_("Write to {authority}").format(authority=detail.summary.authority))
        self.setAcceptDrops(True)
        self._build(kind or _default_kind(detail), subject, body)
        self.resize(*FIRST_SIZE)
        self._set_busy(True)
        sending.worker.submit(lambda desk: desk.compose_facts(detail.id), self._facts_read)

    # --- building ----------------------------------------------------------------------

    def _build(self, kind: str, subject: str, body: str) -> None:
        self.to = QLineEdit()
        self.to.setReadOnly(True)
        self.to.setAccessibleName(_("To"))
        self.account = QComboBox()
        self.account.setAccessibleName(_("Send from"))
        self.account.setPlaceholderText(_("no mail account"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of letter"))
        for choice in SENDABLE_KINDS:
            self.kind.addItem(choice.label, choice.value)
        self.kind.setCurrentIndex(max(0, self.kind.findData(kind)))
        self.subject = QLineEdit(subject)
        self.subject.setAccessibleName(_("Subject"))
        self.body = QPlainTextEdit(body)
        self.body.setAccessibleName(_("Letter"))
        self.body.setPlaceholderText(_("Dear FOI team, …"))
        self.files = QListWidget()
        self.files.setAccessibleName(_("Attached files"))
        self.files.setMaximumHeight(84)
        form = QFormLayout()
        form.addRow(_("To:"), self.to)
        form.addRow(_("From:"), self.account)
        form.addRow(_("Kind:"), self.kind)
        form.addRow(_("Subject:"), self.subject)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setObjectName("compose-note")
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(self.body, 1)
        column.addLayout(self._files_row())
        column.addWidget(self.note)
        column.addLayout(self._buttons())
        letter = QWidget()
        letter.setLayout(column)
        self.thread_view = ThreadView()
        self.thread_view.setAcceptDrops(False)
        self.thread_view.viewport().setAcceptDrops(False)
        self.thread_view.setAccessibleName(_("The request's thread, to read while writing"))
        self.thread_view.show_request(self.detail)
        self.splitter = QSplitter()
        self.splitter.addWidget(letter)
        self.splitter.addWidget(self.thread_view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        width = FIRST_SIZE[0]
        self.splitter.setSizes([int(width * (1 - THREAD_SHARE)), int(width * THREAD_SHARE)])
        outer = QVBoxLayout(self)
        outer.addWidget(self.splitter)

    def _files_row(self) -> QHBoxLayout:
        self.add_files = QPushButton(icon("attach"), _("Attach files…"))
        self.add_files.clicked.connect(self._choose_files)
        self.remove_file = QPushButton(_("Remove"))
        self.remove_file.clicked.connect(self._remove_file)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_files)
        buttons.addWidget(self.remove_file)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.files, 1)
        row.addLayout(buttons)
        return row

    def _buttons(self) -> QHBoxLayout:
        self.send = QPushButton(icon("outgoing"), _("&Send"))
        self.send.setDefault(True)
        self.send.setToolTip(_("Send now from the chosen account"))
        self.draft = QPushButton(icon("save"), _("Save as &draft…"))
        self.draft.setToolTip(_("An .eml file your mail program opens ready to send"))
        self.copy = QPushButton(_("&Copy text"))
        self.copy.setToolTip(_("For an authority's web form, or another program"))
        self.post = QPushButton(_("&Print or PDF…"))
        self.post.setToolTip(_("A letter to post: print it, or save it as a PDF"))
        self.cancel = QPushButton(_("Cancel"))
        self.send.clicked.connect(self.send_letter)
        self.draft.clicked.connect(self.choose_draft_path)
        self.copy.clicked.connect(self.copy_letter)
        self.post.clicked.connect(self.choose_printer)
        self.cancel.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.send)
        row.addWidget(self.draft)
        row.addWidget(self.copy)
        row.addWidget(self.post)
        row.addStretch(1)
        row.addWidget(self.cancel)
        return row

    # --- what the desk says ---------------------------------------------------------

    def _facts_read(self, facts: ComposeFacts) -> None:
        self.facts = facts
        self.to.setText(
            f"{facts.authority} <{facts.to}>"
            if facts.to
            else _("{authority} has no FOI email address").format(authority=facts.authority)
        )
        self.account.clear()
        for name, sender in zip(facts.accounts, facts.senders, strict=True):
            shown, address = sender_parts(sender)
            label = f"{shown} <{address}>" if shown else address
            self.account.addItem(f"{label}  ({name})", name)
        self.account.setCurrentIndex(0 if facts.accounts else -1)  # a placeholder stays else
        if not self.subject.text():
            self.subject.setText(facts.default_subject)
        self._set_busy(False)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        facts = self.facts
        can_write = not busy and facts is not None and facts.to is not None
        self.send.setEnabled(can_write and facts is not None and bool(facts.accounts))
        self.draft.setEnabled(can_write)
        self.copy.setEnabled(can_write)
        self.post.setEnabled(can_write)
        self.account.setEnabled(can_write and facts is not None and len(facts.accounts) > 1)
        if facts is None:
            self.note.setText(_("Reading the request…") if busy else "")
        elif facts.to is None:
            self.note.setText(
                _("Add the authority's FOI email address (Edit authority…) to write to it.")
            )
        elif not facts.accounts:
            self.note.setText(
                _(
                    "To send from foidesk, add a mail account; meanwhile save the letter as "
                    "a draft for your mail program, or copy its text."
                )
            )
        elif busy:
            self.note.setText(_("Sending…"))
        else:
            self.note.setText("")

    # --- the letter -----------------------------------------------------------------

    def letter(self) -> LetterDraft:
        return LetterDraft(
            request_id=self.detail.id,
            kind=str(self.kind.currentData()),
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            attachments=tuple(self.attachments()),
            account=self.account.currentData(),
        )

    def attachments(self) -> list[Path]:
        return [Path(self.files.item(i).data(_PATH_ROLE)) for i in range(self.files.count())]

    def attach(self, paths: list[Path]) -> None:
        known = set(self.attachments())
        for path in paths:
            if path.is_file() and path not in known:
                item = QListWidgetItem(icon("attach"), path.name)
                item.setData(_PATH_ROLE, str(path))
                item.setToolTip(str(path))
                self.files.addItem(item)
                known.add(path)

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        self.attach([Path(n) for n in names])

    def _remove_file(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if paths_from(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = paths_from(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.attach(paths)

    # --- the routes (the controller runs them and answers here) ----------------------

    def send_letter(self) -> None:
        """Into the outbox, then out through the account on a network thread."""
        self._set_busy(True)
        self.sending.send(self.letter(), self)

    def choose_draft_path(self) -> None:
        suggested = _file_stem(self.subject.text()) + ".eml"
        name, _filter = QFileDialog.getSaveFileName(
            self, _("Save the letter as a draft"), suggested, _("Email draft") + " (*.eml)"
        )
        if name:
            self.save_draft(Path(name))

    def save_draft(self, path: Path) -> None:
        self._set_busy(True)
        self.sending.save_draft(self.letter(), path, self)

    def copy_letter(self) -> None:
        self._set_busy(True)
        self.sending.copy(self.letter(), self)

    def choose_printer(self) -> None:
        printer = a4_printer()
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(_("Print the letter"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Print (or write the PDF the printer names) once the letter is in the outbox."""
        self._set_busy(True)
        document = postal_document(
            self._sender(),
            self.detail.summary.authority,
            self.facts.to if self.facts is not None else None,
            self.subject.text(),
            self.body.toPlainText(),
            date.today(),
        )
        self.sending.print_letter(self.letter(), lambda: document.print_(printer), self)

    def _sender(self) -> str:
        """The chosen account's sender as a letter's head shows it ("Sam sam@example.net"),
        taken from the facts by the combo box's index: its label is for the eye (and may be
        translated or reformatted), so it is never read back."""
        index = self.account.currentIndex()
        if self.facts is None or not 0 <= index < len(self.facts.senders):
            return ""
        name, address = sender_parts(self.facts.senders[index])
        return f"{name} {address}" if name else address

    def letter_queued(self, letter: OutboxRecord) -> None:
        """The letter is safe in the outbox: the window has done its part."""
        self.queued.emit(letter)
        self.hide()

    def refused(self, message: str) -> None:
        """Not in the outbox (no subject, a file that cannot be read…): mend and try again."""
        self._set_busy(False)
        self.error_box = QMessageBox(QMessageBox.Icon.Warning, _("Not sent"), message, parent=self)
        self.error_box.setObjectName("compose-error")
        self.error_box.open()

    def finished_with(self, message_id: int | None) -> None:
        """Sent and in the thread (its message's id), or left in the outbox (None)."""
        if message_id is not None:
            self.sent.emit(message_id)
        self._busy = False
        self.close()
        self.deleteLater()  # hidden windows are closed too

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy and self.facts is not None:
            event.ignore()  # on its way: the outcome closes the window
            return
        super().closeEvent(event)
        self.deleteLater()


def _default_kind(detail: RequestDetail) -> str:
    """A first letter is the request; after it, a follow-up."""
    sent_request = any(
        m.direction == Direction.OUTGOING and m.kind == MessageKind.REQUEST for m in detail.messages
    )
    return (MessageKind.FOLLOW_UP if sent_request else MessageKind.REQUEST).value


def _file_stem(subject: str) -> str:
    """A file name suggested from the subject: letters, digits, spaces and dashes."""
    kept = "".join(c if c.isalnum() or c in " -_" else " " for c in subject)
    return " ".join(kept.split())[:80] or _("letter")


def sender_parts(header: str) -> tuple[str, str]:
    """A From line's display name and address, unquoted and with its encoded words read
    (``"Smith, Sam" <sam@example.net>`` is ``("Smith, Sam", "sam@example.net")``)."""
    parsed = HeaderRegistry()("from", header)
    if not isinstance(parsed, AddressHeader) or not parsed.addresses:
        return "", header
    return parsed.addresses[0].display_name, parsed.addresses[0].addr_spec
