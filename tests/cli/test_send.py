"""``foidesk send`` and ``foidesk outbox`` as a user runs them, in real processes, against
the test's Dovecot submission server relaying to a real SMTP receiver."""

from __future__ import annotations

import email
import email.policy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from account_fixtures import AUTHORITY_EMAIL, PASSWORD, USER, keyring_session  # noqa: F401
from imap_server import ImapServer, running_server, submission_available
from keyring_server import Keyring
from smtp_receiver import SmtpReceiver, running_receiver


class Cli:
    def __init__(self, data_dir: Path, environment: dict[str, str]) -> None:
        self.data_dir = data_dir
        self.env = {**os.environ, **environment, "FOIDESK_DATA_DIR": str(data_dir)}

    def __call__(self, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "foidesk", *args],
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
        )

    def ok(self, *args: str, stdin: str | None = None) -> str:
        done = self(*args, stdin=stdin)
        assert done.returncode == 0, done.stderr
        return done.stdout

    def add_account(self, server: ImapServer, name: str = "work") -> None:
        self.ok(
            "account", "add", name, "--email", "sam@example.net", "--user", USER,
            "--display-name", "Sam Writer",
            "--imap", f"localhost:{server.imaps_port}",
            "--smtp", f"localhost:{server.submission_port}",
            "--ca-file", str(server.certificates.ca_file), "--password-stdin",
            stdin=PASSWORD + "\n",
        )  # fmt: skip


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


@pytest.fixture
def cli(tmp_path: Path, keyring_session: Keyring) -> Cli:  # noqa: F811
    run = Cli(tmp_path / "profile", keyring_session.environment())
    run.ok("authority", "add", "Council", "--email", AUTHORITY_EMAIL)
    run.ok("authority", "add", "Silent Office")
    run.ok("request", "add", "--title", "Pothole repairs", "--authority", "Council",
           "--sent", "2024-04-01")  # fmt: skip
    return run


def test_send_prints_the_new_message_and_the_thread_has_it(
    cli: Cli, server: ImapServer, receiver: SmtpReceiver, tmp_path: Path
) -> None:
    cli.add_account(server)
    body = tmp_path / "letter.txt"
    body.write_text("Dear FOI team,\n\nPlease review my request.\n", encoding="utf-8")
    annex = tmp_path / "annex.txt"
    annex.write_text("the annex\n", encoding="utf-8")

    out = cli.ok(
        "send", "1", "--kind", "internal_review_request", "--subject", "Internal review",
        "--body-file", str(body), "--attach", str(annex), "--json",
    )  # fmt: skip

    sent = json.loads(out)
    assert sent["kind"] == "internal_review_request" and sent["to"] == AUTHORITY_EMAIL
    assert sent["account"] == "work" and sent["sent_now"] is True
    assert "Sent" in sent["sent_copy"]
    (mail,) = receiver.wait_for(1)
    parsed = email.message_from_bytes(mail.data, policy=email.policy.default)
    assert parsed["Message-ID"] == f"<{sent['email_message_id']}>"
    assert [a.get_filename() for a in parsed.iter_attachments()] == ["annex.txt"]
    shown = json.loads(cli.ok("request", "show", "1", "--json"))
    outgoing = [m for m in shown["messages"] if m["id"] == sent["message_id"]]
    assert [(m["direction"], m["kind"]) for m in outgoing] == [
        ("outgoing", "internal_review_request")
    ]
    assert json.loads(cli.ok("outbox", "--json")) == []


def test_plain_send_prints_only_the_id(cli: Cli, server: ImapServer, tmp_path: Path) -> None:
    cli.add_account(server)
    body = tmp_path / "letter.txt"
    body.write_text("Any news?\n", encoding="utf-8")
    done = cli("send", "1", "--kind", "follow_up", "--subject", "News?", "--body-file", str(body))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().isdigit()


def test_a_failure_waits_in_the_outbox_and_retry_sends_it(
    cli: Cli, server: ImapServer, receiver: SmtpReceiver, tmp_path: Path
) -> None:
    cli.add_account(server)
    body = tmp_path / "letter.txt"
    body.write_text("Any news?\n", encoding="utf-8")
    server.stop()

    done = cli("send", "1", "--kind", "follow_up", "--subject", "News?", "--body-file", str(body))

    assert done.returncode == 1
    assert done.stderr.startswith("foidesk: the SMTP server localhost:")
    assert "waits in the outbox as 1 (foidesk outbox retry 1)" in done.stderr
    assert "Traceback" not in done.stderr
    (waiting,) = json.loads(cli.ok("outbox", "--json"))
    assert waiting["state"] == "failed" and "refused the connection" in waiting["reason"]
    assert "[failed]" in cli.ok("outbox")

    server.start()
    retried = json.loads(cli.ok("outbox", "retry", "1", "--json"))

    assert retried["letter"] == 1 and retried["sent_now"] is True
    assert len(receiver.wait_for(1)) == 1
    assert cli.ok("outbox").strip() == "the outbox is empty"


def test_discard_and_the_clear_refusals(cli: Cli, server: ImapServer, tmp_path: Path) -> None:
    body = tmp_path / "letter.txt"
    body.write_text("Any news?\n", encoding="utf-8")
    send = ("send", "1", "--kind", "follow_up", "--subject", "News?", "--body-file", str(body))

    none = cli(*send)
    cli.add_account(server, "work")
    cli.add_account(server, "home")
    several = cli(*send)
    no_address = cli(
        "send", "2", "--kind", "request", "--subject", "S", "--body-file", str(body)
    )  # request 2 does not exist yet: the id is checked too
    cli.ok("request", "add", "--title", "Minutes", "--authority", "Silent Office",
           "--sent", "2024-04-02")  # fmt: skip
    silent = cli("send", "2", "--kind", "request", "--subject", "S", "--body-file", str(body),
                 "--account", "home")  # fmt: skip

    assert none.returncode == 1 and "no mail account to send from" in none.stderr
    assert several.returncode == 1
    assert several.stderr.strip() == (
        "foidesk: there are several accounts (home, work); choose one with --account"
    )
    assert no_address.returncode == 1 and "no request with id 2" in no_address.stderr
    assert silent.returncode == 1 and "Silent Office has no FOI email address" in silent.stderr

    server.stop()
    failed = cli(*send, "--account", "home")
    assert failed.returncode == 1
    (letter,) = json.loads(cli.ok("outbox", "--json"))
    assert cli.ok("outbox", "discard", str(letter["id"])).startswith("discarded letter")
    assert json.loads(cli.ok("outbox", "--json")) == []
    gone = cli("outbox", "retry", str(letter["id"]))
    assert gone.returncode == 1 and "no letter" in gone.stderr
