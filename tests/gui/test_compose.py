"""Writing a letter in the window: sending it through a real account (Dovecot submission
relaying to a real SMTP receiver), saving it as a draft, and the Outbox."""

from __future__ import annotations

import email
import email.policy
import os
import smtplib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from account_fixtures import AUTHORITY_EMAIL, PASSWORD, USER, add_request, keyring_session
from account_fixtures import new_account as account_on
from imap_server import ImapServer, running_server, submission_available
from keyring_server import Keyring
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from smtp_receiver import SmtpReceiver, running_receiver
from sqlalchemy import Engine, event

from foidesk.core.accounts import LetterDraft, LetterState, Route
from foidesk.core.desk import Desk
from foidesk.gui.compose_window import ComposeWindow
from foidesk.gui.main_window import MainWindow

WAIT_MS = 30_000
__all__ = ["keyring_session"]  # a fixture, used by name


@pytest.fixture
def receiver() -> Iterator[SmtpReceiver]:
    with running_receiver() as started:
        yield started


@pytest.fixture
def server(receiver: SmtpReceiver) -> Iterator[ImapServer]:
    if not submission_available():
        pytest.skip("Dovecot submission is not installed (apt-get install dovecot-submissiond)")
    with running_server({USER: PASSWORD}, relay_port=receiver.port, sent_folder="Sent") as started:
        yield started


def open_compose(qtbot: QtBot, window: MainWindow, request_id: int, **given: Any) -> ComposeWindow:
    window.open_request(request_id)
    qtbot.waitUntil(lambda: window.current_request() is not None, timeout=WAIT_MS)
    compose = window.write_message(**given)
    assert compose is not None
    qtbot.waitUntil(lambda: compose.facts is not None, timeout=WAIT_MS)
    return compose


def question(qtbot: QtBot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.sending.question is not None, timeout=WAIT_MS)
    box = window.sending.question
    assert box is not None
    return box


