"""Mail accounts: adding, listing, removing and trying them, and fetching their mail.

An account's row holds everything but its password, which goes to the OS keyring
before the row is written and leaves it when the row goes. Fetching runs per account
and reports per account: one server that is down or refuses the login is a sentence
in the report, and the other accounts are still fetched.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.accounts.errors import AccountError, MailServerError
from foidesk.core.accounts.model import (
    AccountCheck,
    AccountRecord,
    Auth,
    Endpoint,
    NewAccount,
    Security,
    ServerCheck,
    check_ca_file,
    check_email,
    check_name,
    parse_endpoint,
)
from foidesk.core.accounts.tables import MailAccount
from foidesk.core.changes import Changes
from foidesk.core.i18n import _
from foidesk.core.operations.base import DeskBase
from foidesk.core.progress import OnDatabase, directly

if TYPE_CHECKING:
    from foidesk.core.accounts.fetching import FetchingDesk, FetchReport
    from foidesk.core.progress import Progress

ACCOUNTS_CHANGED = Changes(accounts=True)


class AccountOperations(DeskBase):
    def add_account(self, new: NewAccount, password: str) -> AccountRecord:
        """Check everything, keep the password in the keyring, then write the row; a
        failure at any step leaves neither."""
        from foidesk.core.accounts import passwords  # the keyring loads only when used

        row = _new_row(new)
        if not password:
            raise AccountError(_("a password (or app password) is needed for the account"))
        self.db.ensure_writable()
        with self.db.reading() as session:
            if _row_named(session, row.name) is not None:
                raise AccountError(
                    _("there is already an account named {name}").format(name=row.name)
                )
        passwords.store(row.keyring_key, password)
        try:
            with self.writing(ACCOUNTS_CHANGED) as unit:
                unit.session.add(row)
                unit.session.flush()
                record = _record(row)
        except BaseException:
            passwords.forget(row.keyring_key)
            raise
        return record

    def update_account(
        self, name: str, changed: NewAccount, password: str | None = None
    ) -> AccountRecord:
        """Change an account's settings (and, when given, its password in the keyring);
        what it has fetched so far stays its own. A password the keyring refuses leaves
        the row as it was."""
        from foidesk.core.accounts import passwords  # the keyring loads only when used

        fresh = _new_row(changed)
        self.db.ensure_writable()
        with self.db.reading() as session:
            row = _required(session, name)
            other = _row_named(session, fresh.name)
            if other is not None and other.id != row.id:
                raise AccountError(
                    _("there is already an account named {name}").format(name=fresh.name)
                )
            key = row.keyring_key
        if password:
            passwords.store(key, password)
        with self.writing(ACCOUNTS_CHANGED) as unit:
            row = _required(unit.session, name)
            for column in _SETTINGS:
                setattr(row, column, getattr(fresh, column))
            unit.session.flush()
            return _record(row)

    def accounts(self) -> list[AccountRecord]:
        with self.db.reading() as session:
            rows = session.scalars(select(MailAccount).order_by(MailAccount.name)).all()
            return [_record(row) for row in rows]

    def account(self, name: str) -> AccountRecord:
        with self.db.reading() as session:
            return _record(_required(session, name))

    def remove_account(self, name: str) -> AccountRecord:
        """Remove the account and its password; refused, keeping both, when the keyring
        cannot be reached (the password would stay behind unseen)."""
        from foidesk.core.accounts import passwords  # the keyring loads only when used

        passwords.usable_backend()
        with self.writing(ACCOUNTS_CHANGED) as unit:
            row = _required(unit.session, name)
            record = _record(row)
            unit.session.delete(row)
        passwords.forget(record.keyring_key)
        return record

    def test_account(self, name: str, on_database: OnDatabase = directly) -> AccountCheck:
        """Log in to IMAP; connect, EHLO, STARTTLS (where asked) and log in to SMTP. Only
        reading the account goes to ``on_database``: the talking is the caller's thread's."""
        from foidesk.core.accounts import passwords  # the keyring loads only when used
        from foidesk.core.accounts.connection import imap_session
        from foidesk.core.accounts.smtp_check import check_smtp

        account: AccountRecord = on_database(lambda: self.account(name))
        password = passwords.fetch(account.keyring_key, account.name)
        checks: list[ServerCheck] = []
        try:
            with imap_session(account, password) as client:
                steps: tuple[str, ...] = (
                    _("connected to {endpoint}").format(endpoint=account.imap),
                    "LOGIN",
                )
                if b"IDLE" in client.capabilities():
                    steps += ("IDLE",)
            checks.append(ServerCheck("IMAP", account.imap, steps))
        except MailServerError as exc:
            checks.append(ServerCheck("IMAP", account.imap, (), str(exc)))
        try:
            checks.append(ServerCheck("SMTP", account.smtp, tuple(check_smtp(account, password))))
        except MailServerError as exc:
            checks.append(ServerCheck("SMTP", account.smtp, (), str(exc)))
        return AccountCheck(account.name, tuple(checks))

    def fetch_mail(
        self,
        name: str | None = None,
        progress: Progress | None = None,
        on_database: OnDatabase = directly,
    ) -> FetchReport:
        """Fetch every account's new mail (or one account's); see ``accounts/fetching``.

        The window calls this off its database thread and gives that thread as
        ``on_database``: the network waits there, the filing writes go to the database
        thread (each step of them publishes its changes there, so the views repaint as
        mail arrives)."""
        from foidesk.core.accounts import passwords  # the keyring loads only when used
        from foidesk.core.accounts.fetching import AccountFetch, FetchReport, fetch_account

        desk = cast("FetchingDesk", self)  # the composed Desk also imports, which fetching uses
        chosen: list[AccountRecord] = on_database(lambda: self._to_fetch(name))
        results = []
        with self.feed.gather():  # what the whole fetch changed, published once
            for account in chosen:
                try:
                    password = passwords.fetch(account.keyring_key, account.name)
                except AccountError as exc:
                    results.append(AccountFetch(account.name, error=str(exc)))
                    continue
                results.append(
                    fetch_account(desk, account, password, progress, on_database=on_database)
                )
        return FetchReport(tuple(results))

    def _to_fetch(self, name: str | None) -> list[AccountRecord]:
        self.db.ensure_writable()
        return [self.account(name)] if name is not None else self.accounts()


#: The columns an edit may change: never the id, the keyring entry or the creation date.
_SETTINGS = (
    "name",
    "email",
    "display_name",
    "imap_host",
    "imap_port",
    "imap_security",
    "smtp_host",
    "smtp_port",
    "smtp_security",
    "username",
    "ca_file",
)


def _new_row(new: NewAccount) -> MailAccount:
    email = check_email(new.email)
    imap = parse_endpoint(new.imap, "IMAP", new.security)
    smtp = parse_endpoint(new.smtp, "SMTP", new.security)
    ca_file = check_ca_file(new.ca_file)
    return MailAccount(
        name=check_name(new.name),
        email=email,
        display_name=new.display_name.strip(),
        imap_host=imap.host,
        imap_port=imap.port,
        imap_security=imap.security.value,
        smtp_host=smtp.host,
        smtp_port=smtp.port,
        smtp_security=smtp.security.value,
        username=new.username.strip() or email,
        ca_file=str(ca_file) if ca_file else None,
        auth=Auth.PASSWORD.value,
        keyring_key=f"account-{uuid.uuid4()}",
    )


def _row_named(session: Session, name: str) -> MailAccount | None:
    return session.scalars(select(MailAccount).where(MailAccount.name == name.strip())).first()


def _required(session: Session, name: str) -> MailAccount:
    row = _row_named(session, name)
    if row is None:
        raise AccountError(_("there is no account named {name}").format(name=name))
    return row


def _record(row: MailAccount) -> AccountRecord:
    return AccountRecord(
        id=row.id,
        name=row.name,
        email=row.email,
        display_name=row.display_name,
        imap=Endpoint(row.imap_host, row.imap_port, Security(row.imap_security)),
        smtp=Endpoint(row.smtp_host, row.smtp_port, Security(row.smtp_security)),
        username=row.username,
        ca_file=Path(row.ca_file) if row.ca_file else None,
        auth=Auth(row.auth),
        keyring_key=row.keyring_key,
        created_at=row.created_at,
    )
