"""Sending a letter from the outbox: SMTP, the copy in the Sent folder, and the steps
between them that keep a letter from being lost or sent twice (``outbox`` says how).

The network work runs on whichever thread calls ``deliver``; every database step is
handed to ``call`` — the command line runs it in place, the window on its database
thread — so a slow server never holds the database, nor the database the window.

SMTP uses ``smtplib`` with the account's security: TLS from the first byte, STARTTLS
(refused when the server does not offer it), or plain only on this computer's loopback
(the account refuses it for any other host). Certificates are always verified, against
the account's CA file when it has one. The password comes from the OS keyring, as
fetching's does, and goes only to the account's own servers.
"""

from __future__ import annotations

import imaplib
import smtplib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar

from imapclient import IMAPClient

from foidesk.core.accounts.connection import (
    TIMEOUT_SECONDS,
    connection_error,
    imap_session,
    lost_connection,
    tls_context,
)
from foidesk.core.accounts.errors import AccountError, MailServerError
from foidesk.core.accounts.model import AccountRecord, Security
from foidesk.core.accounts.outbox_model import OutboxRecord, SentLetter
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _
from foidesk.core.records import MessageRecord
from foidesk.core.storage.filelock import FileLock

T = TypeVar("T")
#: Names a Sent folder goes by where the server marks none with SPECIAL-USE \Sent.
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "INBOX.Sent",
    "INBOX/Sent",
    "[Gmail]/Sent Mail",
    "Gesendet",
    "Gesendete Objekte",
    "Gesendete Elemente",
)


@dataclass(frozen=True)
class Transmission:
    """One attempt, as the database hands it to the network: the bytes to send, to
    whom, and whether the letter may already have gone out (search Sent first)."""

    letter_id: int
    account: AccountRecord
    raw: bytes
    sender: str
    recipients: tuple[str, ...]
    message_id: str
    already_accepted: bool
    check_sent_first: bool


class SendingDesk(Protocol):
    """The database steps of sending (``operations/sending.py``)."""

    def sending_lock(self, letter_id: int) -> Path: ...
    def begin_sending(self, letter_id: int) -> Transmission: ...
    def mark_accepted(self, letter_id: int) -> None: ...
    def fail_sending(self, letter_id: int, reason: str, uncertain: bool) -> OutboxRecord: ...
    def finish_sending(
        self, letter_id: int, sent_copy: str
    ) -> tuple[OutboxRecord, MessageRecord]: ...


class DeskCall(Protocol):
    """Runs one database step where the desk lives, and returns its result."""

    def __call__(self, run: Callable[[SendingDesk], T]) -> T: ...


class _Uncertain(MailServerError):
    """The mail's data was on its way when the connection failed: it may have gone."""


def deliver(call: DeskCall, letter_id: int, timeout: float = TIMEOUT_SECONDS) -> SentLetter:
    """Send one outbox letter; a failure is kept in the outbox with its reason and
    raised as ``MailServerError`` (or ``AccountError``).

    One attempt at a time per letter, across processes: the lock (which the system
    drops when its holder dies) tells an attempt under way from one that was killed,
    which left its row "sending" for the next attempt to look into."""
    lock = FileLock(call(lambda desk: desk.sending_lock(letter_id)))
    if not lock.try_acquire():
        raise AccountError(
            _("letter {id} is being sent right now; wait for that attempt to finish").format(
                id=letter_id
            )
        )
    try:
        return _deliver(call, letter_id, timeout)
    finally:
        lock.release()


def _deliver(call: DeskCall, letter_id: int, timeout: float) -> SentLetter:
    from foidesk.core.accounts import passwords  # the keyring loads only when used

    job = call(lambda desk: desk.begin_sending(letter_id))
    sent_now = False
    try:
        password = passwords.fetch(job.account.keyring_key, job.account.name)
        if not job.already_accepted and not _found_in_sent(job, password, timeout):
            smtp_send(job, password, timeout)
            sent_now = True
            _accepted(call, job, password, timeout)
    except FoideskError as exc:
        # Once the mail's data was on its way, the next attempt looks in Sent first.
        uncertain = sent_now or isinstance(exc, _Uncertain) or job.check_sent_first
        reason = str(exc)
        call(lambda desk: desk.fail_sending(letter_id, reason, uncertain))
        raise
    note = keep_sent_copy(job, password, timeout)
    letter, message = call(lambda desk: desk.finish_sending(letter_id, note))
    return SentLetter(letter, message, note, sent_now=sent_now)


def _accepted(call: DeskCall, job: Transmission, password: str, timeout: float) -> None:
    """The server took the mail: note it at once. Should the database refuse the note,
    the Sent copy is still made, so the next attempt finds the letter there."""
    try:
        call(lambda desk: desk.mark_accepted(job.letter_id))
    except BaseException:
        keep_sent_copy(job, password, timeout)
        raise


def _found_in_sent(job: Transmission, password: str, timeout: float) -> bool:
    """For a letter that may have gone out: is it in the Sent folder? A letter that
    cannot be looked for is not sent again."""
    if not job.check_sent_first:
        return False
    try:
        with imap_session(job.account, password, timeout) as client:
            folder = sent_folder(client)
            return folder is not None and bool(_search(client, folder, job.message_id))
    except (MailServerError, OSError, imaplib.IMAP4.error) as exc:
        raise _Uncertain(
            _(
                "this letter may already have gone out, and its account's Sent folder could "
                "not be searched to see ({reason}); it was not sent again"
            ).format(reason=_reason(exc, job.account))
        ) from exc


