"""Every way a server can fail a fetch is one clear sentence, and nothing is lost."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
import sqlalchemy
from account_fixtures import PASSWORD, USER, Mailroom, new_account
from imap_server import ImapServer
from keyring_server import Keyring
from mailmaker import make_email
from ports import free_port

from foidesk.core.accounts import Security
from foidesk.core.desk import Desk
from foidesk.core.progress import Cancelled


def authority_mails(count: int) -> list[bytes]:
    return [
        make_email(
            subject=f"Part {n} of our response", message_id=f"<part-{n}@council.example.gov.uk>"
        )
        for n in range(count)
    ]


def fetch_error(desk: Desk, name: str) -> str:
    (result,) = desk.fetch_mail(name).accounts
    assert result.error is not None
    assert "Traceback" not in result.error and "\n" not in result.error
    return result.error


@pytest.fixture
def server_and_desk(
    desk: Desk, dovecot: ImapServer, keyring_session: Keyring
) -> tuple[Desk, ImapServer]:
    return desk, dovecot


def test_a_server_that_is_down(server_and_desk: tuple[Desk, ImapServer]) -> None:
    desk, server = server_and_desk
    desk.add_account(new_account(server, imap=f"localhost:{free_port()}"), PASSWORD)
    assert "refused the connection (is it down" in fetch_error(desk, "work")


def test_a_wrong_password(server_and_desk: tuple[Desk, ImapServer]) -> None:
    desk, server = server_and_desk
    desk.add_account(new_account(server), "not-the-password")
    error = fetch_error(desk, "work")
    assert "refused the user name or password of account work" in error


def test_a_certificate_for_another_name(server_and_desk: tuple[Desk, ImapServer]) -> None:
    desk, server = server_and_desk
    desk.add_account(new_account(server, imap=f"127.0.0.1:{server.imaps_port}"), PASSWORD)
    assert "certificate for another name than 127.0.0.1" in fetch_error(desk, "work")
    assert PASSWORD.encode() not in server.sent_to_clients()


def test_a_certificate_from_an_unknown_authority(server_and_desk: tuple[Desk, ImapServer]) -> None:
    desk, server = server_and_desk
    desk.add_account(new_account(server, ca_file=None), PASSWORD)
    assert "not from an authority this computer trusts" in fetch_error(desk, "work")


def test_starttls_and_loopback_plain_both_fetch(server_and_desk: tuple[Desk, ImapServer]) -> None:
    desk, server = server_and_desk
    server.append(USER, authority_mails(1))
    imap = f"localhost:{server.imap_port}"
    desk.add_account(
        new_account(server, name="upgraded", imap=imap, security=Security.STARTTLS), PASSWORD
    )
    desk.add_account(
        new_account(server, name="loopback", imap=imap, security=Security.PLAIN), PASSWORD
    )
    for name in ("upgraded", "loopback"):
        (result,) = desk.fetch_mail(name).accounts
        assert result.error is None and result.left_alone + result.unfiled + result.duplicates == 1


@pytest.mark.sqlite_only  # reads the SQLite file's bytes for what was stored
def test_the_connection_lost_mid_fetch_then_resumed(mailroom: Mailroom) -> None:
    room = mailroom
    room.server.append(USER, authority_mails(150))
    database = room.desk.profile.sqlite_path
    assert database is not None

    def stop_once_some_are_in() -> None:
        deadline = time.monotonic() + 60
        with sqlite3.connect(database) as watch:
            while time.monotonic() < deadline:
                (count,) = watch.execute("SELECT count(*) FROM message").fetchone()
                if count >= 20:
                    room.server.stop()
                    return
                time.sleep(0.01)
        watch.close()

    stopper = threading.Thread(target=stop_once_some_are_in)
    stopper.start()
    (cut,) = room.desk.fetch_mail().accounts
    stopper.join()

    assert cut.error is not None and "was lost during the fetch" in cut.error, cut.error
    assert 0 < cut.filed < 150
    assert f"{cut.filed} mail(s) were filed before it" in cut.error
    room.server.start()
    (resumed,) = room.desk.fetch_mail().accounts
    assert resumed.error is None
    assert cut.filed + resumed.filed == 150
    assert resumed.duplicates <= 50  # at most the mails after the last mark, and known


class StopOnceSomeAreIn:
    """A fetch's progress that is cancelled once 20 mails are in the database; the
    cancel shuts the connection, so a download in flight ends mid-read."""

    def __init__(self, database_url: str) -> None:
        self.stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, args=(database_url,), daemon=True)
        self._thread.start()

    def _watch(self, database_url: str) -> None:
        """Counts the messages through a connection of its own, on either engine."""
        deadline = time.monotonic() + 60
        engine = sqlalchemy.create_engine(database_url)
        try:
            while time.monotonic() < deadline and not self.stop.is_set():
                with engine.connect() as watch:
                    count = watch.execute(sqlalchemy.text("SELECT count(*) FROM message")).scalar()
                if count is not None and count >= 20:
                    self.stop.set()
                time.sleep(0.01)
        finally:
            engine.dispose()

    def report(self, done: int, total: int | None, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return self.stop.is_set()


def test_a_cancel_that_shuts_the_connection_keeps_the_mark_at_the_last_mail_done(
    mailroom: Mailroom,
) -> None:
    room = mailroom
    room.server.append(USER, authority_mails(150))
    before = len(room.desk.get_request(room.request_id).messages)
    progress = StopOnceSomeAreIn(room.desk.profile.database_url)

    with pytest.raises(Cancelled):
        room.desk.fetch_mail(progress=progress)

    kept = len(room.desk.get_request(room.request_id).messages) - before
    assert 0 < kept < 150
    (resumed,) = room.desk.fetch_mail().accounts
    assert resumed.error is None
    assert (kept + resumed.filed, resumed.duplicates) == (150, 0)  # none lost, none twice
