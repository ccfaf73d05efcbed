"""Authorities' replies: proposing what each one is, and applying that only on the
user's word.

A reply that lands in a request's thread (imported, fetched, dropped, filed by hand,
typed in as an unconfirmed reply) keeps the neutral kind ``reply``, which moves no
clock, and gets a proposal from ``core/replies``. Confirming (or correcting) sets, in
one unit of work, the message's kind, the request's status (kept in its history) and
the clock event that follows; undoing the decision puts all three back and opens the
proposal again.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.changes import request_changed
from foidesk.core.deadlines import Deadline
from foidesk.core.errors import InvalidInputError, NotFoundError
from foidesk.core.i18n import _
from foidesk.core.operations.base import DeskBase, Unit, get_row
from foidesk.core.records import ProposalSign, ReplyProposalRecord
from foidesk.core.replies.kinds import ReplyKind
from foidesk.core.storage.tables import (
    ClockEventRow,
    Message,
    ReplyProposal,
    Request,
    StatusChange,
    utcnow,
)
from foidesk.core.vocabulary import Direction, MessageKind, RequestStatus, parse_choice

if TYPE_CHECKING:
    from foidesk.core.replies.classifier import Proposal, ReplyInput, ThreadPlace

#: ``confirm_reply(status=UNCHANGED)``: the request keeps the status it has.
UNCHANGED = "unchanged"
#: How much of a stored original is read for its headers.
HEAD_BYTES = 256 * 1024
_SENT = frozenset(
    {
        MessageKind.REQUEST,
        MessageKind.CLARIFICATION,
        MessageKind.FOLLOW_UP,
        MessageKind.INTERNAL_REVIEW_REQUEST,
        MessageKind.COMPLAINT,
    }
)


def propose(session: Session, row: Message, head: bytes = b"") -> ReplyProposal | None:
    """Record a proposal for ``row`` if it is an unconfirmed reply in a request's thread
    and has none yet; ``head``: the start of its original email (for its headers)."""
    if row.direction != Direction.INCOMING or row.kind != MessageKind.REPLY:
        return None
    if row.request is None or row.id is None:
        return None
    existing = session.scalar(select(ReplyProposal).where(ReplyProposal.message_id == row.id))
    if existing is not None:
        return existing
    from foidesk.core.replies.classifier import classify  # its rules load when a reply comes

    found = classify(_reply_of(row, head), _place_of(session, row))
    stored = ReplyProposal(
        message_id=row.id,
        kind=found.kind.value,
        status=found.status.value if found.status else None,
        until=found.until,
        evidence=_evidence_json(found),
    )
    session.add(stored)
    session.flush()
    return stored


def _reply_of(row: Message, head: bytes) -> ReplyInput:
    from foidesk.core.replies.reading import reply_input

    return reply_input(
        row.subject,
        row.body_text,
        raw=head,
        attachment_names=[a.filename for a in row.attachments],
        sent_at=row.sent_at or row.received_at,
    )


def _place_of(session: Session, row: Message) -> ThreadPlace:
    """The user's latest letter before the reply, the request's status and law."""
    request = row.request
    assert request is not None
    kinds = session.scalars(
        select(Message.kind)
        .where(
            Message.request_id == request.id,
            Message.direction == Direction.OUTGOING.value,
            Message.deleted_at.is_(None),
            Message.sort_at <= row.sort_at,
            Message.kind.in_([k.value for k in _SENT]),
        )
        .order_by(Message.sort_at.desc(), Message.id.desc())
        .limit(1)
    ).all()
    last = kinds[0] if kinds else "request"
    if request.status == RequestStatus.INTERNAL_REVIEW:
        last = MessageKind.INTERNAL_REVIEW_REQUEST.value
    from foidesk.core.replies.classifier import ThreadPlace

    return ThreadPlace(last_sent=last, status=request.status, regime=request.regime)


def _evidence_json(found: Proposal) -> str:
    return json.dumps(
        [[e.signal, e.text, e.toward.value, e.weight] for e in found.shown_evidence],
        ensure_ascii=False,
    )


class ReplyOperations(DeskBase):
    def reply_proposal(self, message_id: int) -> ReplyProposalRecord:
        """The proposal made for a reply (NotFoundError when it has none)."""
        with self.db.reading() as session:
            get_row(session, Message, message_id, "message")
            return _record(session, _proposal_row(session, message_id))

    def open_proposals(self, request_id: int) -> list[ReplyProposalRecord]:
        """A thread's proposals still waiting for the user, oldest reply first."""
        with self.db.reading() as session:
            rows = session.scalars(
                select(ReplyProposal)
                .join(Message, Message.id == ReplyProposal.message_id)
                .where(
                    Message.request_id == request_id,
                    Message.deleted_at.is_(None),
                    ReplyProposal.decided_at.is_(None),
                )
                .order_by(Message.sort_at, Message.id)
            ).all()
            return [_record(session, row) for row in rows]

    def confirm_reply(
        self, message_id: int, *, kind: str | None = None, status: str | None = None
    ) -> ReplyProposalRecord:
        """Apply the proposal, or the user's correction of it (``kind``, ``status``): the
        message's kind, the request's status and the clock event, in one unit of work. A
        reply decided before is first put back as it was."""
        with self.writing() as unit:
            row = _proposal_row(unit.session, message_id)
            message = self._thread_message(unit, message_id)
            if row.decided_at is not None:
                _take_back(unit.session, row, message)
            chosen = _kind(kind) if kind else ReplyKind(row.kind)
            new_status = _status(status, chosen, row)
            _apply(unit.session, row, message, chosen, new_status)
            unit.session.flush()
            return _record(unit.session, row)

    def deadlines_if_confirmed(self, message_id: int) -> tuple[Deadline, ...]:
        """The request's deadlines as confirming the reply's open proposal would leave
        them (none when it has no request or is decided), worked out in a transaction
        that is rolled back: nothing changes. A notice can then name the deadline a
        reply would open before the user has said what it is."""
        from foidesk.core.deadlines import request_clocks as clocks
        from foidesk.core.deadlines import request_deadlines

        with self.db.trying() as session:
            row = _proposal_row(session, message_id)
            message = get_row(session, Message, message_id, "message")
            if message.request_id is None or row.decided_at is not None:
                return ()
            chosen = ReplyKind(row.kind)
            _apply(session, row, message, chosen, _status(None, chosen, row))
            session.flush()
            found = clocks.request_clocks(session, [message.request_id])
        return request_deadlines(found[0].clock, self.today()) if found else ()

    def undo_reply_decision(self, message_id: int) -> ReplyProposalRecord:
        """Put a confirmed reply back as it was, the proposal open again (for Undo)."""
        with self.writing() as unit:
            row = _proposal_row(unit.session, message_id)
            message = self._thread_message(unit, message_id)
            if row.decided_at is None:
                raise InvalidInputError(_("this reply has not been confirmed yet"))
            _take_back(unit.session, row, message)
            unit.session.flush()
            return _record(unit.session, row)

    def _thread_message(self, unit: Unit, message_id: int) -> Message:
        message = get_row(unit.session, Message, message_id, "message")
        if message.request_id is None or message.deleted_at is not None:
            raise InvalidInputError(_("the reply is not in a request's thread"))
        unit.touch(message.request_id)  # before its kind and events move the clock
        unit.changed(request_changed(message.request_id, listing=True))
        return message


