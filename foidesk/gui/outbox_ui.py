"""The window's side of sending: a letter into the outbox on the database thread, out
through its account on the file pool (``deliver`` hands its database steps back to the
database thread), and the Outbox dialog with Retry, Mark as sent and Discard.

The network never runs on the GUI thread or the database thread: a slow server holds
neither the window nor the other database work.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from foidesk.core.accounts import LetterDraft, OutboxRecord, Route, SentLetter, deliver
from foidesk.core.changes import Changes
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _, ngettext
from foidesk.gui.errors_ui import report_failure
from foidesk.gui.outbox_dialog import OutboxDialog

if TYPE_CHECKING:
    from foidesk.core.desk import Desk
    from foidesk.gui.tasks.runner import TaskRunner


class ComposeFace(Protocol):
    """What the controller tells a compose window."""

    def letter_queued(self, letter: OutboxRecord) -> None: ...
    def refused(self, message: str) -> None: ...
    def finished_with(self, message_id: int | None) -> None: ...


class SendingController(QObject):
    status_message = Signal(str)
    #: A letter went into a thread: (request id, message id).
    letter_filed = Signal(int, int)

    def __init__(self, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self.window = parent
        self.worker = runner.database
        self.network = runner.files
        self.dialog: OutboxDialog | None = None
        self.question: QMessageBox | None = None

    # --- the routes ------------------------------------------------------------------

    def send(self, draft: LetterDraft, face: ComposeFace) -> None:
        def queued(letter: OutboxRecord) -> None:
            face.letter_queued(letter)
            self.deliver(letter.id, face)

        self.worker.submit(
            lambda desk: desk.queue_letter(draft), queued, on_error=self._refusal(face)
        )

    def deliver(self, letter_id: int, face: ComposeFace | None = None) -> None:
        """Out through the account, on the file pool; the outcome back on the GUI thread."""
        call = self.worker.call

        def sent(result: SentLetter) -> None:
            self.status_message.emit(
                _("Sent “{subject}” to {to}; {copy}").format(
                    subject=result.letter.subject, to=result.letter.to, copy=result.sent_copy
                )
            )
            self.letter_filed.emit(result.letter.request_id, result.message.id)
            if face is not None:
                face.finished_with(result.message.id)

        def failed(exc: BaseException) -> None:
            if face is not None:
                face.finished_with(None)
            if not isinstance(exc, FoideskError):
                report_failure(self.window, _("Not sent"), exc, "")
                return
            self._tell_not_sent(str(exc))

        self.network.start(lambda: deliver(call, letter_id), sent, failed)

    def save_draft(self, draft: LetterDraft, path: Path, face: ComposeFace) -> None:
        def run(desk: Desk) -> OutboxRecord:
            letter = desk.queue_letter(draft, Route.DRAFT)
            try:
                desk.save_draft(letter.id, path)
            except BaseException:
                desk.discard_letter(letter.id)  # nothing half-done stays in the outbox
                raise
            return desk.outbox_letter(letter.id)

        def saved(letter: OutboxRecord) -> None:
            face.letter_queued(letter)
            text = _(
                "The draft is saved as {file}. Open it in your mail program and send it from "
                "there. Has it been sent?"
            ).format(file=path.name)
            self.ask_if_sent(letter, text, face)

        self.worker.submit(run, saved, on_error=self._refusal(face))

    def copy(self, draft: LetterDraft, face: ComposeFace) -> None:
        def run(desk: Desk) -> tuple[OutboxRecord, str]:
            letter = desk.queue_letter(draft, Route.COPY)
            return letter, desk.letter_text(letter.id)

        def copied(result: tuple[OutboxRecord, str]) -> None:
            letter, text = result
            QGuiApplication.clipboard().setText(text)
            face.letter_queued(letter)
            note = _(
                "The letter is copied. Paste it into the authority's web form or your mail "
                "program and send it. Has it been sent?"
            )
            self.ask_if_sent(letter, note, face)

        self.worker.submit(run, copied, on_error=self._refusal(face))

    def print_letter(
        self, draft: LetterDraft, print_page: Callable[[], None], face: ComposeFace
    ) -> None:
        """Into the outbox as a postal letter, then onto the printer the user chose (or a
        PDF); recorded in the thread once they say it went into the post."""

        def printed(letter: OutboxRecord) -> None:
            print_page()
            face.letter_queued(letter)
            note = _(
                "The letter is printed. Sign it and post it to the authority. Has it been sent?"
            )
            self.ask_if_sent(letter, note, face)

        self.worker.submit(
            lambda desk: desk.queue_letter(draft, Route.POST), printed, on_error=self._refusal(face)
        )

    def ask_if_sent(self, letter: OutboxRecord, text: str, face: ComposeFace | None) -> None:
        """Record it now, or later from the Outbox: a letter goes into its thread once."""
        question = QMessageBox.Icon.Question
        box = QMessageBox(question, _("Has it been sent?"), text, parent=self.window)
        box.setObjectName("sent-question")
        yes = box.addButton(_("It has been sent"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Not yet (keep it in the Outbox)"), QMessageBox.ButtonRole.RejectRole)

        def answered(button: QPushButton) -> None:
            if button is yes:
                self.confirm(letter.id, face)
            elif face is not None:
                face.finished_with(None)

        box.buttonClicked.connect(answered)
        self.question = box
        box.open()

    def confirm(self, letter_id: int, face: ComposeFace | None = None) -> None:
        def done(message_id: int) -> None:
            if face is not None:
                face.finished_with(message_id)

        self.worker.submit(
            lambda desk: desk.confirm_sent(letter_id).id,
            done,
            on_error=lambda exc: report_failure(self.window, _("Not recorded"), exc, ""),
        )

    def _refusal(self, face: ComposeFace) -> Callable[[BaseException], None]:
        def refused(exc: BaseException) -> None:
            if isinstance(exc, FoideskError):
                face.refused(str(exc))
            else:
                face.finished_with(None)
                report_failure(self.window, _("Not sent"), exc, "")

        return refused

    def _tell_not_sent(self, reason: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            _("Not sent"),
            _("{reason}. The letter waits in the Outbox, where you can retry it.").format(
                reason=reason[:1].upper() + reason[1:]
            ),
            parent=self.window,
        )
        box.setObjectName("not-sent")
        show = box.addButton(_("Open the Outbox"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.buttonClicked.connect(lambda button: self.show_outbox() if button is show else None)
        self.question = box
        box.open()

    # --- the Outbox ------------------------------------------------------------------

    def show_outbox(self) -> OutboxDialog:
        if self.dialog is None:
            dialog = OutboxDialog(self.window)
            dialog.retry_requested.connect(self.deliver)
            dialog.mark_sent_requested.connect(self.confirm)
            dialog.discard_requested.connect(self._discard)
            self.dialog = dialog
        self.reload()
        if self.dialog.isVisible():
            self.dialog.raise_()  # already open, behind the window
        else:
            self.dialog.show()
        return self.dialog

    def reload(self) -> None:
        dialog = self.dialog
        if dialog is not None:
            self.worker.submit(lambda desk: desk.outbox(), dialog.set_letters, channel="outbox")

    def note_waiting(self) -> None:
        """At start: say so when letters wait in the outbox (one interrupted, or failed)."""

        def noted(letters: list[OutboxRecord]) -> None:
            unsent = [x for x in letters if x.route == Route.ACCOUNT]
            if unsent:
                self.status_message.emit(
                    ngettext(
                        "{count} letter waits in the Outbox (Mail ▸ Outbox…)",
                        "{count} letters wait in the Outbox (Mail ▸ Outbox…)",
                        len(unsent),
                    ).format(count=len(unsent))
                )

        self.worker.submit(lambda desk: desk.outbox(), noted, background=True)

    def apply(self, changes: Changes) -> None:
        showing = self.dialog is not None and self.dialog.isVisible()
        if showing and (changes.accounts or changes.everything):
            self.reload()

    def _discard(self, letter_id: int) -> None:
        self.worker.submit(
            lambda desk: desk.discard_letter(letter_id),
            on_error=lambda exc: report_failure(self.window, _("Not discarded"), exc, ""),
        )
