"""Fetching replies from an account's INBOX: headers first, then only foidesk's mail.

1. The folder is opened read-only (EXAMINE), so no flag — not even \\Seen — changes
   and nothing can be deleted or moved.
2. Mails past the folder's mark are read a batch at a time, each only by the headers
   ``selection`` needs (``BODY.PEEK[HEADER.FIELDS (...)]``).
3. A mail that belongs to a request is downloaded whole (``BODY.PEEK[]``) and goes
   through the same importer as a dropped ``.eml``: the same duplicate check (a mail
   fetched and also dragged in is one message), the same filing, its raw bytes kept.
4. The mark moves on after the mails below it have committed (``folder_state``).

Every step that reads or writes the database goes through ``on_database``: the
window's database thread (which then does only the filing writes, while the
connection waits on the network elsewhere), or, on the command line, ``directly``.
"""

from __future__ import annotations

import imaplib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from imapclient import IMAPClient

from foidesk.core.accounts.aborting import Abort, watching
from foidesk.core.accounts.connection import connection_error, imap_session
from foidesk.core.accounts.errors import MailServerError
from foidesk.core.accounts.folder_state import FolderMark, read_mark, write_mark
from foidesk.core.accounts.model import AccountRecord
from foidesk.core.accounts.selection import HEADER_ITEM, Headers, Interest
from foidesk.core.changes import ChangeFeed, Changes
from foidesk.core.i18n import _
from foidesk.core.importing.importer import (
    ImportContext,
    ImportedFile,
    ImportingDesk,
    import_file,
)
from foidesk.core.importing.spooling import spool_folder
from foidesk.core.progress import (
    Cancelled,
    NoProgress,
    OnDatabase,
    Progress,
    check_cancelled,
    directly,
)

if TYPE_CHECKING:
    from contextlib import AbstractContextManager

    from foidesk.core.operations.base import Unit

FOLDER = "INBOX"
HEADER_BATCH = 500
#: Mails downloaded between two marks: a killed fetch redoes at most these (as duplicates).
MARK_EVERY = 50
#: Mails downloaded, then filed together in one database step (and one repaint).
FILE_EVERY = 25
_BODY = b"BODY[]"


class FetchingDesk(ImportingDesk, Protocol):
    """What fetching needs of an open profile (besides what importing needs)."""

    feed: ChangeFeed

    def writing(self, changes: Changes = ...) -> AbstractContextManager[Unit]: ...


@dataclass
class AccountFetch:
    """What one account's fetch did. ``error`` is the sentence that stopped it early."""

    account: str
    filed: int = 0
    unfiled: int = 0
    duplicates: int = 0
    left_alone: int = 0
    errors: list[str] = field(default_factory=list)
    message_ids: list[int] = field(default_factory=list)
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None and not self.errors

    def count(self, result: ImportedFile) -> None:
        self.message_ids += result.message_ids
        if result.status == "imported":
            self.filed += 1
        elif result.status == "unfiled":
            self.unfiled += 1
        elif result.status == "duplicate":
            self.duplicates += 1


@dataclass(frozen=True)
class FetchReport:
    accounts: tuple[AccountFetch, ...] = ()

    @property
    def ok(self) -> bool:
        return all(a.ok for a in self.accounts)