def _proposal_row(session: Session, message_id: int) -> ReplyProposal:
    row = session.scalar(select(ReplyProposal).where(ReplyProposal.message_id == message_id))
    if row is None:
        raise NotFoundError(
            _("message {id} has no proposal: only replies from an authority get one").format(
                id=message_id
            )
        )
    return row


def _kind(text: str) -> ReplyKind:
    try:
        return parse_choice(ReplyKind, text, "reply kind")
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None


def _status(text: str | None, chosen: ReplyKind, row: ReplyProposal) -> RequestStatus | None:
    """The status asked for (``UNCHANGED``: none); else the proposal's, when its kind is
    kept; else the one the chosen kind leads to (None: the status stays)."""
    if text == UNCHANGED:
        return None
    if text:
        try:
            return parse_choice(RequestStatus, text, "status")
        except ValueError as exc:
            raise InvalidInputError(str(exc)) from None
    if chosen.value == row.kind:
        return RequestStatus(row.status) if row.status else None
    return chosen.effect.status


def _apply(
    session: Session,
    row: ReplyProposal,
    message: Message,
    chosen: ReplyKind,
    status: RequestStatus | None,
) -> None:
    request = message.request
    assert request is not None
    on = message.sort_at.date()
    row.previous_kind = message.kind
    message.kind = chosen.effect.message_kind.value
    row.previous_status, row.status_change_id = None, None
    if status is not None and status.value != request.status:
        row.previous_status = request.status
        change = StatusChange(status=status.value, changed_on=on, note=_("confirmed reply"))
        request.status = status.value
        request.status_changes.append(change)
        session.flush()
        row.status_change_id = change.id
    row.clock_event_id = None
    event = chosen.effect.clock_event
    if event is not None:
        until = row.until if chosen.value == row.kind and row.until and row.until >= on else None
        stored = ClockEventRow(kind=event.value, on=on, until=until, note=_("from a reply"))
        request.clock_events.append(stored)
        session.flush()
        row.clock_event_id = stored.id
    row.decided_at = utcnow()
    row.chosen_kind, row.chosen_status = chosen.value, status.value if status else None


def _take_back(session: Session, row: ReplyProposal, message: Message) -> None:
    request = message.request
    assert request is not None
    message.kind = row.previous_kind or MessageKind.REPLY.value
    if row.status_change_id is not None:
        change = session.get(StatusChange, row.status_change_id)
        latest = bool(request.status_changes) and request.status_changes[-1] is change
        if change is not None:
            request.status_changes.remove(change)
            session.delete(change)
        if latest:  # a status set by hand since then stays
            request.status = row.previous_status or request.status
    if row.clock_event_id is not None:
        event = session.get(ClockEventRow, row.clock_event_id)
        if event is not None:
            request.clock_events.remove(event)
            session.delete(event)
    row.decided_at = None
    row.chosen_kind = row.chosen_status = row.previous_kind = row.previous_status = None
    row.status_change_id = row.clock_event_id = None


def _record(session: Session, row: ReplyProposal) -> ReplyProposalRecord:
    message = session.get(Message, row.message_id)
    request = session.get(Request, message.request_id) if message and message.request_id else None
    signs = tuple(
        ProposalSign(str(s), str(t), str(k), float(w)) for s, t, k, w in json.loads(row.evidence)
    )
    return ReplyProposalRecord(
        message_id=row.message_id,
        request_id=request.id if request else None,
        kind=row.kind,
        status=row.status,
        until=row.until,
        evidence=signs,
        decided=row.decided_at is not None,
        chosen_kind=row.chosen_kind,
        chosen_status=row.chosen_status,
        request_status=request.status if request else None,
        clock_event_id=row.clock_event_id,
    )
