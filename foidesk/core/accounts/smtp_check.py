"""Trying an account's SMTP server: connect, EHLO, STARTTLS where asked, and log in —
everything sending will need, without sending anything."""

from __future__ import annotations

import smtplib
import ssl

from foidesk.core.accounts.connection import (
    TIMEOUT_SECONDS,
    connection_error,
    lost_connection,
    tls_context,
)
from foidesk.core.accounts.errors import MailServerError
from foidesk.core.accounts.model import AccountRecord, Security
from foidesk.core.i18n import _


def check_smtp(
    account: AccountRecord, password: str, timeout: float = TIMEOUT_SECONDS
) -> list[str]:
    """The steps that worked, in words; the first that failed raises ``MailServerError``."""
    endpoint = account.smtp
    context = tls_context(account.ca_file)
    steps: list[str] = []
    try:
        if endpoint.security == Security.TLS:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                endpoint.host, endpoint.port, timeout=timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(endpoint.host, endpoint.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise _error(exc, account) from exc
    try:
        steps.append(_("connected to {endpoint}").format(endpoint=endpoint))
        _talk(smtp, account, password, context, steps)
    except (OSError, smtplib.SMTPException) as exc:
        raise _error(exc, account) from exc
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()
    return steps


def _talk(
    smtp: smtplib.SMTP,
    account: AccountRecord,
    password: str,
    context: ssl.SSLContext,
    steps: list[str],
) -> None:
    smtp.ehlo()
    steps.append("EHLO")
    if account.smtp.security == Security.STARTTLS:
        if not smtp.has_extn("starttls"):
            raise MailServerError(
                _("the SMTP server {endpoint} does not offer STARTTLS; use security tls").format(
                    endpoint=account.smtp
                )
            )
        smtp.starttls(context=context)
        smtp.ehlo()
        steps.append("STARTTLS")
    try:
        smtp.login(account.username, password)
    except smtplib.SMTPAuthenticationError:
        raise MailServerError(
            _(
                "the SMTP server {endpoint} refused the user name or password of account {name}"
            ).format(endpoint=account.smtp, name=account.name)
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise MailServerError(
            _("the SMTP server {endpoint} offers no login on this connection").format(
                endpoint=account.smtp
            )
        ) from None
    steps.append("AUTH")


def _error(exc: BaseException, account: AccountRecord) -> MailServerError:
    if isinstance(exc, MailServerError):
        return exc
    if isinstance(exc, smtplib.SMTPResponseException):
        said = exc.smtp_error
        text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
        reason = text.strip() or str(exc.smtp_code)
        return MailServerError(
            _("the SMTP server {endpoint} answered what foidesk did not expect ({reason})").format(
                endpoint=account.smtp, reason=reason
            )
        )
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return lost_connection(account.smtp, "SMTP")
    return connection_error(exc, account.smtp, "SMTP")
