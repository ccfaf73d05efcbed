"""``foidesk account …`` and ``foidesk fetch`` as a user runs them, in real processes."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from account_fixtures import (  # noqa: F401  (fixtures)
    AUTHORITY_EMAIL,
    PASSWORD,
    USER,
    dovecot,
    keyring_session,
)
from imap_server import ImapServer
from keyring_server import Keyring
from mailmaker import make_email


class Foidesk:
    """Runs the command line on one profile, with the test's keyring."""

    def __init__(self, data_dir: Path, environment: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.env = {**os.environ, **environment, "FOIDESK_DATA_DIR": str(data_dir)}
        self.env.pop("LANGUAGE", None)

    def command(self, *args: str) -> list[str]:
        return [sys.executable, "-m", "foidesk", *args]

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(*args), env=self.env, input=stdin, capture_output=True, text=True
        )

    def add_account(self, server: ImapServer, *extra: str, password: str = PASSWORD) -> None:
        done = self(
            "account", "add", "work", "--email", "sam@example.net", "--user", USER,
            "--imap", f"localhost:{server.imaps_port}",
            "--smtp", f"localhost:{server.submission_port or 587}",
            "--ca-file", str(server.certificates.ca_file), "--password-stdin", *extra,
            stdin=password + "\n",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr

    def messages(self) -> list[tuple[str, int | None]]:
        with sqlite3.connect(self.data_dir / "foidesk.sqlite3") as db:
            rows = db.execute("SELECT message_id, request_id FROM message").fetchall()
        db.close()
        return rows


@pytest.fixture
def foidesk(tmp_path: Path, keyring_session: Keyring) -> Foidesk:  # noqa: F811
    return Foidesk(tmp_path / "profile", keyring_session.environment())


@pytest.fixture
def council(foidesk: Foidesk) -> Iterator[Foidesk]:
    done = foidesk("authority", "add", "Council", "--email", AUTHORITY_EMAIL)
    assert done.returncode == 0, done.stderr
    done = foidesk(
        "request", "add", "--title", "Pothole repairs", "--authority", "Council",
        "--sent", "2024-04-01",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    yield foidesk


def test_add_list_test_and_remove(foidesk: Foidesk, dovecot: ImapServer) -> None:  # noqa: F811
    foidesk.add_account(dovecot)
    listed = json.loads(foidesk("account", "list", "--json").stdout)
    assert listed == [
        {
            "name": "work",
            "email": "sam@example.net",
            "display_name": "",
            "imap": {"host": "localhost", "port": dovecot.imaps_port, "security": "tls"},
            "smtp": {
                "host": "localhost",
                "port": dovecot.submission_port or 587,
                "security": "starttls",
            },
            "user": USER,
            "ca_file": str(dovecot.certificates.ca_file),
            "auth": "password",
        }
    ]
    tested = foidesk("account", "test", "work")
    assert "IMAP: ok (connected to" in tested.stdout
    if dovecot.submission_port is not None:
        assert tested.returncode == 0, tested.stderr
        assert "SMTP: ok" in tested.stdout and "EHLO, STARTTLS, AUTH" in tested.stdout
    removed = foidesk("account", "remove", "work")
    assert removed.returncode == 0 and "removed account work" in removed.stdout
    assert json.loads(foidesk("account", "list", "--json").stdout) == []


def test_a_wrong_password_is_one_sentence(foidesk: Foidesk, dovecot: ImapServer) -> None:  # noqa: F811
    foidesk.add_account(dovecot, password="wrong-one")
    fetched = foidesk("fetch")
    assert fetched.returncode == 1
    assert "refused the user name or password of account work" in fetched.stderr
    assert "Traceback" not in fetched.stderr
    tested = foidesk("account", "test", "work")
    assert tested.returncode == 1 and "Traceback" not in tested.stderr
    assert "IMAP: the IMAP server" in tested.stderr and "SMTP: the SMTP server" in tested.stderr


def test_plain_off_this_computer_is_refused(foidesk: Foidesk) -> None:
    refused = foidesk(
        "account", "add", "x", "--email", "sam@example.net", "--imap", "imap.example.org:143",
        "--smtp", "smtp.example.org:25", "--security", "plain", "--password-stdin", stdin="pw\n",
    )  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith("foidesk: security plain sends the password unencrypted")


def test_without_a_keyring_nothing_is_stored(tmp_path: Path, dovecot: ImapServer) -> None:  # noqa: F811
    nowhere = Foidesk(
        tmp_path / "profile", {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path}/no-bus"}
    )
    refused = nowhere(
        "account", "add", "work", "--email", "sam@example.net",
        "--imap", f"localhost:{dovecot.imaps_port}", "--smtp", "localhost:587",
        "--password-stdin", stdin=PASSWORD + "\n",
    )  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.startswith("foidesk: no OS keyring is available")
    assert refused.stderr.count("\n") == 1
    assert json.loads(nowhere("account", "list", "--json").stdout) == []
    stored = b"".join(p.read_bytes() for p in (tmp_path / "profile").rglob("*") if p.is_file())
    assert PASSWORD.encode() not in stored


def test_no_password_anywhere_in_the_profile_or_its_backup(
    council: Foidesk,
    dovecot: ImapServer,  # noqa: F811
) -> None:
    council.add_account(dovecot)
    dovecot.append(USER, [make_email(message_id="<one@council.example.gov.uk>")])
    assert council("fetch").returncode == 0
    assert council("backup", "create").returncode == 0
    files = [p for p in council.data_dir.rglob("*") if p.is_file()]
    assert any(p.suffix == ".zip" for p in files) or any("backup" in str(p) for p in files)
    for path in files:
        assert PASSWORD.encode() not in path.read_bytes(), path


def test_fetch_reports_per_account(council: Foidesk, dovecot: ImapServer) -> None:  # noqa: F811
    council.add_account(dovecot)
    dovecot.append(
        USER,
        [
            make_email(message_id="<ack@council.example.gov.uk>"),
            make_email(sender="pal@friends.example", message_id="<p@friends.example>"),
        ],
    )
    fetched = council("fetch", "--json")
    assert fetched.returncode == 0, fetched.stderr
    (account,) = json.loads(fetched.stdout)["accounts"]
    assert {k: account[k] for k in ("account", "filed", "unfiled", "duplicates", "left_alone")} == {
        "account": "work",
        "filed": 1,
        "unfiled": 0,
        "duplicates": 0,
        "left_alone": 1,
    }
    assert account["errors"] == []
    again = council("fetch")
    assert again.stdout.startswith("work: 0 mails filed, 0 unfiled, 0 duplicates, 0 left alone")


def test_a_fetch_killed_mid_run_resumes_without_loss_or_duplicates(
    council: Foidesk,
    dovecot: ImapServer,  # noqa: F811
) -> None:
    total = 300
    council.add_account(dovecot)
    dovecot.append(
        USER,
        [make_email(message_id=f"<part-{n}@council.example.gov.uk>") for n in range(total)],
    )
    process = subprocess.Popen(
        council.command("fetch"),
        env=council.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while len(council.messages()) < 60 and time.monotonic() < deadline:
        assert process.poll() is None, "the fetch finished before it could be killed"
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    killed_at = len(council.messages())
    assert 60 <= killed_at < total

    resumed = council("fetch", "--json")

    assert resumed.returncode == 0, resumed.stderr
    ids = [message_id for message_id, _ in council.messages()]
    assert len(ids) == total and len(set(ids)) == total
    (account,) = json.loads(resumed.stdout)["accounts"]
    assert account["filed"] + killed_at == total
