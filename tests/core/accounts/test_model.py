"""An account is checked whole before anything is kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from foidesk.core.accounts import AccountError, Security
from foidesk.core.accounts.model import check_ca_file, check_email, parse_endpoint


def test_security_follows_the_port_when_not_given() -> None:
    assert parse_endpoint("imap.example.org:993", "IMAP", None).security == Security.TLS
    assert parse_endpoint("imap.example.org:143", "IMAP", None).security == Security.STARTTLS
    assert parse_endpoint("smtp.example.org:587", "SMTP", None).security == Security.STARTTLS
    assert parse_endpoint("smtp.example.org:465", "SMTP", None).security == Security.TLS
    assert parse_endpoint("[::1]:1143", "IMAP", Security.PLAIN).host == "::1"


@pytest.mark.parametrize("text", ["imap.example.org", "imap.example.org:0", ":993", "h:99999"])
def test_a_server_must_be_host_and_port(text: str) -> None:
    with pytest.raises(AccountError, match="HOST:PORT"):
        parse_endpoint(text, "IMAP", None)


def test_plain_is_refused_off_this_computer_and_says_why() -> None:
    with pytest.raises(AccountError, match=r"unencrypted.*only for a server on this computer"):
        parse_endpoint("imap.example.org:143", "IMAP", Security.PLAIN)
    with pytest.raises(AccountError, match=r"not 10\.0\.0\.5"):
        parse_endpoint("10.0.0.5:143", "IMAP", Security.PLAIN)
    for host in ("localhost", "127.0.0.1", "127.8.9.10"):
        assert parse_endpoint(f"{host}:143", "IMAP", Security.PLAIN).security == Security.PLAIN


def test_a_ca_file_must_hold_a_certificate(tmp_path: Path) -> None:
    with pytest.raises(AccountError, match="no such CA file"):
        check_ca_file(tmp_path / "missing.pem")
    junk = tmp_path / "junk.pem"
    junk.write_text("not a certificate\n")
    with pytest.raises(AccountError, match="holds no certificate"):
        check_ca_file(junk)


def test_an_address_is_checked() -> None:
    assert check_email(" sam@example.net ") == "sam@example.net"
    with pytest.raises(AccountError, match="is not an email address"):
        check_email("sam at example")