# --- SMTP ---------------------------------------------------------------------------


def smtp_send(job: Transmission, password: str, timeout: float = TIMEOUT_SECONDS) -> None:
    account = job.account
    with _smtp_session(account, password, timeout) as smtp:
        try:
            code, said = smtp.mail(job.sender)
            if code != 250:
                raise _refused(account, code, said)
            for recipient in job.recipients:
                code, said = smtp.rcpt(recipient)
                if code not in (250, 251):
                    raise _refused(account, code, said, recipient)
        except (OSError, smtplib.SMTPException) as exc:
            raise _smtp_error(exc, account) from exc
        try:
            code, said = smtp.data(job.raw)
        except smtplib.SMTPDataError as exc:  # the server's answer: it did not take it
            raise _refused(account, exc.smtp_code, exc.smtp_error) from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise _Uncertain(str(_smtp_error(exc, account))) from exc
        if code != 250:
            raise _refused(account, code, said)


@contextmanager
def _smtp_session(account: AccountRecord, password: str, timeout: float) -> Iterator[smtplib.SMTP]:
    endpoint = account.smtp
    context = tls_context(account.ca_file)
    try:
        if endpoint.security == Security.TLS:
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(
                endpoint.host, endpoint.port, timeout=timeout, context=context
            )
        else:
            smtp = smtplib.SMTP(endpoint.host, endpoint.port, timeout=timeout)
    except (OSError, smtplib.SMTPException) as exc:
        raise _smtp_error(exc, account) from exc
    try:
        try:
            _login(smtp, account, password, context)
        except (OSError, smtplib.SMTPException) as exc:
            raise _smtp_error(exc, account) from exc
        yield smtp
    finally:
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


def _login(smtp: smtplib.SMTP, account: AccountRecord, password: str, context: Any) -> None:
    smtp.ehlo()
    if account.smtp.security == Security.STARTTLS:
        if not smtp.has_extn("starttls"):
            raise MailServerError(
                _("the SMTP server {endpoint} does not offer STARTTLS; use security tls").format(
                    endpoint=account.smtp
                )
            )
        smtp.starttls(context=context)
        smtp.ehlo()
    try:
        smtp.login(account.username, password)
    except smtplib.SMTPAuthenticationError:
        raise MailServerError(
            _(
                "the SMTP server {endpoint} refused the user name or password of account {name}"
            ).format(endpoint=account.smtp, name=account.name)
        ) from None


def _refused(
    account: AccountRecord, code: int, said: bytes | str, recipient: str | None = None
) -> MailServerError:
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)
    reason = f"{code} {' '.join(text.split())}".strip()
    if recipient is not None:
        return MailServerError(
            _("the SMTP server {endpoint} refused the address {address}: {reason}").format(
                endpoint=account.smtp, address=recipient, reason=reason
            )
        )
    return MailServerError(
        _("the SMTP server {endpoint} refused the letter: {reason}").format(
            endpoint=account.smtp, reason=reason
        )
    )


def _smtp_error(exc: BaseException, account: AccountRecord) -> MailServerError:
    if isinstance(exc, MailServerError):
        return exc
    if isinstance(exc, smtplib.SMTPResponseException):
        return _refused(account, exc.smtp_code, exc.smtp_error)
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        return lost_connection(account.smtp, "SMTP")
    return connection_error(exc, account.smtp, "SMTP")


# --- the Sent folder ----------------------------------------------------------------


def sent_folder(client: IMAPClient) -> str | None:
    """The folder marked SPECIAL-USE \\Sent, else the first of the usual names."""
    folders = client.list_folders()
    for flags, _delimiter, name in folders:
        if b"\\Sent" in flags:
            return str(name)
    names = {str(name).casefold(): str(name) for _flags, _delimiter, name in folders}
    return next((names[n.casefold()] for n in SENT_NAMES if n.casefold() in names), None)


def _search(client: IMAPClient, folder: str, message_id: str) -> list[int]:
    client.select_folder(folder, readonly=True)
    found: list[int] = client.search(["HEADER", "Message-ID", f"<{message_id}>"])
    return found


def keep_sent_copy(job: Transmission, password: str, timeout: float = TIMEOUT_SECONDS) -> str:
    """Put the letter in the account's Sent folder, unless it is there already (many
    providers keep a copy of what is sent through them). The letter is sent whatever
    happens here, so a failure is a sentence to show, not an error."""
    try:
        with imap_session(job.account, password, timeout) as client:
            folder = sent_folder(client)
            if folder is None:
                return _(
                    "the account {name} has no Sent folder (none is marked as one, and none "
                    "has a usual name), so no copy was kept on the server"
                ).format(name=job.account.name)
            if _search(client, folder, job.message_id):
                return _("already in the folder {folder}").format(folder=folder)
            client.append(folder, job.raw, flags=[b"\\Seen"])
            return _("a copy was put in the folder {folder}").format(folder=folder)
    except (MailServerError, OSError, imaplib.IMAP4.error) as exc:
        return _("no copy could be put in the Sent folder: {reason}").format(
            reason=_reason(exc, job.account)
        )


def _reason(exc: BaseException, account: AccountRecord) -> str:
    if isinstance(exc, MailServerError):
        return str(exc)
    if isinstance(exc, imaplib.IMAP4.error):
        return str(exc).strip() or type(exc).__name__
    return str(connection_error(exc, account.imap, "IMAP"))
