"""The outbox: a letter is never lost and never sent twice.

Each letter is one ``outbox_letter`` row, written with the whole email's bytes before
any network work, and moved through its states by short transactions around the
network steps (``sending.deliver`` runs them):

1. **queued** — written; nothing has left the computer.
2. **sending** — committed just before the SMTP conversation starts.
3. **accepted** — committed the moment the SMTP server has answered 250 to the mail's
   data: from here on the letter *is* sent, and no retry sends it again; what remains
   is bookkeeping (the copy in the Sent folder, the message in the thread).
4. **sent** — the thread's outgoing message is written in the same transaction.
5. **failed** — the attempt failed before the server took the mail; ``reason`` holds the
   server's own words, and Retry sends the very same bytes under the same Message-ID.
6. **waiting** — a draft saved for the user's mail program, or a copy to the clipboard:
   it waits for the user's word that it was sent, and is then recorded like the others.

After a crash, or after a failure that came once the mail's data was on its way (the
connection dropped before the server's answer: ``uncertain``), the next attempt first
searches the account's Sent folder for the letter's Message-ID. Found there (the Sent
copy foidesk makes after sending, or the one many providers keep of everything sent
through them), it is recorded as sent without sending it again.

What remains: a kill in the moment between the server's 250 and the commit of
"accepted" (a local SQLite commit, milliseconds), on a provider that keeps no Sent
copy of its own, leaves a row "sending" whose mail went out but is in no Sent folder;
the next attempt cannot tell and sends it again (the same Message-ID, so the
authority's mail system and the thread see one letter twice, not two letters). An
attempt that cannot search the Sent folder for an uncertain letter (the server down)
does not send it, and says so; an account with no Sent folder at all gives nothing to
search, and such a letter is sent again. Two attempts never run at once: each holds a
lock that the system drops when its holder dies (``sending.deliver``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.accounts.errors import AccountError
from foidesk.core.accounts.outbox_model import LetterState, OutboxRecord, Route
from foidesk.core.accounts.tables import MailAccount, OutboxLetter
from foidesk.core.i18n import _
from foidesk.core.importing.duplicates import attachment_digests, content_digest, find_same
from foidesk.core.mail import parse_email_bytes
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.storage import message_writes as messages
from foidesk.core.storage.file_store import AttachmentStore, sha256_bytes
from foidesk.core.storage.file_writes import BlobTransaction
from foidesk.core.storage.tables import Message, Request
from foidesk.core.vocabulary import Direction


def letter_row(session: Session, letter_id: int) -> OutboxLetter:
    row = session.get(OutboxLetter, letter_id)
    if row is None:
        raise AccountError(_("there is no letter {id} in the outbox").format(id=letter_id))
    return row


def touch(row: OutboxLetter, state: LetterState, reason: str = "") -> None:
    row.state, row.reason, row.updated_at = state.value, reason, datetime.now(UTC)


def letter_record(session: Session, row: OutboxLetter) -> OutboxRecord:
    request = session.get(Request, row.request_id)
    account = session.get(MailAccount, row.account_id) if row.account_id is not None else None
    return OutboxRecord(
        id=row.id,
        request_id=row.request_id,
        request_title=request.title if request is not None else "",
        account=account.name if account is not None else None,
        route=Route(row.route),
        kind=row.kind,
        subject=row.subject,
        to=row.to_addr,
        message_id=row.message_id,
        state=LetterState(row.state),
        reason=row.reason,
        attempts=row.attempts,
        size=len(row.raw),
        created_at=row.created_at,
        updated_at=row.updated_at,
        sent_at=row.sent_at,
        thread_message_id=row.thread_message_id,
        sent_copy=row.sent_copy,
    )


def record_in_thread(
    session: Session,
    store: AttachmentStore,
    files: BlobTransaction,
    row: OutboxLetter,
    raw: bytes,
    filed_by: str,
) -> Message:
    """The sent letter as the thread's outgoing message, stored as an import stores an
    email: its bytes kept as evidence, its content digest noted, so that the Sent copy
    fetched or dropped in later is known as the same message. Already in (fetched
    meanwhile), it is that message, filed into the thread."""
    parsed = parse_email_bytes(raw)
    digest = content_digest(parsed, attachment_digests(parsed))
    request = session.get(Request, row.request_id)
    verdict = find_same(session, store, parsed, sha256_bytes(parsed.raw), digest)
    if verdict.same is not None:
        same = verdict.same
        same.request, same.direction, same.kind = request, Direction.OUTGOING.value, row.kind
        same.deleted_at = None
        return same
    new = NewMessage(
        direction=Direction.OUTGOING.value,
        kind=row.kind,
        sent_at=parsed.sent_at,
        from_addr=parsed.from_addr,
        to=parsed.to,
        cc=parsed.cc,
        subject=parsed.subject,
        body_text=parsed.body_text,
        body_html=parsed.body_html,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        original=parsed.raw,
        original_format=parsed.source_format,
        filed_by=filed_by,
        content_sha256=digest,
        attachments=tuple(
            NewAttachment(a.filename, a.source, a.media_type) for a in parsed.attachments
        ),
    )
    return messages.insert_message(session, files, request, new)


def waiting_letters(session: Session) -> list[OutboxLetter]:
    waiting = [s.value for s in LetterState if s != LetterState.SENT]
    query = select(OutboxLetter).where(OutboxLetter.state.in_(waiting)).order_by(OutboxLetter.id)
    return list(session.scalars(query))