def test_composing_and_sending_goes_through_the_account_off_the_gui_thread(
    qtbot: QtBot,
    desk: Desk,
    server: ImapServer,
    receiver: SmtpReceiver,
    keyring_session: Keyring,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    request_id = add_request(desk)
    desk.add_account(account_on(server, display_name="Sam Writer"), PASSWORD)
    connected_on: list[bool] = []
    connect = smtplib.SMTP.connect

    def watched(self: smtplib.SMTP, *args: Any, **kwargs: Any) -> Any:
        connected_on.append(threading.current_thread() is threading.main_thread())
        return connect(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "connect", watched)
    sql_on_gui: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            sql_on_gui.append(statement[:60])

    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    annex = tmp_path / "annex.txt"
    annex.write_text("the annex\n", encoding="utf-8")
    event.listen(Engine, "before_cursor_execute", watch)
    try:
        compose = open_compose(qtbot, window, request_id, kind="internal_review_request")
        assert compose.to.text() == f"Council <{AUTHORITY_EMAIL}>"
        assert compose.account.currentText() == "Sam Writer <sam@example.net>  (work)"
        assert compose.letter().account == "work"
        assert compose.subject.text() == "Re: Freedom of Information request: pothole repairs"
        assert compose.kind.currentData() == "internal_review_request"
        assert compose.thread_view.detail is not None
        assert "pothole repairs" in compose.thread_view.toPlainText()
        compose.body.setPlainText("Dear FOI team,\n")
        compose.body.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(compose.body, "please review my request.")
        compose.attach([annex, annex, tmp_path])  # twice, and a folder: one file
        assert compose.attachments() == [annex]
        assert compose.send.isEnabled()
        with qtbot.waitSignal(compose.sent, timeout=WAIT_MS) as sent:
            qtbot.mouseClick(compose.send, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: len(window.thread_pane.detail.messages) == 2,  # type: ignore[union-attr]
            timeout=WAIT_MS,
        )
    finally:
        event.remove(Engine, "before_cursor_execute", watch)
        window.close()

    (mail,) = receiver.wait_for(1)
    parsed = email.message_from_bytes(mail.data, policy=email.policy.default)
    assert parsed["From"] == "Sam Writer <sam@example.net>"
    assert "please review my request." in parsed.get_body(("plain",)).get_content()
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["annex.txt"]
    assert connected_on == [False]
    assert sql_on_gui == []
    message = desk.get_message(sent.args[0])
    assert (message.direction, message.kind) == ("outgoing", "internal_review_request")
    assert desk.outbox() == []


def test_saving_a_draft_records_it_when_the_user_says_it_was_sent(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    request_id = add_request(desk)
    window.refresh_all()
    compose = open_compose(
        qtbot, window, request_id, kind="clarification", subject="My clarification",
        body="I meant the year 2023.",
    )  # fmt: skip
    assert not compose.send.isEnabled()  # no account: the note says what to do instead
    assert "add a mail account" in compose.note.text()
    path = tmp_path / "letter.eml"

    compose.save_draft(path)
    box = question(qtbot, window)

    draft = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert draft["X-Unsent"] == "1"
    assert draft["To"] == f"Council <{AUTHORITY_EMAIL}>"
    assert draft["Subject"] == "My clarification"
    assert draft["In-Reply-To"] == "<req-1@example.net>"
    assert draft.get_body(("plain",)).get_content().strip() == "I meant the year 2023."
    assert "letter.eml" in box.text()
    (waiting,) = desk.outbox()
    assert (waiting.route, waiting.state) == (Route.DRAFT, LetterState.WAITING)
    yes = next(b for b in box.buttons() if b.text() == "It has been sent")
    with qtbot.waitSignal(compose.sent, timeout=WAIT_MS) as sent:
        yes.click()
    message = desk.get_message(sent.args[0])
    assert (message.direction, message.kind, message.request_id) == (
        "outgoing",
        "clarification",
        request_id,
    )
    assert desk.outbox() == []


def test_the_outbox_lists_retries_marks_and_discards(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    request_id = add_request(desk)
    draft = LetterDraft(request_id, "follow_up", "Any news?", "Any news, please?")
    later = desk.queue_letter(draft, Route.DRAFT)
    doomed = desk.queue_letter(
        LetterDraft(request_id, "follow_up", "Draft two", "Two."), Route.COPY
    )
    dialog = window.sending.show_outbox()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.letters) == 2, timeout=WAIT_MS)
    assert dialog.list.topLevelItem(0).text(0) == "Waiting for you to send it"  # type: ignore[union-attr]
    assert dialog.mark_sent.isEnabled() and not dialog.retry.isEnabled()

    dialog.mark_sent.click()
    qtbot.waitUntil(lambda: [x.id for x in dialog.letters] == [doomed.id], timeout=WAIT_MS)
    dialog.discard.click()
    discard = next(b for b in dialog.question.buttons() if b.text() == "Discard")
    discard.click()
    qtbot.waitUntil(lambda: dialog.letters == [], timeout=WAIT_MS)

    assert dialog.empty.isVisible()
    assert desk.outbox() == []
    assert desk.outbox_letter(later.id).state == LetterState.SENT


@pytest.mark.skipif(not os.environ.get("FOIDESK_SHOTS"), reason="pictures on request only")
def test_pictures_of_the_compose_window_and_the_outbox(
    qtbot: QtBot,
    window: MainWindow,
    desk: Desk,
    keyring_session: Keyring,
) -> None:
    """FOIDESK_SHOTS=folder: the compose window and the outbox at laptop and desktop sizes."""
    shots = Path(os.environ["FOIDESK_SHOTS"])
    request_id = add_request(desk)
    desk.add_account(account_on(_Down(), display_name="Sam Writer"), PASSWORD)
    letter = desk.queue_letter(LetterDraft(request_id, "follow_up", "Any news?", "Please."))
    with pytest.raises(Exception, match="refused the connection"):
        desk.send_letter(letter.id)
    desk.queue_letter(
        LetterDraft(request_id, "clarification", "I meant 2023", "2023."), Route.DRAFT
    )
    window.refresh_all()
    compose = open_compose(
        qtbot, window, request_id, kind="internal_review_request",
        body="Dear FOI team,\n\nI ask for an internal review of the handling of my request.\n",
    )  # fmt: skip
    compose.attach([Path(__file__)])
    dialog = window.sending.show_outbox()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.letters) == 2, timeout=WAIT_MS)
    for width, height in ((1366, 768), (1920, 1080)):
        compose.resize(min(width - 80, 1180 if width < 1900 else 1500), height - 100)
        window.resize(width, height)
        qtbot.wait(50)
        compose.grab().save(str(shots / f"compose-{width}.png"))
        dialog.resize(min(width - 200, 1000), 420)
        dialog.grab().save(str(shots / f"outbox-{width}.png"))
    compose.close()


class _Down:
    """A server that is not there: the account's servers on ports nothing listens on."""

    host = "localhost"
    imaps_port = 1
    submission_port = 1

    class certificates:
        ca_file = None


@pytest.fixture
def german() -> Iterator[None]:
    from foidesk.gui import language

    language.apply_language("de")
    yield
    language.apply_language("en")


