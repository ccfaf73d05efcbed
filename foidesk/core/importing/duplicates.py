"""Whether an email being imported is already in the archive.

The same message is one with the same Message-ID *and* the same content:
the same bytes, or the same parsed content — its date, its subject and the
files it carries. Body text is left out on purpose: the same email saved
from Outlook (.msg) and exported from a mailbox (.eml) has the same date,
subject and files, but its text is rendered differently. A different email
that reuses a Message-ID (some systems send every notice with one) is
imported, and marked, instead of being dropped as a duplicate.

A message imported before the digest existed has none stored; its original
is read again (only when its Message-ID comes back) and the digest kept.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from foidesk.core.mail import MailError, ParsedMessage
from foidesk.core.storage.file_store import AttachmentStore
from foidesk.core.storage.tables import Message

#: The advisory-lock space of message keys (the first of ``pg_advisory_xact_lock``'s
#: two keys), apart from any other lock foidesk takes on PostgreSQL.
MESSAGE_LOCKS = 0x464F4901
#: Messages sharing one Message-ID compared at most (a broken mailer may reuse one forever).
MAX_COMPARED = 200
_VERSION = b"foidesk-content-v1"


@dataclass(frozen=True)
class Verdict:
    """The stored message this one is the same as, or the different ones sharing its id."""

    same: Message | None = None
    reused_by: tuple[int, ...] = ()


def content_digest(parsed: ParsedMessage, attachment_digests: Iterable[str]) -> str:
    """The digest of what makes a message itself: date, subject, files."""
    digest = hashlib.sha256(_VERSION)
    sent = parsed.sent_at.astimezone(UTC).isoformat(timespec="seconds") if parsed.sent_at else ""
    for field in (sent, " ".join(parsed.subject.split()).casefold()):
        digest.update(b"\0" + field.encode("utf-8", "surrogatepass"))
    for sha256 in sorted(attachment_digests):
        digest.update(b"\0" + sha256.encode("ascii"))
    return digest.hexdigest()


def attachment_digests(parsed: ParsedMessage) -> list[str]:
    return [attachment.sha256 for attachment in parsed.attachments]


def find_same(
    session: Session, store: AttachmentStore, parsed: ParsedMessage, raw_sha256: str, digest: str
) -> Verdict:
    """Compare with every stored message that has the same Message-ID (or, without one,
    the same bytes). Holds the message's key until the unit of work ends (see
    ``hold_key``), so that the same email imported at once by two members is stored once."""
    hold_key(session, parsed.message_id or raw_sha256)
    if not parsed.message_id:
        query = select(Message).where(Message.raw_sha256 == raw_sha256).limit(1)
        return Verdict(same=session.scalars(query).first())
    rows = session.scalars(
        select(Message).where(Message.message_id == parsed.message_id).limit(MAX_COMPARED)
    ).all()
    for row in rows:
        if _is_same(row, store, raw_sha256, digest):
            return Verdict(same=row)
    return Verdict(reused_by=tuple(row.id for row in rows))


def hold_key(session: Session, key: str) -> None:
    """Wait for any other unit of work importing a message with this key to end.

    SQLite needs nothing: a write unit holds the database's write lock from its first
    statement, so two imports never overlap. PostgreSQL runs them side by side, and
    both would find no copy and store one each; a transaction-scoped advisory lock on
    the key makes the second wait for the first to commit, after which its look-up
    (a new snapshot per statement under READ COMMITTED) finds the first's row. A lock
    rather than a unique index, because "the same message" is not a column: the same
    Message-ID with other content is a different email, and is imported.
    """
    # dialect-specific (PostgreSQL): the swappable spot for a server's lock
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text("SELECT pg_advisory_xact_lock(:space, hashtext(:key))"),
            {"space": MESSAGE_LOCKS, "key": key},
        )


def _is_same(row: Message, store: AttachmentStore, raw_sha256: str, digest: str) -> bool:
    if row.raw_sha256 is None:  # written in foidesk or by hand: the email is its copy
        return True
    if row.raw_sha256 == raw_sha256:
        return True
    if row.content_sha256 is None:
        row.content_sha256 = _digest_of_original(row, store)
    return row.content_sha256 == digest


def _digest_of_original(row: Message, store: AttachmentStore) -> str | None:
    """Read a stored original again, as it would be read today, for its digest."""
    from foidesk.core.mail import parse_email_bytes, parse_msg_file

    assert row.raw_sha256 is not None
    try:
        if row.raw_format == "msg":
            parsed = parse_msg_file(store.local_path(row.raw_sha256))
        else:
            parsed = parse_email_bytes(store.read_bytes(row.raw_sha256))
    except (MailError, OSError):
        logging.getLogger(__name__).info("original of message %s unreadable", row.id)
        return None
    return content_digest(parsed, attachment_digests(parsed))
