"""Fetching in the window, from a real Dovecot with the password in a real keyring: on
start, on F5 and on the timer; one fetch at a time; faults as a quiet status line; a
reply that moves a deadline as a notification; and no database work on the GUI thread
nor network work on the database thread."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from account_fixtures import *  # noqa: F403
from account_fixtures import AUTHORITY_EMAIL, REQUEST_MESSAGE_ID, USER, Mailroom, new_account
from keyring_server import Keyring
from mailmaker import make_email
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot
from silent_server import silent_server
from sqlalchemy import Engine, event

from foidesk.core import i18n
from foidesk.core.accounts import AccountFetch, FetchReport, NewAccount, Security
from foidesk.core.changes import Changes
from foidesk.core.deadlines import Deadline
from foidesk.core.desk import Desk
from foidesk.core.records import NewMessage, NewRequest
from foidesk.gui.mail_fetching import SETTING, MailFetching, MailSettingsPage, deadline_notices
from foidesk.gui.main_window import MainWindow

WAIT_MS = 20_000


def reply(number: int = 1) -> bytes:
    return make_email(
        sender="Clerk <clerk@elsewhere.example>",
        subject=f"Re: your request ({number})",
        body="Thank you, we are looking into it.\n",
        message_id=f"<reply-{number}@elsewhere.example>",
        in_reply_to=f"<{REQUEST_MESSAGE_ID}>",
    )


def response() -> bytes:
    """The authority's answer, with a document: a response, which opens the review window."""
    return make_email(
        sender=f"FOI Team <{AUTHORITY_EMAIL}>",
        subject="Response to your request",
        message_id="<response-1@council.example.gov.uk>",
        body="Please find attached the information you requested.",
        attachments=(("figures.pdf", b"%PDF-1.4 figures"),),
    )


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[Mailroom], MainWindow]]:
    opened: list[MainWindow] = []

    def open_on(room: Mailroom) -> MainWindow:
        window = MainWindow(room.desk)
        qtbot.addWidget(window)
        opened.append(window)
        return window

    yield open_on
    for window in opened:
        window.close()


def shown_and_fetched(qtbot: QtBot, window: MainWindow) -> FetchReport:
    """Show the window and wait for the fetch it starts by itself."""
    with qtbot.waitSignal(window.mail.fetching.finished, timeout=WAIT_MS) as done:
        window.show()
    assert isinstance(done.args[0], FetchReport)
    return done.args[0]


def press_f5(qtbot: QtBot, window: MainWindow) -> Any:
    action = window.mail.check_mail
    assert action.shortcut().toString() == "F5"
    assert action in window.menus.mail.actions()
    with qtbot.waitSignal(window.mail.fetching.finished, timeout=WAIT_MS) as done:
        action.trigger()
    return done.args[0]


def no_dialog_open() -> bool:
    return not [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QDialog | QMessageBox) and w.isVisible()
    ]


