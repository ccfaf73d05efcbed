"""How far a folder of an account has been read: its UIDVALIDITY and the last UID done.

The mark is written after the messages below it have committed, so a fetch killed at
any moment finds, at worst, a few mails already in on its next run — and the importer
knows them as duplicates. It never skips one: the mark only moves past a mail once
that mail is in the database or was judged not to be foidesk's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from foidesk.core.accounts.tables import MailFolderState


@dataclass(frozen=True)
class FolderMark:
    uidvalidity: int
    last_uid: int


def read_mark(session: Session, account_id: int, folder: str) -> FolderMark | None:
    row = session.get(MailFolderState, (account_id, folder))
    return None if row is None else FolderMark(row.uidvalidity, row.last_uid)


def write_mark(session: Session, account_id: int, folder: str, mark: FolderMark) -> None:
    row = session.get(MailFolderState, (account_id, folder))
    now = datetime.now(UTC)
    if row is None:
        session.add(
            MailFolderState(
                account_id=account_id,
                folder=folder,
                uidvalidity=mark.uidvalidity,
                last_uid=mark.last_uid,
                checked_at=now,
            )
        )
    else:
        row.uidvalidity, row.last_uid, row.checked_at = mark.uidvalidity, mark.last_uid, now
