"""``Desk``: the one object a face opens to work with a profile.

The window and the command line both call these methods and get frozen records
back. Each method is one unit of work: it commits whole or changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, date, datetime, time
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, BinaryIO, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, selectinload

from foidesk.core import health
from foidesk.core.deadlines import (
    REGIMES,
    ClockEvent,
    ClockEventKind,
    Deadline,
    DeadlineState,
    RegionError,
    normalize_region,
    request_deadlines,
)
from foidesk.core.deadlines import request_clocks as clocks
from foidesk.core.deadlines.ics import CalendarEntry, write_ics
from foidesk.core.errors import FoideskError, InvalidInputError, NotFoundError
from foidesk.core.health import CheckReport, RepairPlan
from foidesk.core.profile import Profile
from foidesk.core.profile.identity import ProfileMarker, new_marker, stamp_of, write_marker
from foidesk.core.profile.opening import open_database
from foidesk.core.progress import Progress
from foidesk.core.records import (
    AttachmentRecord,
    AuthorityRecord,
    ClockEventRecord,
    ClosureRecord,
    DayCount,
    MessageRecord,
    NewAttachment,
    NewMessage,
    NewRequest,
    RequestDetail,
    RequestSummary,
)
from foidesk.core.storage import database as db
from foidesk.core.storage import failures
from foidesk.core.storage import message_writes as messages
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.file_store import AttachmentStore
from foidesk.core.storage.file_writes import BlobTransaction, leftovers_of_writers, recover
from foidesk.core.storage.inuse import ProfileHold
from foidesk.core.storage.tables import (
    Attachment,
    Authority,
    ClockEventRow,
    ClosureDay,
    Message,
    Request,
    Setting,
    StatusChange,
    Tag,
    utcnow,
)
from foidesk.core.vocabulary import (
    DEFAULT_REGIME,
    REGIME_IDS,
    Direction,
    MessageKind,
    RequestStatus,
    parse_choice,
)

if TYPE_CHECKING:
    from foidesk.core.importing.importer import ImportReport
    from foidesk.core.search import Filters, SearchHit

Today = Callable[[], date]
_Row = TypeVar("_Row")


class Desk:
    """An open profile: its database, its attachment store, and every operation on them."""

    def __init__(
        self,
        profile: Profile,
        database: db.Database,
        store: AttachmentStore,
        today: Today,
        *,
        marker: ProfileMarker | None = None,
        hold: ProfileHold | None = None,
    ) -> None:
        self.profile = profile
        self.db = database
        self.store = store
        self.today = today
        self.marker = marker  # what the marker beside the database says, as last written
        self.recovered: list[str] = []  # what opening did after writers that were killed
        self.hold = hold or ProfileHold(profile.data_dir)

    @classmethod
    def open(cls, profile: Profile, *, today: Today = date.today) -> Desk:
        """Open (creating only in a new or empty folder) a profile, migrate its schema,
        finish crashed writes. A database that cannot be trusted to be this profile's is
        refused with ``ProfileRefusedError`` and left as it is (``opening.py``).

        The profile is marked in use first, so that no restore replaces it while open.
        """
        from foidesk.core.backup.switch import finish_interrupted_restore
        from foidesk.core.salvage.switch import finish_interrupted_salvage

        hold = ProfileHold(profile.data_dir)
        hold.acquire()  # before looking for a restore: see inuse.py
        try:
            finish_interrupted_restore(profile)  # before anything else: never open a stand-in
            finish_interrupted_salvage(profile)
            opened = open_database(profile)
        except BaseException:
            hold.release()
            raise
        store = AttachmentStore(profile.attachments_dir)
        desk = cls(profile, opened.database, store, today, marker=opened.marker, hold=hold)
        try:
            desk._finish_crashed_writes()
        except BaseException:
            desk.close()
            raise
        return desk

    @property
    def read_only(self) -> bool:
        """The profile can be read, listed, searched and checked, but not changed."""
        return self.db.read_only

    def _finish_crashed_writes(self) -> None:
        """Clean up after writers that died — only where one left something behind, so
        that opening writes nothing (a read-only or damaged database is never written)."""
        if self.read_only:
            return
        self.store.create_dirs()
        if leftovers_of_writers(self.store):
            with self.db.writing() as session:
                self.recovered = recover(session, self.store)

    def close(self) -> None:
        """Close the database connections, note the profile as it is now beside it, and
        stop marking the profile in use."""
        try:
            noted = self._marker_now()
        except FoideskError:
            noted = None  # the marker records facts: a disk that refuses it loses nothing
        self.db.dispose()  # SQLite's last connection folds the WAL in as it closes
        try:
            if noted is not None:
                self._note(noted)
        finally:
            self.hold.release()

    def _marker_now(self) -> ProfileMarker | None:
        """The marker with this session's counts; None when it must stay as it is."""
        if self.marker is None or self.read_only or self.db.damage is not None:
            return None
        if not self.db.wrote:
            return self.marker
        with self.db.reading() as session:
            return new_marker(session, self.marker.profile_id, None)

    def _note(self, marker: ProfileMarker) -> None:
        """Write the marker if it changed; a database this session knew sound (checked,
        or stamped so by the last foidesk) is stamped as this session leaves it."""
        sqlite = self.profile.sqlite_path
        verified = stamp_of(sqlite) if self.db.verified and sqlite is not None else None
        fresh = replace(marker, verified=verified)
        if _same_facts(fresh, self.marker):
            return
        if write_marker(self.profile.data_dir, fresh):
            self.marker = fresh

    def reopen(self) -> None:
        """After ``close``: in use again, on the database now in place (a restore may have
        replaced it, with another identity), checked as at ``open``."""
        self.db.dispose()
        self.hold.acquire()
        try:
            opened = open_database(self.profile)
        except BaseException:
            self.hold.release()
            raise
        self.db, self.marker = opened.database, opened.marker
        self._finish_crashed_writes()

    def __enter__(self) -> Desk:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def writing_files(self) -> Iterator[tuple[Session, BlobTransaction]]:
        """A write unit of work that may also add or release stored files.

        A disk that refuses a file (full, read-only) rolls the whole unit back, removes
        what it had placed, and becomes one ``StorageError`` naming the store.
        """
        blobs: BlobTransaction | None = None
        committed = False
        try:
            with self.db.writing() as session, BlobTransaction(session, self.store) as blobs:
                yield session, blobs
            committed = True
        except OSError as exc:
            need = blobs.bytes_wanted if blobs is not None else 0
            error = failures.storage_error(exc, self.store.root, need=need)
            if error is None:
                raise
            raise error from exc
        finally:
            if blobs is not None:
                blobs.finish(committed)

    # --- authorities -------------------------------------------------------------

    def add_authority(
        self,
        name: str,
        *,
        email: str | None = None,
        regime: str | None = None,
        short_name: str | None = None,
        jurisdiction: str | None = None,
        is_school: bool = False,
        notes: str = "",
        region: str | None = None,
    ) -> AuthorityRecord:
        name = _required(name, "authority name")
        with self.db.writing() as session:
            if _authority_named(session, name) is not None:
                raise InvalidInputError(f"an authority named {name!r} already exists")
            row = Authority(
                name=name,
                email=_clean_email(email),
                short_name=short_name,
                jurisdiction=jurisdiction,
                region=check_region(region),
                default_regime=check_regime(regime),
                is_school=is_school,
                notes=notes,
            )
            session.add(row)
            session.flush()
            return convert.authority_record(row)

    def list_authorities(self) -> list[AuthorityRecord]:
        with self.db.reading() as session:
            rows = session.scalars(select(Authority).order_by(func.lower(Authority.name)))
            return [convert.authority_record(r) for r in rows]

    def update_authority(self, authority_id: int, **changes: object) -> AuthorityRecord:
        allowed = {
            "name",
            "short_name",
            "email",
            "jurisdiction",
            "default_regime",
            "is_school",
            "notes",
            "region",
        }
        unknown = set(changes) - allowed
        if unknown:
            raise InvalidInputError(f"cannot change {', '.join(sorted(unknown))} of an authority")
        with self.db.writing() as session:
            row = _get(session, Authority, authority_id, "authority")
            if "default_regime" in changes:
                changes["default_regime"] = check_regime(str(changes["default_regime"]))
            if "email" in changes:
                changes["email"] = _clean_email(changes["email"])  # type: ignore[arg-type]
            if "region" in changes:
                changes["region"] = check_region(changes["region"])  # type: ignore[arg-type]
            for key, value in changes.items():
                setattr(row, key, value)
            session.flush()
            return convert.authority_record(row)

    def delete_authority(self, authority_id: int) -> None:
        """Remove an authority no request refers to (e.g. to undo adding it)."""
        with self.db.writing() as session:
            row = _get(session, Authority, authority_id, "authority")
            used = session.scalar(select(func.count()).where(Request.authority_id == row.id))
            if used:
                raise InvalidInputError(f"{row.name} still has {used} request(s)")
            session.delete(row)

    # --- requests ----------------------------------------------------------------

    def add_request(self, new: NewRequest) -> RequestDetail:
        """Record a request; its text becomes the first (outgoing) message of the thread."""
        title = _required(new.title, "title")
        status = parse_choice(RequestStatus, new.status, "status")
        with self.db.writing() as session:
            authority = _authority_named(session, _required(new.authority, "authority"))
            if authority is None:
                authority = Authority(name=new.authority.strip(), default_regime=DEFAULT_REGIME)
                session.add(authority)
            regime = check_regime(new.regime or authority.default_regime)
            row = Request(
                title=title,
                authority=authority,
                regime=regime,
                sent_on=new.sent_on,
                received_on=new.received_on,
                body=new.body,
                reference=new.reference,
                status=status.value,
                notes=new.notes,
                tags=[_tag(session, t) for t in _unique(new.tags)],
            )
            session.add(row)
            session.flush()
            on = new.sent_on or self.today()
            row.status_changes.append(StatusChange(status=status.value, changed_on=on))
            if new.body.strip() and status is not RequestStatus.DRAFT:
                session.add(
                    Message(
                        request=row,
                        direction=Direction.OUTGOING.value,
                        kind=MessageKind.REQUEST.value,
                        subject=title,
                        body_text=new.body,
                        sent_at=_start_of(on),
                        sort_at=_start_of(on),
                        filed_by="written in foidesk",
                    )
                )
            session.flush()
            return self._detail(session, row.id)

    def list_requests(self, *, status: str | None = None) -> list[RequestSummary]:
        query = select(Request).where(Request.deleted_at.is_(None))
        if status:
            chosen = parse_choice(RequestStatus, status, "status")
            query = query.where(Request.status == chosen.value)
        return self._summaries(query.order_by(Request.last_activity_at.desc(), Request.id.desc()))

    def get_request(self, request_id: int) -> RequestDetail:
        with self.db.reading() as session:
            return self._detail(session, request_id)

    def set_status(
        self, request_id: int, status: str, *, on: date | None = None, note: str = ""
    ) -> RequestDetail:
        """Change a request's status and keep the change in its history."""
        chosen = parse_choice(RequestStatus, status, "status")
        with self.db.writing() as session:
            row = _live_request(session, request_id)
            row.status = chosen.value
            row.status_changes.append(
                StatusChange(status=chosen.value, changed_on=on or self.today(), note=note)
            )
            session.flush()
            return self._detail(session, request_id)

    def undo_status_change(self, request_id: int) -> RequestDetail:
        """Take back the latest status change (for Undo): history as if it never happened."""
        with self.db.writing() as session:
            row = _live_request(session, request_id)
            if len(row.status_changes) < 2:
                raise InvalidInputError("the request has no status change to take back")
            session.delete(row.status_changes[-1])
            row.status_changes.pop()
            row.status = row.status_changes[-1].status
            session.flush()
            return self._detail(session, request_id)

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
    ) -> RequestDetail:
        with self.db.writing() as session:
            row = _live_request(session, request_id)
            if title is not None:
                row.title = _required(title, "title")
            if authority is not None:
                found = _authority_named(session, authority)
                if found is None:
                    raise NotFoundError(f"no authority named {authority!r}")
                row.authority = found
            if regime is not None:
                row.regime = check_regime(regime)
            row.sent_on = sent_on if sent_on is not None else row.sent_on
            row.received_on = received_on if received_on is not None else row.received_on
            row.body = body if body is not None else row.body
            row.reference = reference if reference is not None else row.reference
            row.notes = notes if notes is not None else row.notes
            if tags is not None:
                row.tags = [_tag(session, t) for t in _unique(tags)]
            session.flush()
            return self._detail(session, request_id)

    def delete_request(self, request_id: int) -> None:
        """Move a request to the trash; nothing is lost until the trash is emptied."""
        with self.db.writing() as session:
            _live_request(session, request_id).deleted_at = utcnow()

    def restore_request(self, request_id: int) -> None:
        with self.db.writing() as session:
            _get(session, Request, request_id, "request").deleted_at = None

    def trashed_requests(self) -> list[RequestSummary]:
        return self._summaries(
            select(Request)
            .where(Request.deleted_at.is_not(None))
            .order_by(Request.deleted_at.desc())
        )

    def purge_request(self, request_id: int) -> None:
        """Delete a trashed request for good, with files no other message uses."""
        with self.writing_files() as (session, blobs):
            row = _get(session, Request, request_id, "request")
            if row.deleted_at is None:
                raise InvalidInputError("only a request in the trash can be deleted for good")
            thread = session.scalars(select(Message).where(Message.request_id == request_id))
            for message in thread:
                blobs.release(messages.digests_of(message))
                session.delete(message)
            session.delete(row)

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
            raise InvalidInputError(f"cannot record {kind!r}: {detail}") from None
        with self.db.writing() as session:
            row = _live_request(session, request_id)
            stored = ClockEventRow(kind=event.kind.value, on=on, until=until, note=note)
            row.clock_events.append(stored)
            session.flush()
            return convert.clock_event_record(stored)

    def remove_clock_event(self, event_id: int) -> None:
        with self.db.writing() as session:
            session.delete(_get(session, ClockEventRow, event_id, "clock event"))

    # --- messages ----------------------------------------------------------------

    def add_message(self, request_id: int | None, new: NewMessage) -> MessageRecord:
        """Store a message and its attachments in one unit of work (``None``: Unfiled)."""
        with self.writing_files() as (session, blobs):
            request = _live_request(session, request_id) if request_id is not None else None
            row = messages.insert_message(session, blobs, request, new)
            return convert.message_record(row)

    def attach_files(self, message_id: int, files: Sequence[NewAttachment]) -> MessageRecord:
        """Add files to an existing message (a drop on a message card)."""
        with self.writing_files() as (session, blobs):
            row = _get(session, Message, message_id, "message")
            _, added = messages.store_files(blobs, files, len(row.attachments))
            row.attachments.extend(added)
            session.flush()
            return convert.message_record(row)

    def remove_attachment(self, attachment_id: int) -> MessageRecord:
        """Detach a file from its message; the stored file goes only if nothing else uses it."""
        with self.writing_files() as (session, blobs):
            row = _get(session, Attachment, attachment_id, "attachment")
            message = row.message
            blobs.release([row.sha256])
            message.attachments.remove(row)
            session.flush()
            return convert.message_record(message)

    def file_message(self, message_id: int, request_id: int | None, *, how: str = "") -> None:
        """Move a message into a request's thread (or back to Unfiled with ``None``)."""
        with self.db.writing() as session:
            row = _get(session, Message, message_id, "message")
            request = _live_request(session, request_id) if request_id is not None else None
            row.request = request
            row.filed_by = how or ("filed by hand" if request else "")
            if request is not None:
                request.last_activity_at = max(request.last_activity_at, row.sort_at)

    def delete_message(self, message_id: int) -> None:
        with self.db.writing() as session:
            _get(session, Message, message_id, "message").deleted_at = utcnow()

    def restore_message(self, message_id: int) -> None:
        with self.db.writing() as session:
            _get(session, Message, message_id, "message").deleted_at = None

    def unfiled_messages(self) -> list[MessageRecord]:
        with self.db.reading() as session:
            rows = session.scalars(
                select(Message)
                .where(Message.request_id.is_(None), Message.deleted_at.is_(None))
                .options(selectinload(Message.attachments))
                .order_by(Message.sort_at)
            )
            return [convert.message_record(r) for r in rows]

    def get_message(self, message_id: int) -> MessageRecord:
        with self.db.reading() as session:
            return convert.message_record(_get(session, Message, message_id, "message"))

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        request_id: int | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import emails, mailboxes and documents; see ``importer`` for the rules."""
        from foidesk.core.importing import importer  # mail parsers load only when needed

        return importer.import_paths(self, paths, request_id=request_id, progress=progress)

    def search(
        self, text: str, *, filters: Filters | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Full-text search over requests, messages and attachment text, best first."""
        from foidesk.core.search import search

        return search(self, text, filters=filters, limit=limit)

    # --- attachments ---------------------------------------------------------------

    def get_attachment(self, attachment_id: int) -> AttachmentRecord:
        with self.db.reading() as session:
            return convert.attachment_record(_get(session, Attachment, attachment_id, "attachment"))

    def open_blob(self, sha256: str) -> BinaryIO:
        return self.store.open(sha256)

    def blob_path(self, sha256: str) -> Path:
        """The stored file, read-only by contract: for previews and drag-out copies."""
        return self.store.path_for(sha256)

    def original_of(self, message_id: int) -> bytes | None:
        """The evidence copy of an imported email, byte for byte."""
        with self.db.reading() as session:
            row = _get(session, Message, message_id, "message")
            return None if row.raw_sha256 is None else self.store.read_bytes(row.raw_sha256)

    # --- deadlines ----------------------------------------------------------------

    def deadlines(self, request_id: int) -> tuple[Deadline, ...]:
        """Every deadline of a request, judged against today, each able to explain itself."""
        with self.db.reading() as session:
            _live_request(session, request_id)
            found = clocks.request_clocks(session, [request_id])
        return request_deadlines(found[0].clock, self.today()) if found else ()

    def next_deadlines(self) -> dict[int, Deadline]:
        """The most pressing open deadline of each live request that has one."""
        with self.db.reading() as session:
            found = clocks.request_clocks(session)
        today = self.today()
        pressing = (
            (c.request_id, clocks.most_pressing(d)) for c, d in clocks.deadlines_of(found, today)
        )
        return {rid: d for rid, d in pressing if d is not None}

    def calendar(self, start: date | None = None, end: date | None = None) -> list[CalendarEntry]:
        """Deadlines of all live requests between two days (inclusive), in date order."""
        with self.db.reading() as session:
            found = clocks.request_clocks(session)
        entries = [
            CalendarEntry(c.request_id, c.title, c.authority, d)
            for c, deadlines in clocks.deadlines_of(found, self.today())
            for d in deadlines
            if d.state is not DeadlineState.NOT_APPLICABLE
            and (start is None or d.due >= start)
            and (end is None or d.due <= end)
        ]
        return sorted(entries, key=lambda e: (e.deadline.due, e.title.lower(), e.request_id))

    def deadline_counts(self, start: date, end: date) -> dict[date, DayCount]:
        """How many deadlines fall on each day, and the worst state among them."""
        counts: dict[date, DayCount] = {}
        for entry in self.calendar(start, end):
            day, state = entry.deadline.due, entry.deadline.state
            before = counts.get(day)
            counts[day] = (
                DayCount(1, state)
                if before is None
                else DayCount(before.count + 1, clocks.worse(before.worst, state))
            )
        return counts

    def export_ics(self, path: Path, start: date | None = None, end: date | None = None) -> int:
        """Write the calendar as an .ics file (atomically); returns the number of events."""
        return write_ics(self.calendar(start, end), path)

    @staticmethod
    def regimes() -> list[tuple[str, str]]:
        return [(regime.id, regime.name) for regime in REGIMES.values()]

    def closure_days(self) -> list[ClosureRecord]:
        with self.db.reading() as session:
            rows = session.scalars(select(ClosureDay).order_by(ClosureDay.day))
            return [ClosureRecord(r.day, r.name, r.closed) for r in rows]

    def set_closure(self, day: date, name: str, *, closed: bool = True) -> None:
        """Mark a day closed (a one-off closure) or open (a holiday the office works)."""
        with self.db.writing() as session:
            row = session.scalars(select(ClosureDay).where(ClosureDay.day == day)).first()
            if row is None:
                session.add(ClosureDay(day=day, name=_required(name, "name"), closed=closed))
            else:
                row.name, row.closed = _required(name, "name"), closed

    def clear_closure(self, day: date) -> None:
        with self.db.writing() as session:
            row = session.scalars(select(ClosureDay).where(ClosureDay.day == day)).first()
            if row is not None:
                session.delete(row)

    # --- settings ----------------------------------------------------------------

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        with self.db.reading() as session:
            row = session.get(Setting, key)
            return default if row is None else row.value

    def set_setting(self, key: str, value: str | None) -> None:
        """Store a profile setting (``None`` removes it)."""
        with self.db.writing() as session:
            row = session.get(Setting, key)
            if value is None:
                if row is not None:
                    session.delete(row)
            elif row is None:
                session.add(Setting(key=key, value=value))
            else:
                row.value = value

    # --- health ------------------------------------------------------------------

    def check_pages(self) -> list[str]:
        """SQLite's page check, unless this session already knows the file sound; the
        problems found (empty when sound). Found damage keeps every write out."""
        if not self.db.verified and self.db.damage is None and self.db.is_sqlite:
            self.db.note_check(self.db.quick_check())
        return [] if self.db.damage is None else [self.db.damage]

    def check(self) -> CheckReport:
        """Database integrity, the search index, a re-hash of every stored file, and the
        leftovers of killed writers; writes nothing (``health.py``)."""
        return health.check(self)

    def plan_repair(self, report: CheckReport) -> RepairPlan:
        """What ``repair`` would remove after ``report``; refused on an untrusted database."""
        return health.plan_repair(self, report)

    def repair(self, plan: RepairPlan) -> RepairPlan:
        """Remove unused stored files and leftovers that ``plan`` lists; what was removed."""
        return health.repair(self, plan)

    # --- helpers -----------------------------------------------------------------

    def _summaries(self, query: Select[Request]) -> list[RequestSummary]:
        """List rows for ``query``, authorities and tags loaded in two queries, not per row."""
        with self.db.reading() as session:
            rows = session.scalars(
                query.options(selectinload(Request.authority), selectinload(Request.tags))
            ).all()
            counts = _message_counts(session, [r.id for r in rows])
            return [convert.request_summary(r, counts.get(r.id, 0)) for r in rows]

    def _detail(self, session: Session, request_id: int) -> RequestDetail:
        row = _get(session, Request, request_id, "request")
        messages = session.scalars(
            select(Message)
            .where(Message.request_id == request_id, Message.deleted_at.is_(None))
            .options(selectinload(Message.attachments))
            .order_by(Message.sort_at, Message.id)
        ).all()
        return convert.request_detail(row, list(messages))


