"""Sending letters: writing one into the outbox, the database steps of sending it
(``accounts/sending.deliver`` runs the network between them), retrying, discarding,
and the routes that go through the user's own mail program (a draft, a copy).

Every letter, whatever its route, becomes the thread's outgoing message once: when
the server took it, or when the user says a draft or a copy was sent. Its kind moves
the request's clock as any outgoing message of that kind does (an internal review
request starts the review clock; see ``deadlines/request_clocks.py``).
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.accounts import outbox
from foidesk.core.accounts.errors import AccountError
from foidesk.core.accounts.outbox_compose import (
    Party,
    ThreadHead,
    compose,
    dated_now,
    new_message_id,
    plain_text,
    unsent_copy,
)
from foidesk.core.accounts.outbox_model import (
    SENDABLE_KINDS,
    ComposeFacts,
    LetterDraft,
    LetterState,
    OutboxRecord,
    Route,
    SentLetter,
)
from foidesk.core.accounts.tables import MailAccount, OutboxLetter
from foidesk.core.changes import Changes, request_changed
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.importing import reasons
from foidesk.core.operations.base import DeskBase, Unit, get_row, live_request
from foidesk.core.phrases import Phrase
from foidesk.core.records import MessageRecord
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.privacy import private_fd
from foidesk.core.storage.tables import Message, Request, Setting, StatusChange
from foidesk.core.vocabulary import MessageKind, RequestStatus

if TYPE_CHECKING:
    from foidesk.core.accounts.sending import Transmission

#: An outbox change: the window's accounts and outbox views read it.
OUTBOX_CHANGED = Changes(accounts=True)
_STARTABLE = frozenset({LetterState.QUEUED, LetterState.FAILED, LetterState.SENDING})


class SendingOperations(DeskBase):
    # --- what a compose window needs ------------------------------------------------

    def compose_facts(self, request_id: int) -> ComposeFacts:
        with self.db.reading() as session:
            request = live_request(session, request_id)
            last = _last_message(session, request_id, with_id=False)
            accounts = list(session.scalars(select(MailAccount).order_by(MailAccount.name)))
            return ComposeFacts(
                request_id=request.id,
                title=request.title,
                authority=request.authority.name,
                to=(request.authority.email or "").strip() or None,
                last_subject=last.subject if last is not None else None,
                accounts=tuple(a.name for a in accounts),
                senders=tuple(Party(a.display_name, a.email).header() for a in accounts),
            )

    # --- into the outbox ------------------------------------------------------------

    def queue_letter(self, draft: LetterDraft, route: Route = Route.ACCOUNT) -> OutboxRecord:
        """Write the letter, bytes and all, before anything is sent. Through an account
        (``Route.ACCOUNT``) it waits to be sent; a draft or a copy waits for the user's
        word that it went out."""
        kind = _sendable(draft.kind)
        subject = " ".join(draft.subject.split())
        if not subject:
            raise InvalidInputError(_("a letter needs a subject"))
        if not draft.body.strip():
            raise InvalidInputError(_("a letter needs some text"))
        self.db.ensure_writable()
        with self.db.reading() as session:
            request = live_request(session, draft.request_id)
            account = _choose_account(session, draft.account, required=route == Route.ACCOUNT)
            to = _foi_address(request)
            sender = Party(account.display_name, account.email) if account else self._own()
            account_id = account.id if account is not None else None
            thread = _thread_head(session, request.id)
            authority = request.authority.name
        message_id = new_message_id(sender.address)
        raw = compose(
            sender,
            Party(authority, to),
            subject,
            draft.body,
            kind.value,
            message_id=message_id,
            thread=thread,
            when=datetime.now(UTC).astimezone(),
            attachments=draft.attachments,
        )
        state = LetterState.QUEUED if route == Route.ACCOUNT else LetterState.WAITING
        with self.writing(OUTBOX_CHANGED) as unit:
            row = OutboxLetter(
                request_id=draft.request_id,
                account_id=account_id,
                route=route.value,
                kind=kind.value,
                subject=subject,
                to_addr=to,
                message_id=message_id,
                raw=raw,
                state=state.value,
                reason="",
                attempts=0,
                sent_copy="",
            )
            unit.session.add(row)
            unit.session.flush()
            return outbox.letter_record(unit.session, row)

    def outbox(self) -> list[OutboxRecord]:
        """The letters not yet sent and in their thread: waiting, failed, or drafts."""
        with self.db.reading() as session:
            return [outbox.letter_record(session, r) for r in outbox.waiting_letters(session)]

    def outbox_letter(self, letter_id: int) -> OutboxRecord:
        with self.db.reading() as session:
            return outbox.letter_record(session, outbox.letter_row(session, letter_id))

    # --- sending through an account ---------------------------------------------------

    def send_letter(self, letter_id: int) -> SentLetter:
        """Send (or retry) a letter here and now: the command line's way. The window
        runs ``deliver`` on a network thread with its database steps on its own."""
        from foidesk.core.accounts.sending import deliver

        return deliver(lambda run: run(self), letter_id)

    def sending_lock(self, letter_id: int) -> Path:
        """Where the attempt sending ``letter_id`` holds its lock (``sending.deliver``)."""
        return self.profile.data_dir / f".sending-{letter_id}.lock"

    def begin_sending(self, letter_id: int) -> Transmission:
        from foidesk.core.accounts.model import AccountRecord
        from foidesk.core.accounts.sending import Transmission
        from foidesk.core.operations.accounts import _record

        with self.writing(OUTBOX_CHANGED) as unit:
            row = outbox.letter_row(unit.session, letter_id)
            state = LetterState(row.state)
            if state == LetterState.SENT:
                raise AccountError(_("letter {id} has been sent already").format(id=letter_id))
            if row.route != Route.ACCOUNT.value or state == LetterState.WAITING:
                raise AccountError(
                    _("letter {id} is a draft for your mail program, not for an account").format(
                        id=letter_id
                    )
                )
            account_row = unit.session.get(MailAccount, row.account_id) if row.account_id else None
            if account_row is None:
                raise AccountError(
                    _("the account of letter {id} was removed; discard the letter").format(
                        id=letter_id
                    )
                )
            account: AccountRecord = _record(account_row)
            # "sending" found here was left by an attempt that never finished.
            check = row.uncertain or state == LetterState.SENDING
            row.uncertain = check
            row.attempts += 1
            if state in _STARTABLE:
                outbox.touch(row, LetterState.SENDING)
            return Transmission(
                letter_id=row.id,
                account=account,
                raw=row.raw,
                sender=account.email,
                recipients=(row.to_addr,),
                message_id=row.message_id,
                already_accepted=state == LetterState.ACCEPTED,
                check_sent_first=check,
            )

    def mark_accepted(self, letter_id: int) -> None:
        with self.writing(OUTBOX_CHANGED) as unit:
            outbox.touch(outbox.letter_row(unit.session, letter_id), LetterState.ACCEPTED)

    def fail_sending(self, letter_id: int, reason: str, uncertain: bool) -> OutboxRecord:
        with self.writing(OUTBOX_CHANGED) as unit:
            row = outbox.letter_row(unit.session, letter_id)
            if row.state == LetterState.ACCEPTED.value:  # it went out: never "failed"
                row.reason = reason
                return outbox.letter_record(unit.session, row)
            row.uncertain = row.uncertain or uncertain
            outbox.touch(row, LetterState.FAILED, reason)
            return outbox.letter_record(unit.session, row)

    def finish_sending(self, letter_id: int, sent_copy: str) -> tuple[OutboxRecord, MessageRecord]:
        """The letter went out: it becomes the thread's outgoing message."""
        return self._into_thread(letter_id, sent_copy, None, Phrase(reasons.SENT_HERE))

    # --- drafts and copies: sent by the user, recorded on their word ----------------

    def save_draft(self, letter_id: int, path: Path) -> Path:
        """Write the letter as an ``.eml`` draft (``X-Unsent: 1``), owner-only, whole or
        not at all."""
        with self.db.reading() as session:
            raw = outbox.letter_row(session, letter_id).raw
        _write_private(path, unsent_copy(raw))
        return path

    def letter_text(self, letter_id: int) -> str:
        """The letter as text for the clipboard (a web form, another program)."""
        with self.db.reading() as session:
            return plain_text(outbox.letter_row(session, letter_id).raw)

    def confirm_sent(self, letter_id: int, on: datetime | None = None) -> MessageRecord:
        """The user sent a draft or a copy: record it in the thread, dated then."""
        when = on or datetime.now(UTC).astimezone()
        with self.db.reading() as session:
            row = outbox.letter_row(session, letter_id)
            if row.state != LetterState.WAITING.value:
                raise AccountError(
                    _("letter {id} is not waiting for your word that it was sent").format(
                        id=letter_id
                    )
                )
        return self._into_thread(letter_id, "", when, Phrase(reasons.SENT_ELSEWHERE))[1]

    # --- the outbox's own actions -----------------------------------------------------

    def discard_letter(self, letter_id: int) -> OutboxRecord:
        """Remove a letter that was not sent. One the server took cannot be discarded:
        it is sent, and Retry records it; nor can one an attempt is sending now."""
        from foidesk.core.storage.filelock import FileLock

        with FileLock(self.sending_lock(letter_id)) as lock:
            if not lock.try_acquire():
                raise AccountError(
                    _(
                        "letter {id} is being sent right now; wait for that attempt to finish"
                    ).format(id=letter_id)
                )
            with self.writing(OUTBOX_CHANGED) as unit:
                row = outbox.letter_row(unit.session, letter_id)
                if row.state in (LetterState.ACCEPTED.value, LetterState.SENT.value):
                    raise AccountError(
                        _("letter {id} has gone out and cannot be discarded").format(id=letter_id)
                    )
                record = outbox.letter_record(unit.session, row)
                unit.session.delete(row)
                return record

    def _own(self) -> Party:
        """A draft or copy without an account: from the user's own address when one is
        set; else the user's mail program puts in the From."""
        from foidesk.core.importing.importer import OWN_ADDRESSES_SETTING

        with self.db.reading() as session:
            row = session.get(Setting, OWN_ADDRESSES_SETTING)
            stored = row.value if row is not None and row.value else ""
        first = next((a.strip() for a in stored.split(",") if "@" in a), "")
        return Party("", first)

    def _into_thread(
        self, letter_id: int, sent_copy: str, when: datetime | None, filed_by: Phrase
    ) -> tuple[OutboxRecord, MessageRecord]:
        with self.writing_files(OUTBOX_CHANGED) as unit:
            row = outbox.letter_row(unit.session, letter_id)
            if row.state == LetterState.SENT.value and row.thread_message_id is not None:
                message = get_row(unit.session, Message, row.thread_message_id, "message")
                return outbox.letter_record(unit.session, row), convert.message_record(message)
            request = unit.session.get(Request, row.request_id)
            assert request is not None  # the row goes with its request
            unit.touch(request.id)  # before the message moves its clock
            unit.changed(request_changed(request.id, listing=True) | Changes(search_index=True))
            raw = row.raw if when is None else dated_now(row.raw, when)
            message = outbox.record_in_thread(
                unit.session, self.store, unit.files, row, raw, filed_by
            )
            moment = message.sent_at or datetime.now(UTC)
            _first_request_sent(unit, request, row.kind, moment.astimezone().date())
            row.raw = raw
            row.thread_message_id, row.sent_copy, row.sent_at = message.id, sent_copy, moment
            outbox.touch(row, LetterState.SENT)
            unit.session.flush()
            return outbox.letter_record(unit.session, row), convert.message_record(message)


