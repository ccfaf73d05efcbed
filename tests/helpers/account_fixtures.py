"""Fixtures for the mail-account tests: a private keyring for the session, a Dovecot of
the test's own, and a profile with an authority, a request and an account on it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from imap_server import ImapServer, running_server
from keyring_server import Keyring, private_keyring

from foidesk.core.accounts import AccountRecord, NewAccount
from foidesk.core.desk import Desk
from foidesk.core.records import NewMessage, NewRequest

USER = "sam"
PASSWORD = "Zebra-pw-4f1c-unique"
AUTHORITY_EMAIL = "foi@council.example.gov.uk"
REFERENCE = "FOI-2024-0042"
REQUEST_MESSAGE_ID = "req-1@example.net"


@pytest.fixture(scope="session")
def keyring_session() -> Iterator[Keyring]:
    with private_keyring() as started:
        yield started


@pytest.fixture
def dovecot() -> Iterator[ImapServer]:
    with running_server({USER: PASSWORD, "other": "other-pw-9"}) as server:
        yield server


@dataclass(frozen=True)
class Mailroom:
    """A desk whose one open request (to the council) has its first message sent, and
    an account on the test's Dovecot."""

    desk: Desk
    server: ImapServer
    account: AccountRecord
    request_id: int


def new_account(server: ImapServer, name: str = "work", **changes: object) -> NewAccount:
    values: dict[str, object] = {
        "name": name,
        "email": "sam@example.net",
        "imap": f"{server.host}:{server.imaps_port}",
        "smtp": f"{server.host}:{server.submission_port or 587}",
        "username": USER,
        "ca_file": server.certificates.ca_file,
    }
    values.update(changes)
    return NewAccount(**values)  # type: ignore[arg-type]


def add_request(desk: Desk) -> int:
    desk.add_authority("Council", email=AUTHORITY_EMAIL)
    detail = desk.add_request(
        NewRequest(
            title="Pothole repair spending",
            authority="Council",
            sent_on=date(2024, 4, 1),
            reference=REFERENCE,
        )
    )
    request_id = detail.summary.id
    desk.add_message(
        request_id,
        NewMessage(
            direction="outgoing",
            kind="request",
            subject="Freedom of Information request: pothole repairs",
            message_id=REQUEST_MESSAGE_ID,
            from_addr="sam@example.net",
        ),
    )
    return request_id


@pytest.fixture
def mailroom(desk: Desk, dovecot: ImapServer, keyring_session: Keyring) -> Mailroom:
    request_id = add_request(desk)
    account = desk.add_account(new_account(dovecot), PASSWORD)
    return Mailroom(desk, dovecot, account, request_id)