def _same_facts(new: ProfileMarker, old: ProfileMarker | None) -> bool:
    """Equal but for the time of closing: no need to write the marker again."""
    return old is not None and replace(new, closed_at=old.closed_at) == old


def check_regime(regime: str | None) -> str:
    chosen = (regime or DEFAULT_REGIME).strip().lower()
    if chosen not in REGIME_IDS:
        raise InvalidInputError(
            f"unknown regime {regime!r}; choose one of: " + ", ".join(REGIME_IDS)
        )
    return chosen


def check_region(region: str | None) -> str | None:
    """An ISO 3166-2 region the holiday calendars know, or None for the law's default."""
    if region is None or not region.strip():
        return None
    try:
        return normalize_region(region)
    except RegionError as exc:
        raise InvalidInputError(str(exc)) from None


def _required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInputError(f"a {what} is required")
    return value.strip()


def _clean_email(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    cleaned = email.strip().lower()
    if "@" not in cleaned or any(c.isspace() for c in cleaned):
        raise InvalidInputError(f"{email!r} is not an email address")
    return cleaned


def _unique(values: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def _start_of(day: date) -> datetime:
    """A request known only by its day sorts before anything else on that day."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def _get(session: Session, model: type[_Row], ident: int, what: str) -> _Row:
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError(f"no {what} with id {ident}")
    return row


def _live_request(session: Session, request_id: int) -> Request:
    row = _get(session, Request, request_id, "request")
    if row.deleted_at is not None:
        raise NotFoundError(f"request {request_id} is in the trash")
    return row


def _authority_named(session: Session, name: str) -> Authority | None:
    wanted = name.strip().lower()
    return session.scalars(
        select(Authority).where(
            (func.lower(Authority.name) == wanted) | (func.lower(Authority.short_name) == wanted)
        )
    ).first()


def _tag(session: Session, name: str) -> Tag:
    found = session.scalars(select(Tag).where(Tag.name == name)).first()
    if found is None:
        found = Tag(name=name)
        session.add(found)
    return found


def _message_counts(session: Session, request_ids: list[int]) -> dict[int, int]:
    if not request_ids:
        return {}
    rows = session.execute(
        select(Message.request_id, func.count())
        .where(Message.deleted_at.is_(None))
        .group_by(Message.request_id)
    )
    wanted = set(request_ids)
    return {rid: n for rid, n in rows if rid in wanted}
