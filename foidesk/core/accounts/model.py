"""What a mail account is, as the faces see it, and the checks a new one must pass.

One account both receives (IMAP) and, later, sends (SMTP) for one address. Security
is chosen per server, from the port when not given: a provider commonly has IMAP on
993 with TLS and SMTP on 587 with STARTTLS. Certificates are always verified — against
the system's authorities, or the CA file given for a company's or a self-signed
certificate. ``plain`` (no encryption at all) is allowed only on this computer's own
loopback, where nothing crosses a network.
"""

from __future__ import annotations

import ipaddress
import ssl
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from foidesk.core.accounts.errors import AccountError
from foidesk.core.i18n import _


class Security(StrEnum):
    TLS = "tls"  # TLS from the first byte (IMAPS 993, SMTPS 465)
    STARTTLS = "starttls"  # a plain connection upgraded before login (IMAP 143, SMTP 587)
    PLAIN = "plain"  # no encryption: loopback only


class Auth(StrEnum):
    PASSWORD = "password"  # a password or app password, kept in the OS keyring


#: The security a port usually means, when none is given.
PORT_SECURITY = {993: Security.TLS, 465: Security.TLS, 143: Security.STARTTLS}
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
MAX_NAME = 100


@dataclass(frozen=True)
class Endpoint:
    host: str
    port: int
    security: Security

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


@dataclass(frozen=True)
class NewAccount:
    """An account as the user gives it; ``username`` empty means the address."""

    name: str
    email: str
    imap: str
    smtp: str
    display_name: str = ""
    username: str = ""
    security: Security | None = None
    ca_file: Path | None = None


@dataclass(frozen=True)
class AccountRecord:
    id: int
    name: str
    email: str
    display_name: str
    imap: Endpoint
    smtp: Endpoint
    username: str
    ca_file: Path | None
    auth: Auth
    keyring_key: str
    created_at: datetime


def parse_endpoint(text: str, what: str, security: Security | None) -> Endpoint:
    """``HOST:PORT`` (``[::1]:993`` for an IPv6 address) with its security."""
    host, sep, port_text = text.strip().rpartition(":")
    host = host.strip().removeprefix("[").removesuffix("]")
    if not sep or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AccountError(
            _("the {what} server must be given as HOST:PORT, such as {example}").format(
                what=what,
                example="imap.example.org:993" if what == "IMAP" else "smtp.example.org:587",
            )
        )
    port = int(port_text)
    chosen = security or PORT_SECURITY.get(
        port, Security.STARTTLS if what == "SMTP" else Security.TLS
    )
    if chosen == Security.PLAIN and not is_loopback(host):
        raise AccountError(
            _(
                "security plain sends the password unencrypted, so foidesk allows it only "
                "for a server on this computer, not {host}; use tls or starttls"
            ).format(host=host)
        )
    return Endpoint(host.lower(), port, chosen)


def is_loopback(host: str) -> bool:
    """This computer itself, by name or address (a name is not looked up: what it
    resolves to can change)."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_name(name: str) -> str:
    name = name.strip()
    if not name:
        raise AccountError(_("an account needs a name"))
    if len(name) > MAX_NAME:
        raise AccountError(_("an account name is at most {n} characters").format(n=MAX_NAME))
    return name


def check_email(address: str) -> str:
    address = address.strip()
    local, at, domain = address.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in address):
        raise AccountError(_("{address!r} is not an email address").format(address=address))
    return address


def check_ca_file(path: Path | None) -> Path | None:
    """A CA file must be readable and hold certificates now, not at the first fetch."""
    if path is None:
        return None
    path = path.expanduser().resolve()
    try:
        ssl.create_default_context(cafile=str(path))
    except FileNotFoundError:
        raise AccountError(_("no such CA file: {path}").format(path=path)) from None
    except (ssl.SSLError, OSError, ValueError):
        raise AccountError(
            _("{path} holds no certificate foidesk can read (a PEM file is needed)").format(
                path=path
            )
        ) from None
    return path


@dataclass(frozen=True)
class ServerCheck:
    """What worked in trying one server, and the sentence of what did not."""

    protocol: str  # "IMAP" or "SMTP"
    endpoint: Endpoint
    steps: tuple[str, ...]
    error: str | None = None


@dataclass(frozen=True)
class AccountCheck:
    account: str
    servers: tuple[ServerCheck, ...]

    @property
    def ok(self) -> bool:
        return all(s.error is None for s in self.servers)