def test_the_window_fetches_on_start_and_files_what_came(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    mailroom.server.append(USER, [reply(1)])
    window = open_window(mailroom)

    report = shown_and_fetched(qtbot, window)

    (fetched,) = report.accounts
    assert (fetched.filed, fetched.error) == (1, None)
    qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
    detail = window.thread_pane.detail
    assert detail is not None and detail.id == mailroom.request_id
    qtbot.waitUntil(lambda: len(window.thread_pane.detail.messages) == 2, timeout=WAIT_MS)  # type: ignore[union-attr]


def test_f5_files_a_reply_and_the_list_and_thread_repaint(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
    assert len(window.thread_pane.detail.messages) == 1  # type: ignore[union-attr]
    seen: list[Any] = []
    window.runner.changes.changed.connect(lambda changes, _serial: seen.append(changes))
    repainted: list[int] = []
    window.model.dataChanged.connect(
        lambda top, bottom, _roles: repainted.extend(range(top.row(), bottom.row() + 1))
    )
    mailroom.server.append(USER, [reply(2)])

    report = press_f5(qtbot, window)

    assert report.accounts[0].filed == 1
    # nobody asked the thread to reload: the fetch's Changes did
    qtbot.waitUntil(lambda: len(window.thread_pane.detail.messages) == 2, timeout=WAIT_MS)  # type: ignore[union-attr]
    assert any(mailroom.request_id in c.threads and mailroom.request_id in c.requests for c in seen)
    row = window.model.row_of(mailroom.request_id)
    qtbot.waitUntil(lambda: row in repainted, timeout=WAIT_MS)  # the list repainted its row


def test_the_timer_fetches_at_the_interval_from_preferences(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    fetching = window.mail.fetching
    assert fetching.timer.isActive() and fetching.timer.interval() == 10 * 60_000  # default

    dialog = window.show_preferences()
    page = dialog.findChild(MailSettingsPage, "mail-settings")
    assert page is not None
    page.interval.setValue(3)  # the user's choice is saved in the profile's settings
    qtbot.waitUntil(lambda: fetching.timer.interval() == 3 * 60_000, timeout=WAIT_MS)
    assert mailroom.desk.get_setting(SETTING) == "3"
    dialog.close()

    mailroom.server.append(USER, [reply(3)])
    fetching.set_interval(0.002)  # about a tenth of a second, for the test
    with qtbot.waitSignal(fetching.finished, timeout=WAIT_MS) as done:
        pass  # nothing but the timer starts it
    assert done.args[0].accounts[0].filed == 1
    fetching.set_interval(0)
    assert not fetching.timer.isActive()


def test_a_stopped_server_is_a_quiet_status_line_not_a_dialog(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    line = window.mail.status.line
    assert not line.isVisible()
    mailroom.server.stop()

    report = press_f5(qtbot, window)

    assert report.accounts[0].error is not None
    assert line.isVisible()
    assert "Mail of work not checked:" in line.full_text()
    assert "refused the connection" in line.full_text()
    assert no_dialog_open()
    press_f5(qtbot, window)  # the next try replaces the line; it does not add one
    assert line.full_text().count("Mail of work") == 1

    mailroom.server.start()
    press_f5(qtbot, window)
    assert not line.isVisible() and line.full_text() == ""


def test_a_wrong_password_is_a_line_for_that_account_only(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    mailroom.desk.add_account(new_account(mailroom.server, "other-box"), "not-the-password")
    mailroom.server.append(USER, [reply(4)])
    window = open_window(mailroom)

    report = shown_and_fetched(qtbot, window)

    by_name = {a.account: a for a in report.accounts}
    assert by_name["work"].filed == 1  # the good account is fetched all the same
    text = window.mail.status.line.full_text()
    assert "Mail of other-box not checked:" in text
    assert "refused the user name or password" in text
    assert "Mail of work" not in text
    assert no_dialog_open()


def test_a_certificate_this_computer_does_not_trust_is_a_status_line(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    mailroom.desk.add_account(new_account(mailroom.server, "no-ca", ca_file=None), "pw")
    window = open_window(mailroom)

    shown_and_fetched(qtbot, window)

    text = window.mail.status.line.full_text()
    assert "Mail of no-ca not checked:" in text
    assert "not from an authority this computer trusts" in text
    assert "Mail of work" not in text
    assert no_dialog_open()


def _review_once_confirmed(mailroom: Mailroom) -> Deadline:
    """The review window the fetched response opens once the user confirms it."""
    desk = mailroom.desk
    (proposal,) = desk.open_proposals(mailroom.request_id)
    after = desk.deadlines_if_confirmed(proposal.message_id)
    return next(d for d in after if d.kind == "review_request_window")


def test_a_reply_that_moves_a_deadline_is_notified(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    mailroom.server.append(USER, [response()])
    notices: list[str] = []
    window.mail.notifier.notified.connect(notices.append)

    press_f5(qtbot, window)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT_MS)

    (notice,) = notices
    review = _review_once_confirmed(mailroom)
    day = f"{review.due.day} {review.due:%B %Y}"
    assert notice == (
        "Reply from Council, probably a response giving the information — once you confirm "
        f"it, Last day to ask for a review: {day}"
    )
    assert mailroom.desk.get_request(mailroom.request_id).summary.status == "waiting_response"
    # no tray on the offscreen platform: the status line says it
    assert window.statusBar().currentMessage() == notice


def test_a_reply_that_moves_no_deadline_is_not_notified(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    notices: list[str] = []
    window.mail.notifier.notified.connect(notices.append)
    mailroom.server.append(USER, [reply(5)])

    press_f5(qtbot, window)
    window.runner.changes.flush()
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)

    assert notices == []


def test_the_notice_speaks_german(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    from PySide6.QtCore import QLocale

    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    i18n.set_language("de")
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    mailroom.server.append(USER, [response()])
    notices: list[str] = []
    window.mail.notifier.notified.connect(notices.append)

    press_f5(qtbot, window)
    qtbot.waitUntil(lambda: bool(notices), timeout=WAIT_MS)

    review = _review_once_confirmed(mailroom)
    month = QLocale().monthName(review.due.month)
    assert notices[0].startswith("Antwort von Council, wohl ")
    assert notices[0].endswith(f"{review.due.day}. {month} {review.due.year}")


def test_triggers_while_a_fetch_runs_are_that_fetch(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    fetching: MailFetching = window.mail.fetching
    mailroom.server.append(USER, [reply(n) for n in range(10, 40)])
    starts: list[None] = []
    fetching.started.connect(lambda: starts.append(None))
    reports: list[Any] = []
    fetching.finished.connect(reports.append)

    with qtbot.waitSignal(fetching.finished, timeout=WAIT_MS):
        assert fetching.check_mail() is True
        window.mail.check_mail.trigger()  # F5
        fetching.timer.timeout.emit()  # the timer
        assert fetching.check_mail() is False
    window.runner.changes.flush()

    assert len(starts) == 1 and len(reports) == 1
    assert reports[0].accounts[0].filed == 30
    assert reports[0].accounts[0].duplicates == 0


def test_cancel_stops_the_fetch_and_the_next_goes_on(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    fetching = window.mail.fetching
    mailroom.server.append(USER, [reply(n) for n in range(100, 130)])
    with qtbot.waitSignal(fetching.finished, timeout=WAIT_MS) as stopped:
        fetching.check_mail()
        assert window.mail.status.cancel.isVisibleTo(window.mail.status)
        window.mail.status.cancel.click()
    assert stopped.args[0] is None
    assert "stopped" in window.statusBar().currentMessage()

    report = press_f5(qtbot, window)

    first = len(window.desk.get_request(mailroom.request_id).messages) - 1
    assert first == 30  # every reply in once: none lost, none twice
    assert report.accounts[0].duplicates == 0


@pytest.fixture
def threads_of_work() -> Iterator[dict[str, set[str]]]:
    """The threads SQL ran on and connections were opened from, by name."""
    seen: dict[str, set[str]] = {"sql": set(), "connect": set()}

    def name() -> str:
        return QThread.currentThread().objectName() or threading.current_thread().name

    def watch(*_args: Any) -> None:
        seen["sql"].add(name())

    real_connect = socket.create_connection

    def connect(*args: Any, **kwargs: Any) -> socket.socket:
        seen["connect"].add(name())
        return real_connect(*args, **kwargs)

    event.listen(Engine, "before_cursor_execute", watch)
    socket.create_connection = connect  # type: ignore[assignment]
    try:
        yield seen
    finally:
        socket.create_connection = real_connect
        event.remove(Engine, "before_cursor_execute", watch)


def test_a_fetch_keeps_sql_off_the_gui_thread_and_the_network_off_the_database_thread(
    qtbot: QtBot,
    mailroom: Mailroom,
    open_window: Callable[[Mailroom], MainWindow],
    threads_of_work: dict[str, set[str]],
) -> None:
    mailroom.server.append(USER, [reply(n) for n in range(200, 220)])
    window = open_window(mailroom)
    report = shown_and_fetched(qtbot, window)
    window.runner.changes.flush()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
    assert report.accounts[0].filed == 20
    assert threads_of_work["sql"] == {"foidesk-database"}  # none on the GUI thread
    assert threads_of_work["connect"] and "foidesk-database" not in threads_of_work["connect"]
    assert threading.main_thread().name not in threads_of_work["connect"]


def test_a_held_fetching_starts_nothing_until_released(
    qtbot: QtBot, mailroom: Mailroom, open_window: Callable[[Mailroom], MainWindow]
) -> None:
    window = open_window(mailroom)
    shown_and_fetched(qtbot, window)
    fetching = window.mail.fetching

    fetching.hold()  # as a restore does before it replaces the profile
    assert fetching.check_mail() is False
    fetching.release()

    with qtbot.waitSignal(fetching.finished, timeout=WAIT_MS):
        assert fetching.check_mail() is True


def test_a_moved_deadline_notice_reads_each_fetched_message_once(
    desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    desk.add_authority("Council", email=AUTHORITY_EMAIL)
    request = desk.add_request(NewRequest(title="Bins", authority="Council", sent_on=date.today()))
    request_id = request.summary.id
    ack = desk.add_message(
        request_id, NewMessage(direction="incoming", kind="acknowledgement", subject="Received")
    )
    read: list[int] = []
    real_get = desk.get_message

    def counted(message_id: int) -> Any:
        read.append(message_id)
        return real_get(message_id)

    monkeypatch.setattr(desk, "get_message", counted)
    report = FetchReport((AccountFetch("work", filed=1, message_ids=[ack.id]),))

    (notice,) = deadline_notices(desk, report, Changes(all_deadlines=True, deadline_days=None))

    assert (notice.request_id, notice.message_kind) == (request_id, "acknowledgement")
    assert read == [ack.id]  # the kind comes from the record already read


@pytest.mark.parametrize("security", [Security.PLAIN, Security.TLS])
def test_closing_while_a_server_never_answers_waits_only_a_moment(
    qtbot: QtBot, desk: Desk, keyring_session: Keyring, security: Security
) -> None:
    with silent_server() as server:  # takes the connection, then not a word, not even TLS
        desk.add_account(
            NewAccount(name="hung", email="sam@example.net", imap=f"{server.host}:{server.port}",
                       smtp=f"{server.host}:587", security=security),
            "pw",
        )  # fmt: skip
        window = MainWindow(desk)
        qtbot.addWidget(window)
        fetching = window.mail.fetching
        with qtbot.waitSignal(fetching.started, timeout=WAIT_MS):
            assert fetching.check_mail()
        assert server.accepted.wait(WAIT_MS / 1000)

        began = time.monotonic()
        window.close()
        waited = time.monotonic() - began

        assert waited < 3.0, f"the close waited {waited:.1f} s for a silent server"
        assert fetching.network.wait(0)  # the fetch has ended, not been left behind
