"""Passwords live in the OS keyring only; without a usable one nothing is stored."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest
from account_fixtures import PASSWORD, new_account
from imap_server import ImapServer
from keyring_server import Keyring

from foidesk.core.accounts import AccountError, KeyringUnavailableError
from foidesk.core.accounts.passwords import SERVICE
from foidesk.core.desk import Desk


@pytest.fixture
def broken_keyring(request: pytest.FixtureRequest) -> Iterator[None]:
    before = keyring.get_keyring()
    keyring.set_keyring(request.param())
    try:
        yield
    finally:
        keyring.set_keyring(before)


@pytest.mark.sqlite_only  # reads the SQLite file's bytes for the password
def test_the_password_is_in_the_keyring_and_nowhere_in_the_profile(
    desk: Desk, dovecot: ImapServer, keyring_session: Keyring
) -> None:
    account = desk.add_account(new_account(dovecot), PASSWORD)
    assert keyring.get_password(SERVICE, account.keyring_key) == PASSWORD
    desk.set_setting("identity.emails", "sam@example.net")
    desk.fetch_mail()
    folder = desk.profile.data_dir
    desk.close()
    stored = b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())
    assert b"sam@example.net" in stored  # the search below reads what is really there
    for form in (PASSWORD.encode(), PASSWORD.encode("utf-16-le")):
        assert form not in stored
    desk.reopen()


def test_removing_an_account_removes_its_password(
    desk: Desk, dovecot: ImapServer, keyring_session: Keyring
) -> None:
    account = desk.add_account(new_account(dovecot), PASSWORD)
    desk.remove_account("work")
    assert keyring.get_password(SERVICE, account.keyring_key) is None
    assert desk.accounts() == []


def test_a_second_account_of_the_same_name_is_refused_untouched(
    desk: Desk, dovecot: ImapServer, keyring_session: Keyring
) -> None:
    first = desk.add_account(new_account(dovecot), PASSWORD)
    with pytest.raises(AccountError, match="already an account named work"):
        desk.add_account(new_account(dovecot), "another")
    assert keyring.get_password(SERVICE, first.keyring_key) == PASSWORD


@pytest.mark.parametrize(
    "broken_keyring", [keyring.backends.fail.Keyring, keyring.backends.null.Keyring], indirect=True
)
def test_without_a_usable_keyring_nothing_is_stored(
    desk: Desk, dovecot: ImapServer, broken_keyring: None
) -> None:
    with pytest.raises(KeyringUnavailableError, match="no OS keyring is available"):
        desk.add_account(new_account(dovecot), PASSWORD)
    assert desk.accounts() == []
    folder = desk.profile.data_dir
    assert not any(PASSWORD.encode() in p.read_bytes() for p in folder.rglob("*") if p.is_file())
