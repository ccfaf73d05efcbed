"""Connecting to an account's servers, and every way that fails, as one sentence.

TLS always verifies the server's certificate and name: against the system's
authorities, or only the account's CA file when one is given (a company's own CA, or
a self-signed server). The sentences say what the user can do about each failure.
"""

from __future__ import annotations

import errno
import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from imapclient import IMAPClient
from imapclient.exceptions import LoginError

from foidesk.core.accounts.aborting import Abort, AbortableIMAPClient
from foidesk.core.accounts.errors import MailServerError
from foidesk.core.accounts.model import AccountRecord, Endpoint, Security
from foidesk.core.i18n import _

TIMEOUT_SECONDS = 30.0
#: OpenSSL's codes for a certificate from an authority the context does not trust.
_UNKNOWN_ISSUER = frozenset({2, 18, 19, 20, 21})
_NAME_MISMATCH = frozenset({62, 64})  # a host name, an IP address
_EXPIRED = 10


def tls_context(ca_file: Path | None) -> ssl.SSLContext:
    """Verification on, names checked, TLS 1.2 at least."""
    context = ssl.create_default_context(cafile=str(ca_file) if ca_file else None)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


@contextmanager
def imap_session(
    account: AccountRecord,
    password: str,
    timeout: float = TIMEOUT_SECONDS,
    abort: Abort | None = None,
) -> Iterator[IMAPClient]:
    """A logged-in IMAP connection, logged out afterwards. Failures to connect or log
    in become ``MailServerError``; failures while in use are the caller's to word.
    With ``abort``, firing it from another thread ends any wait on the server."""
    endpoint = account.imap
    try:
        client = _connect_imap(endpoint, account.ca_file, timeout, abort or Abort())
    except (OSError, imaplib.IMAP4.error) as exc:
        raise connection_error(exc, endpoint, "IMAP") from exc
    try:
        try:
            client.login(account.username, password)
        except LoginError:
            raise MailServerError(
                _(
                    "the IMAP server {endpoint} refused the user name or password of "
                    "account {name} (some providers need an app password)"
                ).format(endpoint=endpoint, name=account.name)
            ) from None
        except (OSError, imaplib.IMAP4.error) as exc:
            raise connection_error(exc, endpoint, "IMAP") from exc
        yield client
    finally:
        _close(client)


def _connect_imap(
    endpoint: Endpoint, ca_file: Path | None, timeout: float, abort: Abort
) -> IMAPClient:
    context = tls_context(ca_file)
    if endpoint.security == Security.TLS:
        return AbortableIMAPClient(
            abort, endpoint.host, endpoint.port, ssl=True, ssl_context=context, timeout=timeout
        )
    client = AbortableIMAPClient(abort, endpoint.host, endpoint.port, ssl=False, timeout=timeout)
    if endpoint.security == Security.STARTTLS:
        try:
            client.starttls(context)
        except imaplib.IMAP4.error:
            _close(client)
            raise MailServerError(
                _("the IMAP server {endpoint} does not offer STARTTLS; use security tls").format(
                    endpoint=endpoint
                )
            ) from None
        except BaseException:
            _close(client)
            raise
    return client


def _close(client: IMAPClient) -> None:
    try:
        client.logout()
    except (OSError, imaplib.IMAP4.error):
        with suppress(OSError, imaplib.IMAP4.error):
            client.shutdown()


def connection_error(exc: BaseException, endpoint: Endpoint, what: str) -> MailServerError:
    """What went wrong reaching ``endpoint``, in one sentence."""
    if isinstance(exc, MailServerError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return _certificate_error(exc, endpoint)
    if isinstance(exc, socket.gaierror):
        return MailServerError(
            _(
                "the {what} server {host} could not be found "
                "(is the name right, and are you online?)"
            ).format(what=what, host=endpoint.host)
        )
    if isinstance(exc, ConnectionRefusedError):
        return MailServerError(
            _(
                "the {what} server {endpoint} refused the connection "
                "(is it down, or the port wrong?)"
            ).format(what=what, endpoint=endpoint)
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return MailServerError(
            _("the {what} server {endpoint} did not answer in time (are you online?)").format(
                what=what, endpoint=endpoint
            )
        )
    if isinstance(exc, ssl.SSLError):
        return MailServerError(
            _(
                "a secure connection to the {what} server {endpoint} could not be made ({reason}); "
                "check the port and the security setting"
            ).format(what=what, endpoint=endpoint, reason=exc.reason or exc)
        )
    if isinstance(exc, OSError) and exc.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return MailServerError(
            _("the {what} server {endpoint} cannot be reached (are you online?)").format(
                what=what, endpoint=endpoint
            )
        )
    return lost_connection(endpoint, what)


def lost_connection(endpoint: Endpoint, what: str) -> MailServerError:
    return MailServerError(
        _("the connection to the {what} server {endpoint} was lost").format(
            what=what, endpoint=endpoint
        )
    )


def _certificate_error(exc: ssl.SSLCertVerificationError, endpoint: Endpoint) -> MailServerError:
    code = exc.verify_code
    if code in _NAME_MISMATCH:
        return MailServerError(
            _(
                "the server at {endpoint} showed a certificate for another name than {host}, "
                "so foidesk did not send the password (check the server name)"
            ).format(endpoint=endpoint, host=endpoint.host)
        )
    if code in _UNKNOWN_ISSUER:
        return MailServerError(
            _(
                "the certificate of {endpoint} is not from an authority this computer trusts, "
                "so foidesk did not send the password; for a company or self-signed "
                "certificate, give its CA file with --ca-file"
            ).format(endpoint=endpoint)
        )
    if code == _EXPIRED:
        return MailServerError(
            _(
                "the certificate of {endpoint} has expired, so foidesk did not send the password"
            ).format(endpoint=endpoint)
        )
    return MailServerError(
        _(
            "the certificate of {endpoint} could not be verified ({reason}), so foidesk did not "
            "send the password"
        ).format(endpoint=endpoint, reason=exc.verify_message or exc)
    )