def _sendable(kind: str) -> MessageKind:
    try:
        chosen = MessageKind(kind)
    except ValueError:
        chosen = None
    if chosen not in SENDABLE_KINDS:
        names = ", ".join(k.value for k in SENDABLE_KINDS)
        raise InvalidInputError(
            _("{kind!r} is not a kind of letter foidesk sends (one of: {names})").format(
                kind=kind, names=names
            )
        )
    assert chosen is not None
    return chosen


def _choose_account(session: Session, name: str | None, *, required: bool) -> MailAccount | None:
    """The account named; with none named, the only one. Several, and none named: the
    user must choose, and is told from which."""
    rows = list(session.scalars(select(MailAccount).order_by(MailAccount.name)))
    if name is not None:
        found = next((r for r in rows if r.name == name.strip()), None)
        if found is None:
            raise AccountError(_("there is no account named {name}").format(name=name))
        return found
    if len(rows) == 1:
        return rows[0]
    if not rows:
        if not required:
            return None
        raise AccountError(
            _("there is no mail account to send from (add one with: foidesk account add)")
        )
    raise AccountError(
        _("there are several accounts ({names}); choose one with --account").format(
            names=", ".join(r.name for r in rows)
        )
    )


def _foi_address(request: Request) -> str:
    address = (request.authority.email or "").strip()
    if "@" not in address:
        raise AccountError(
            _(
                "the authority {name} has no FOI email address; add it to the authority "
                "(Edit authority…, or foidesk authority edit) first"
            ).format(name=request.authority.name)
        )
    return address