class Fetcher:
    """One account's fetch on one connection."""

    def __init__(
        self,
        desk: FetchingDesk,
        account: AccountRecord,
        progress: Progress,
        interest: Interest,
        context: ImportContext,
        on_database: OnDatabase = directly,
    ) -> None:
        self.desk = desk
        self.on_database = on_database
        self.account = account
        self.progress = progress
        self.interest = interest
        self.context = context
        self.result = AccountFetch(account.name)

    def run(self, client: IMAPClient, spool: Path) -> None:
        selected = client.select_folder(FOLDER, readonly=True)
        validity = int(selected[b"UIDVALIDITY"])
        mark = self._mark(validity)
        uid_next = selected.get(b"UIDNEXT")
        if uid_next is not None and int(uid_next) <= mark.last_uid + 1:
            return  # nothing new since the last fetch: not even a search
        uids = sorted(
            u for u in client.search(["UID", f"{mark.last_uid + 1}:*"]) if u > mark.last_uid
        )
        done = 0
        for batch in _batches(uids, HEADER_BATCH):
            check_cancelled(self.progress)
            headers = client.fetch(batch, [HEADER_ITEM])
            mark = self._batch(client, spool, batch, headers, mark)
            done += len(batch)
            self.progress.report(done, len(uids), self.account.name)

    def _mark(self, validity: int) -> FolderMark:
        mark: FolderMark | None = self.on_database(self._read_mark)
        if mark is None or mark.uidvalidity != validity:
            return FolderMark(validity, 0)  # new, or renumbered: read it all again
        return mark

    def _read_mark(self) -> FolderMark | None:
        with self.desk.db.reading() as session:
            return read_mark(session, self.account.id, FOLDER)

    def _batch(
        self,
        client: IMAPClient,
        spool: Path,
        batch: Sequence[int],
        headers: dict[int, dict[bytes, Any]],
        mark: FolderMark,
    ) -> FolderMark:
        pending: list[tuple[int, Path]] = []
        since_mark = 0
        done = mark.last_uid  # every mail up to it is filed, or judged not foidesk's
        try:
            for uid in batch:
                if self.progress.cancelled():  # keep what is in: the next fetch goes on here
                    raise Cancelled()
                found = _header_bytes(headers.get(uid, {}))
                head = Headers.parse(found) if found is not None else None
                if head is None or self.interest.reason(head) is None:
                    self.result.left_alone += 1
                    done = uid
                    continue
                self._download(client, spool / f"fetched-{len(pending)}.eml", uid, head, pending)
                done = uid
                since_mark += 1
                if len(pending) >= FILE_EVERY or since_mark >= MARK_EVERY:
                    self._file(pending)
                if since_mark >= MARK_EVERY:
                    mark = self._save(FolderMark(mark.uidvalidity, uid))
                    since_mark = 0
        except (Cancelled, OSError, imaplib.IMAP4.abort, imaplib.IMAP4.error):
            # what was downloaded needs no server to be filed, and the mark moves past it
            self._file(pending)
            self._save(FolderMark(mark.uidvalidity, done))
            raise
        self._file(pending)
        return self._save(FolderMark(mark.uidvalidity, batch[-1]))

    def _download(
        self,
        client: IMAPClient,
        path: Path,
        uid: int,
        head: Headers,
        pending: list[tuple[int, Path]],
    ) -> None:
        """Download a mail whole into ``path``, to be filed with the next few."""
        fetched = client.fetch([uid], ["BODY.PEEK[]"]).get(uid, {})
        data = fetched.get(_BODY)
        if not isinstance(data, bytes):
            self.result.errors.append(
                _("mail {uid} vanished from the server before it could be read").format(uid=uid)
            )
            return
        path.write_bytes(data)
        pending.append((uid, path))
        self.interest.remember(head.message_id)  # a later mail may reply to this one

    def _file(self, pending: list[tuple[int, Path]]) -> None:
        """File the downloaded mails in one step on the database thread: each is its own
        unit of work, and what they changed is published once (one repaint for them)."""
        taken = list(pending)
        pending.clear()
        if not taken:
            return

        def file_all() -> list[ImportedFile]:
            with self.desk.feed.gather():
                return [import_file(self.desk, path, None, self.context) for _uid, path in taken]

        imported: list[ImportedFile] = self.on_database(file_all)
        for (uid, _path), result in zip(taken, imported, strict=True):
            if result.status == "error":
                self.result.errors.append(
                    _("mail {uid} could not be read: {reason}").format(uid=uid, reason=result.error)
                )
            else:
                self.result.count(result)

    def _save(self, mark: FolderMark) -> FolderMark:
        def write() -> None:
            with self.desk.writing(Changes(accounts=True)) as unit:
                write_mark(unit.session, self.account.id, FOLDER, mark)

        self.on_database(write)
        return mark


def fetch_account(
    desk: FetchingDesk,
    account: AccountRecord,
    password: str,
    progress: Progress | None = None,
    connect: Callable[..., Any] = imap_session,
    on_database: OnDatabase = directly,
) -> AccountFetch:
    """Fetch one account; a server that fails is reported in ``error``, not raised, so
    the other accounts are still fetched and what was filed before is counted."""
    interest, context = on_database(lambda: _interest_and_context(desk))
    fetcher = Fetcher(desk, account, progress or NoProgress(), interest, context, on_database)
    with watching(fetcher.progress, Abort()) as abort:
        try:
            _fetch_on(fetcher, connect(account, password, abort=abort), desk)
        except MailServerError as exc:
            if abort.fired:  # the cancel shut the connection: not the server's fault
                raise Cancelled() from exc
            fetcher.result.error = str(exc)
    return fetcher.result


def _fetch_on(
    fetcher: Fetcher, session: AbstractContextManager[IMAPClient], desk: FetchingDesk
) -> None:
    """Run the fetch on the session's connection; what the server does wrong, worded."""
    account = fetcher.account
    with session as client, spool_folder(desk.store) as spool:
        try:
            fetcher.run(client, spool)
        except (OSError, imaplib.IMAP4.abort) as exc:
            raise _lost(exc, account, fetcher.result) from exc
        except imaplib.IMAP4.error as exc:
            raise MailServerError(
                _("the IMAP server {endpoint} refused a request ({reason})").format(
                    endpoint=account.imap, reason=str(exc).strip()
                )
            ) from exc


def _interest_and_context(desk: FetchingDesk) -> tuple[Interest, ImportContext]:
    with desk.db.reading() as session:
        interest = Interest.read(session)
    return interest, ImportContext.read(desk)


def _lost(exc: BaseException, account: AccountRecord, result: AccountFetch) -> MailServerError:
    first = connection_error(exc, account.imap, "IMAP")
    done = result.filed + result.unfiled
    return MailServerError(
        _(
            "{problem} during the fetch; {n} mail(s) were filed before it, and the next fetch "
            "goes on from there"
        ).format(problem=first, n=done)
    )


def _batches(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _header_bytes(fetched: dict[bytes, Any]) -> bytes | None:
    """The header fields asked for: servers name the item in the reply slightly
    differently (quoting, case), so it is found by its start."""
    for key, value in fetched.items():
        if key.upper().startswith(b"BODY[HEADER") and isinstance(value, bytes):
            return value
    return None
