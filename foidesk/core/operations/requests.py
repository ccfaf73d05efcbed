"""Requests: record, read, edit, change status, trash, purge; and the clock events that
move their deadlines (an extension, a fee notice, a promised date)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from foidesk.core.changes import Changes, request_changed
from foidesk.core.deadlines import ClockEvent, ClockEventKind
from foidesk.core.errors import InvalidInputError, NotFoundError
from foidesk.core.i18n import _
from foidesk.core.importing import reasons
from foidesk.core.operations.authorities import check_regime
from foidesk.core.operations.base import (
    DeskBase,
    authority_named,
    check_version,
    get_row,
    live_request,
    locked_request,
    message_counts,
    refusing_stale,
    required,
    start_of,
    tag_named,
    unique,
)
from foidesk.core.phrases import Phrase
from foidesk.core.records import ClockEventRecord, NewRequest, RequestDetail, RequestSummary
from foidesk.core.storage import message_writes as messages
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.tables import (
    Authority,
    ClockEventRow,
    Message,
    Request,
    StatusChange,
    Tag,
    request_tag,
    utcnow,
)
from foidesk.core.vocabulary import (
    DEFAULT_REGIME,
    Direction,
    MessageKind,
    RequestStatus,
    parse_choice,
)


def _listed(request_id: int) -> Changes:
    """A change that can move a request in (or out of) the list, not only repaint it."""
    return request_changed(request_id, listing=True)


#: id, title, authority id and name, regime, status, sent, reference, last activity.
SummaryQuery = Select[int, str, int, str, str, str, date | None, str | None, datetime]


class RequestOperations(DeskBase):
    def add_request(self, new: NewRequest) -> RequestDetail:
        """Record a request; its text becomes the first (outgoing) message of the thread."""
        title = required(new.title, "title")
        status = parse_choice(RequestStatus, new.status, "status")
        with self.writing(Changes(listing=True)) as unit:
            session = unit.session
            authority = authority_named(session, required(new.authority, "authority"))
            if authority is None:
                authority = Authority(name=new.authority.strip(), default_regime=DEFAULT_REGIME)
                session.add(authority)
                unit.changed(Changes(authorities=True))
            row = Request(
                title=title,
                authority=authority,
                regime=check_regime(new.regime or authority.default_regime),
                sent_on=new.sent_on,
                received_on=new.received_on,
                body=new.body,
                reference=new.reference,
                status=status.value,
                notes=new.notes,
                tags=[tag_named(session, t) for t in unique(new.tags)],
            )
            session.add(row)
            session.flush()
            unit.created(row.id)
            unit.changed(_listed(row.id) | Changes(search_index=True))
            on = new.sent_on or self.today()
            row.status_changes.append(StatusChange(status=status.value, changed_on=on))
            if new.body.strip() and status is not RequestStatus.DRAFT:
                session.add(_request_message(row, title, new.body, on))
            session.flush()
            return self._detail(session, row.id)

    def list_requests(self, *, status: str | None = None) -> list[RequestSummary]:
        query = summary_columns().where(Request.deleted_at.is_(None))
        if status:
            chosen = parse_choice(RequestStatus, status, "status")
            query = query.where(Request.status == chosen.value)
        return self._summaries(query.order_by(Request.last_activity_at.desc(), Request.id.desc()))

    def get_request(self, request_id: int) -> RequestDetail:
        with self.db.reading() as session:
            return self._detail(session, request_id)

    def set_status(
        self,
        request_id: int,
        status: str,
        *,
        on: date | None = None,
        note: str = "",
        expected_version: int | None = None,
    ) -> RequestDetail:
        """Change a request's status and keep the change in its history (and who made it).
        ``expected_version``: the version the face showed (``ChangedElsewhere`` if stale)."""
        chosen = parse_choice(RequestStatus, status, "status")
        with refusing_stale(self, request_id), self.writing(request_changed(request_id)) as unit:
            row = live_request(unit.session, request_id, lock=True)
            check_version(row, expected_version)
            row.updated_at = utcnow()
            row.status = chosen.value
            row.status_changes.append(
                StatusChange(status=chosen.value, changed_on=on or self.today(), note=note)
            )
            unit.session.flush()
            return self._detail(unit.session, request_id)

    def undo_status_change(
        self, request_id: int, *, expected_version: int | None = None
    ) -> RequestDetail:
        """Take back the latest status change (for Undo): history as if it never happened.
        ``expected_version``: what the undone step returned — another member's write since
        then refuses it with ``ChangedElsewhere`` rather than taking back their change."""
        with refusing_stale(self, request_id), self.writing(request_changed(request_id)) as unit:
            row = live_request(unit.session, request_id, lock=True)
            check_version(row, expected_version)
            if len(row.status_changes) < 2:
                raise InvalidInputError(_("the request has no status change to take back"))
            unit.session.delete(row.status_changes[-1])
            row.status_changes.pop()
            row.status = row.status_changes[-1].status
            unit.session.flush()
            return self._detail(unit.session, request_id)

    def update_request(
        self,
        request_id: int,
        *,
        title: str | None = None,
        authority: str | None = None,
        regime: str | None = None,
        sent_on: date | None = None,
        received_on: date | None = None,
        body: str | None = None,
        reference: str | None = None,
        tags: Sequence[str] | None = None,
        notes: str | None = None,
        expected_version: int | None = None,
    ) -> RequestDetail:
        """Edit a request's fields (those given). ``expected_version``: the version the
        face showed; a write since then refuses the edit with ``ChangedElsewhere``."""
        changes = _listed(request_id) | Changes(search_index=True)
        with refusing_stale(self, request_id), self.writing(changes) as unit:
            session = unit.session
            row = live_request(session, request_id, lock=True)
            check_version(row, expected_version)
            row.updated_at = utcnow()  # written, so its version moves, even for tags alone
            if title is not None:
                row.title = required(title, "title")
            if authority is not None:
                found = authority_named(session, authority)
                if found is None:
                    raise NotFoundError(
                        _("no authority named {authority!r}").format(authority=authority)
                    )
                row.authority = found
            if regime is not None:
                row.regime = check_regime(regime)
            row.sent_on = sent_on if sent_on is not None else row.sent_on
            row.received_on = received_on if received_on is not None else row.received_on
            row.body = body if body is not None else row.body
            row.reference = reference if reference is not None else row.reference
            row.notes = notes if notes is not None else row.notes
            if tags is not None:
                row.tags = [tag_named(session, t) for t in unique(tags)]
            session.flush()
            return self._detail(session, request_id)

    def delete_request(self, request_id: int) -> None:
        """Move a request to the trash; nothing is lost until the trash is emptied."""
        with self.writing(_listed(request_id) | Changes(trash=True)) as unit:
            live_request(unit.session, request_id, lock=True).deleted_at = utcnow()

    def restore_request(self, request_id: int) -> None:
        with self.writing(_listed(request_id) | Changes(trash=True)) as unit:
            locked_request(unit.session, request_id).deleted_at = None

    def trashed_requests(self) -> list[RequestSummary]:
        return self._summaries(
            summary_columns()
            .where(Request.deleted_at.is_not(None))
            .order_by(Request.deleted_at.desc())
        )

    def purge_request(self, request_id: int) -> None:
        """Delete a trashed request for good, with files no other message uses."""
        gone = Changes(trash=True, search_index=True)
        with self.writing_files(gone) as unit:
            row = locked_request(unit.session, request_id)
            if row.deleted_at is None:
                raise InvalidInputError(_("only a request in the trash can be deleted for good"))
            thread = unit.session.scalars(select(Message).where(Message.request_id == request_id))
            for message in thread:
                unit.files.release(messages.digests_of(message))
                unit.session.delete(message)
            unit.session.delete(row)

    # --- clock events ------------------------------------------------------------

    def add_clock_event(
        self, request_id: int, kind: str, on: date, *, until: date | None = None, note: str = ""
    ) -> ClockEventRecord:
        """Record an event that moves the clock: an extension, a fee notice, a promise…"""
        try:
            event = ClockEvent(ClockEventKind(kind), on, until)
        except ValueError as exc:
            choices = ", ".join(k.value for k in ClockEventKind)
            detail = str(exc) if kind in set(ClockEventKind) else f"choose one of: {choices}"
            raise InvalidInputError(
                _("cannot record {kind!r}: {detail}").format(kind=kind, detail=detail)
            ) from None
        with self.writing(request_changed(request_id)) as unit:
            row = live_request(unit.session, request_id, lock=True)
            stored = ClockEventRow(kind=event.kind.value, on=on, until=until, note=note)
            row.clock_events.append(stored)
            unit.session.flush()
            return convert.clock_event_record(stored)

    def remove_clock_event(self, event_id: int) -> None:
        with self.writing() as unit:
            row = get_row(unit.session, ClockEventRow, event_id, "clock event")
            unit.touch(row.request_id)
            unit.changed(request_changed(row.request_id))
            unit.session.delete(row)

    # --- reading ------------------------------------------------------------------

    def _summaries(self, query: SummaryQuery) -> list[RequestSummary]:
        """List rows for ``query`` (of ``summary_columns``): plain columns, tags and
        message counts in one query each — no ORM objects, which at 10,000 requests
        cost more than the reading itself."""
        with self.db.reading() as session:
            rows = session.execute(query).all()
            ids = [row.id for row in rows]
            tags = tag_names(session, ids)
            counts = message_counts(session, ids)
        return [
            RequestSummary(
                id=row.id,
                title=row.title,
                authority_id=row.authority_id,
                authority=row.authority,
                regime=row.regime,
                status=row.status,
                sent_on=row.sent_on,
                reference=row.reference,
                tags=tags.get(row.id, ()),
                last_activity_at=row.last_activity_at,
                message_count=counts.get(row.id, 0),
            )
            for row in rows
        ]

    def _detail(self, session: Session, request_id: int) -> RequestDetail:
        row = get_row(session, Request, request_id, "request")
        thread = session.scalars(
            select(Message)
            .where(Message.request_id == request_id, Message.deleted_at.is_(None))
            .options(selectinload(Message.attachments))
            .order_by(Message.sort_at, Message.id)
        ).all()
        return convert.request_detail(row, list(thread))


def summary_columns() -> SummaryQuery:
    """The columns of a request's list row, its authority's name joined."""
    return select(
        Request.id,
        Request.title,
        Request.authority_id,
        Authority.name.label("authority"),
        Request.regime,
        Request.status,
        Request.sent_on,
        Request.reference,
        Request.last_activity_at,
    ).join(Authority, Request.authority_id == Authority.id)


def tag_names(session: Session, request_ids: list[int]) -> dict[int, tuple[str, ...]]:
    """Each request's tag names, sorted (all tags are read: a list is most of them)."""
    if not request_ids:
        return {}
    wanted = set(request_ids)
    found: dict[int, list[str]] = {}
    rows = session.execute(
        select(request_tag.c.request_id, Tag.name)
        .join(Tag, Tag.id == request_tag.c.tag_id)
        .order_by(Tag.name)
    )
    for request_id, name in rows:
        if request_id in wanted:
            found.setdefault(request_id, []).append(name)
    return {rid: tuple(names) for rid, names in found.items()}


def _request_message(row: Request, title: str, body: str, on: date) -> Message:
    return Message(
        request=row,
        direction=Direction.OUTGOING.value,
        kind=MessageKind.REQUEST.value,
        subject=title,
        body_text=body,
        sent_at=start_of(on),
        sort_at=start_of(on),
        filed_by=Phrase(reasons.WRITTEN_HERE).stored(),
    )