def cut_off(top: QWidget) -> list[str]:
    """Visible labels and buttons of ``top`` given less room than their words need."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):
            continue
        wrapped = isinstance(widget, QLabel) and widget.wordWrap()
        if wrapped and widget.height() < widget.heightForWidth(widget.width()):
            found.append(f"{widget.text()!r}: too low")
        worded = isinstance(widget, QLabel | QAbstractButton) and bool(widget.text())
        if worded and not wrapped and widget.width() < widget.sizeHint().width():
            found.append(f"{widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}")
    return found


def test_in_german_nothing_is_cut_off_on_a_laptop(
    qtbot: QtBot, german: None, window: MainWindow, desk: Desk
) -> None:
    request_id = add_request(desk)
    desk.queue_letter(LetterDraft(request_id, "follow_up", "Gibt es Neues?", "Bitte."), Route.DRAFT)
    window.refresh_all()
    compose = open_compose(qtbot, window, request_id)
    compose.resize(1300, 700)
    dialog = window.sending.show_outbox()
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: len(dialog.letters) == 1, timeout=WAIT_MS)
    qtbot.wait(20)
    assert compose.windowTitle() == "An Council schreiben"
    assert cut_off(compose) == []
    assert cut_off(dialog) == []
    if os.environ.get("FOIDESK_SHOTS"):
        shots = Path(os.environ["FOIDESK_SHOTS"])
        compose.grab().save(str(shots / "compose-de-1366.png"))
        dialog.grab().save(str(shots / "outbox-de-1366.png"))
    compose.close()


def test_the_window_says_when_letters_wait_in_the_outbox(
    qtbot: QtBot,
    desk: Desk,
    keyring_session: Keyring,
) -> None:
    request_id = add_request(desk)
    desk.add_account(account_on(_Down()), PASSWORD)
    desk.queue_letter(LetterDraft(request_id, "follow_up", "Any news?", "Please."))
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(
        lambda: (
            window.statusBar().currentMessage() == "1 letter waits in the Outbox (Mail ▸ Outbox…)"
        ),
        timeout=WAIT_MS,
    )
    window.close()


def test_files_dropped_on_the_compose_window_are_attached_and_can_be_removed(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    request_id = add_request(desk)
    window.refresh_all()
    compose = open_compose(qtbot, window, request_id)
    annex = tmp_path / "annex.pdf"
    annex.write_bytes(b"%PDF-1.4\n%%EOF\n")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(annex)), QUrl("https://example.org/remote.pdf")])
    drop = QDropEvent(
        QPointF(20, 20),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    compose.dropEvent(drop)  # Qt delivers a drop only inside a real drag: the handler itself

    assert compose.attachments() == [annex]  # the remote address fetched nothing
    item = compose.files.item(0)
    assert item is not None and item.text() == "annex.pdf"
    item.setSelected(True)
    compose.remove_file.click()
    assert compose.attachments() == []
    compose.close()


def test_a_postal_letter_is_printed_to_pdf_and_recorded_once_posted(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    import pypdfium2

    from foidesk.gui.postal_letter import a4_printer

    request_id = add_request(desk)
    window.refresh_all()
    compose = open_compose(
        qtbot, window, request_id, kind="internal_review_request",
        subject="Internal review: Bus lanes", body="Dear FOI team,\n\nPlease review the refusal.",
    )  # fmt: skip
    printer = a4_printer()
    printer.setOutputFormat(printer.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "letter.pdf"))
    compose.print_to(printer)
    box = question(qtbot, window)
    assert "printed" in box.text()
    pdf = pypdfium2.PdfDocument(tmp_path / "letter.pdf")
    text = pdf[0].get_textpage().get_text_range()
    pdf.close()
    assert "Internal review: Bus lanes" in text and "Please review the refusal." in text
    assert "Council" in text
    (waiting,) = desk.outbox()
    assert (waiting.route, waiting.state) == (Route.POST, LetterState.WAITING)
    yes = next(b for b in box.buttons() if b.text() == "It has been sent")
    with qtbot.waitSignal(compose.sent, timeout=WAIT_MS) as sent:
        yes.click()
    message = desk.get_message(sent.args[0])
    assert (message.direction, message.kind) == ("outgoing", "internal_review_request")
    assert desk.outbox() == []


def test_the_sender_comes_from_the_chosen_account_not_from_its_label(
    qtbot: QtBot, window: MainWindow, desk: Desk, keyring_session: Keyring
) -> None:
    from foidesk.core.accounts import NewAccount

    awkward = 'Smith, Sam "the <clerk>"'
    for name, display in (("home", "Sam"), ("work", awkward)):
        desk.add_account(
            NewAccount(name=name, email=f"{name}@example.net", imap="127.0.0.1:993",
                       smtp="127.0.0.1:587", display_name=display),
            PASSWORD,
        )  # fmt: skip
    request_id = add_request(desk)
    window.refresh_all()
    compose = open_compose(qtbot, window, request_id)
    names = [compose.account.itemData(i) for i in range(compose.account.count())]
    compose.account.setCurrentIndex(names.index("work"))
    assert compose.account.currentText() == f"{awkward} <work@example.net>  (work)"

    compose.account.setItemText(compose.account.currentIndex(), "Absender (Arbeit), <bitte>")

    assert compose._sender() == f"{awkward} work@example.net"
    assert compose.letter().account == "work"
    compose.close()
