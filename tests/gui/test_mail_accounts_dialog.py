"""The mail accounts dialog on a real profile, a real keyring and a real Dovecot: the
password goes to the keyring and nowhere in the profile; the core's refusals are shown
as they are; Test tries both servers off the GUI thread; Remove takes the keyring
entry with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.backends.fail
import pytest
from account_fixtures import *  # noqa: F403
from account_fixtures import PASSWORD, REQUEST_MESSAGE_ID, USER, Mailroom
from imap_server import ImapServer
from keyring_server import Keyring
from pytestqt.qtbot import QtBot

from foidesk.core.accounts import AccountCheck, Security
from foidesk.core.desk import Desk
from foidesk.gui.mail_accounts_dialog import AccountForm, MailAccountsDialog
from foidesk.gui.main_window import MainWindow

WAIT_MS = 20_000


@pytest.fixture
def accounts_dialog(
    qtbot: QtBot, window: MainWindow, keyring_session: Keyring
) -> Iterator[MailAccountsDialog]:
    dialog = window.mail.open_accounts()
    assert isinstance(dialog, MailAccountsDialog)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)
    yield dialog
    dialog.close()


def fill(form: AccountForm, server: ImapServer, **values: str) -> None:
    fields = {
        "name": "work",
        "email": "sam@example.net",
        "display_name": "Sam Writer",
        "imap": f"{server.host}:{server.imaps_port}",
        "smtp": f"{server.host}:{server.submission_port or 587}",
        "username": USER,
        "ca_file": str(server.certificates.ca_file),
        "password": PASSWORD,
    }
    fields.update(values)
    for name, text in fields.items():
        getattr(form, name).setText(text)


def save(qtbot: QtBot, dialog: MailAccountsDialog, form: AccountForm) -> None:
    with qtbot.waitSignal(dialog.listed, timeout=WAIT_MS):
        form.buttons.accepted.emit()


def refused(qtbot: QtBot, form: AccountForm) -> str:
    form.buttons.accepted.emit()
    qtbot.waitUntil(lambda: form.error.isVisibleTo(form), timeout=WAIT_MS)
    return form.error.text()


def profile_bytes(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())


def test_an_account_added_in_the_dialog_keeps_its_password_only_in_the_keyring(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    dialog = accounts_dialog
    assert dialog.empty.isVisibleTo(dialog) and not dialog.edit_button.isEnabled()
    form = dialog.add()
    fill(form, dovecot)

    save(qtbot, dialog, form)

    (account,) = desk.accounts()
    assert (account.name, account.email, account.display_name) == (
        "work",
        "sam@example.net",
        "Sam Writer",
    )
    assert account.imap.security == Security.TLS  # 993-style port → from the port
    assert dialog.list.count() == 1 and "work — sam@example.net" in dialog.list.item(0).text()
    assert keyring.get_password("foidesk", account.keyring_key) == PASSWORD
    assert PASSWORD.encode() not in profile_bytes(desk.profile.data_dir)
    assert dialog.forms == []  # the form, and the password typed into it, are gone


def test_edit_changes_the_account_and_a_new_password_replaces_the_old(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    dialog = accounts_dialog
    form = dialog.add()
    fill(form, dovecot)
    save(qtbot, dialog, form)
    edit = dialog.edit()
    assert edit is not None and edit.name.text() == "work" and edit.password.text() == ""
    edit.display_name.setText("Sam W.")
    save(qtbot, dialog, edit)  # no password typed: the kept one stays
    (account,) = desk.accounts()
    assert account.display_name == "Sam W."
    assert keyring.get_password("foidesk", account.keyring_key) == PASSWORD

    again = dialog.edit()
    assert again is not None
    again.password.setText("Another-pw-0e2")
    save(qtbot, dialog, again)
    assert keyring.get_password("foidesk", account.keyring_key) == "Another-pw-0e2"


def test_plain_to_another_computer_is_refused_with_the_cores_sentence(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    form = accounts_dialog.add()
    fill(form, dovecot, imap="mail.example.org:143", smtp="mail.example.org:25")
    form.security.setCurrentIndex(form.security.findData(Security.PLAIN))

    text = refused(qtbot, form)

    assert text.startswith("Security plain sends the password unencrypted")
    assert "not mail.example.org" in text
    assert desk.accounts() == []
    assert form.isVisible()  # nothing typed is lost


def test_no_usable_keyring_stores_nothing_and_says_so(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    form = accounts_dialog.add()
    fill(form, dovecot)
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        text = refused(qtbot, form)
    finally:
        keyring.set_keyring(previous)

    assert text.startswith("No OS keyring is available to keep the password")
    assert "nothing was stored" in text
    assert desk.accounts() == []
    assert PASSWORD.encode() not in profile_bytes(desk.profile.data_dir)


def test_test_tries_both_servers_and_shows_each_result(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    dialog = accounts_dialog
    form = dialog.add()
    fill(form, dovecot)
    save(qtbot, dialog, form)

    with qtbot.waitSignal(dialog.tested, timeout=WAIT_MS) as tried:
        dialog.test_button.click()

    check = tried.args[0]
    assert isinstance(check, AccountCheck)
    imap, smtp = check.servers
    assert imap.error is None and "LOGIN" in imap.steps
    lines = dialog.results.toPlainText().splitlines()
    assert lines[0] == f"IMAP {imap.endpoint}: works ({', '.join(imap.steps)})"
    assert lines[1].startswith(f"SMTP {smtp.endpoint}: ")
    if smtp.error is None:
        assert "AUTH" in lines[1]
    else:
        assert smtp.error in lines[1]

    dovecot.stop()
    with qtbot.waitSignal(dialog.tested, timeout=WAIT_MS):
        dialog.test_button.click()
    assert "refused the connection" in dialog.results.toPlainText().splitlines()[0]


def test_remove_asks_and_takes_the_keyring_entry(
    qtbot: QtBot, desk: Desk, dovecot: ImapServer, accounts_dialog: MailAccountsDialog
) -> None:
    dialog = accounts_dialog
    form = dialog.add()
    fill(form, dovecot)
    save(qtbot, dialog, form)
    (account,) = desk.accounts()

    dialog.remove(confirm=lambda _a: False)  # the user said no
    qtbot.waitUntil(lambda: not dialog._worker.busy, timeout=WAIT_MS)
    assert len(desk.accounts()) == 1

    asked: list[str] = []
    with qtbot.waitSignal(dialog.listed, timeout=WAIT_MS):
        dialog.remove(confirm=lambda a: asked.append(a.name) or True)

    assert asked == ["work"]
    assert desk.accounts() == [] and dialog.list.count() == 0
    assert keyring.get_password("foidesk", account.keyring_key) is None


def test_removing_an_account_while_it_is_fetched_waits_for_the_fetch_to_stop(
    qtbot: QtBot, window: MainWindow, mailroom: Mailroom, accounts_dialog: MailAccountsDialog
) -> None:
    from mailmaker import make_email

    mailroom.server.append(
        USER,
        [
            make_email(
                sender="Clerk <clerk@elsewhere.example>",
                subject=f"Re: your request {n}",
                message_id=f"<busy-{n}@elsewhere.example>",
                in_reply_to=f"<{REQUEST_MESSAGE_ID}>",
            )
            for n in range(40)
        ],
    )
    dialog, fetching = accounts_dialog, window.mail.fetching
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=WAIT_MS)
    outcomes: list[object] = []
    fetching.finished.connect(outcomes.append)
    fetching.check_mail()  # or the window's own first fetch is running already
    assert fetching.running

    with qtbot.waitSignal(dialog.listed, timeout=WAIT_MS):
        dialog.remove(confirm=lambda _a: True)

    assert len(outcomes) == 1  # the fetch ended (stopped, or done) before the removal
    assert mailroom.desk.accounts() == []
    assert keyring.get_password("foidesk", mailroom.account.keyring_key) is None


def test_the_mail_menu_and_the_mail_page_of_preferences_open_the_accounts(
    qtbot: QtBot, window: MainWindow
) -> None:
    from PySide6.QtWidgets import QPushButton

    from foidesk.gui.mail_fetching import MailSettingsPage

    assert window.menus.mail.title() == "&Mail"
    shown = [a.text() for a in window.menus.mail.actions() if not a.isSeparator()]
    assert shown == ["&Check mail", "Mail &accounts…", "&Outbox…"]
    window.mail.accounts.trigger()
    from_menu = window.findChild(MailAccountsDialog)
    assert from_menu is not None and from_menu.isVisible()
    from_menu.close()

    prefs = window.show_preferences()
    page = prefs.findChild(MailSettingsPage, "mail-settings")
    assert page is not None
    (button,) = [b for b in page.findChildren(QPushButton) if b.text() == "Mail &accounts…"]
    button.click()
    over_prefs = prefs.findChild(MailAccountsDialog)
    assert over_prefs is not None and over_prefs.isVisible()
    over_prefs.close()
    prefs.close()