def _last_message(session: Session, request_id: int, *, with_id: bool) -> Message | None:
    query = select(Message).where(Message.request_id == request_id, Message.deleted_at.is_(None))
    if with_id:
        query = query.where(Message.message_id.is_not(None))
    return session.scalars(query.order_by(Message.sort_at.desc(), Message.id.desc())).first()


def _thread_head(session: Session, request_id: int) -> ThreadHead:
    last = _last_message(session, request_id, with_id=True)
    if last is None or not last.message_id:
        return ThreadHead()
    return ThreadHead(last.message_id, tuple(last.references.split()))


def _first_request_sent(unit: Unit, request: Request, kind: str, on: date) -> None:
    """Sending the request itself starts its clock: a draft becomes awaiting response."""
    if kind != MessageKind.REQUEST.value:
        return
    if request.sent_on is None:
        request.sent_on = on
    if request.status == RequestStatus.DRAFT.value:
        request.status = RequestStatus.WAITING_RESPONSE.value
        request.status_changes.append(
            StatusChange(status=request.status, changed_on=on, note=_("request sent"))
        )


def _write_private(path: Path, data: bytes) -> None:
    """Beside the target, owner-only, flushed, then renamed over it."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        private_fd(fd)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        partial.replace(path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise InvalidInputError(
            _("cannot write {path}: {reason}").format(path=path, reason=exc.strerror or exc)
        ) from exc
