"""What every part of the ``Desk`` shares: the open profile, and units of work that say
what they changed.

A write is ``with self.writing(changes) as unit:`` — one transaction, committed whole
or not at all. ``changes`` names what the operation knows it will change before it
starts; the body adds what it learns (``unit.changed``), and ``unit.touch(request_id)``
*before* it changes a request notes that request's deadlines as they were. Once the
transaction has committed, the deadlines of every touched request are compared with
how they were, so the calendar learns the days that moved, and the whole ``Changes`` is
published on the desk's ``feed``. A write that fails publishes nothing. On a team
database the same value is also sent to the other members, inside the transaction
(``live/notices.py``): it reaches them when, and only if, the unit commits.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from foidesk.core.changes import NOTHING, ChangeFeed, Changes
from foidesk.core.deadlines.request_clocks import Mark, deadline_marks
from foidesk.core.errors import ChangedElsewhere, InvalidInputError, NotFoundError
from foidesk.core.i18n import N_, _
from foidesk.core.live.notices import announce
from foidesk.core.profile import Profile
from foidesk.core.profile.identity import ProfileMarker
from foidesk.core.storage import database as db
from foidesk.core.storage import failures
from foidesk.core.storage.file_store import AttachmentStore
from foidesk.core.storage.file_writes import BlobTransaction
from foidesk.core.storage.inuse import ProfileHold
from foidesk.core.storage.members import MEMBER
from foidesk.core.storage.server_locks import lock_row
from foidesk.core.storage.tables import Authority, Message, Request, Tag

if TYPE_CHECKING:
    from foidesk.core.live.listener import Listener

Today = Callable[[], date]
_Row = TypeVar("_Row")


@dataclass
class Unit:
    """One write unit of work in progress: its session, its files (``writing_files``),
    and what it has changed so far."""

    session: Session
    today: date
    changes: Changes = NOTHING
    blobs: BlobTransaction | None = None
    _before: dict[int, set[Mark]] = field(default_factory=dict)
    _unseen: set[int] = field(default_factory=set)  # touched after they had changed

    @property
    def files(self) -> BlobTransaction:
        assert self.blobs is not None, "a unit from writing_files() stores files"
        return self.blobs

    def changed(self, more: Changes) -> None:
        self.changes = self.changes | more

    def touch(self, *request_ids: int) -> None:
        """Note requests' deadlines as they are, before the unit changes them."""
        new = [rid for rid in request_ids if rid not in self._before]
        if not new:
            return
        with self.session.no_autoflush:
            marks = deadline_marks(self.session, new, self.today)
        for rid in new:
            self._before[rid] = {m for m in marks if m[0] == rid}

    def created(self, request_id: int) -> None:
        """A request new in this unit: it had no deadlines before."""
        self._before.setdefault(request_id, set())

    def touched_late(self, request_id: int) -> None:
        """A request changed before it could be noted (found while importing): its
        deadlines may have moved, but not which days."""
        self._unseen.add(request_id)

    def finish(self) -> Changes:
        """After the body: the days whose deadlines moved, found in the same transaction."""
        deadlines = set(self.changes.deadlines) | set(self._before) | self._unseen
        if not deadlines:
            return self.changes
        self.session.flush()
        after = deadline_marks(self.session, self._before, self.today)
        before = set().union(*self._before.values())
        days = frozenset(mark[2] for mark in before ^ after)
        missed = deadlines - set(self._before)
        return replace(
            self.changes,
            deadlines=frozenset(deadlines),
            deadline_days=None if missed or self.changes.deadline_days is None else days,
        )


class DeskBase:
    """An open profile: its database, its attachment store, its feed of changes."""

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
        self.feed = ChangeFeed()
        #: Names this desk's notices to the other members, so that it drops its own when
        #: the database delivers them back (one per desk: two desks in one process are
        #: two members as much as two desks on two machines).
        self.sender = secrets.token_hex(8)
        self._live: Listener | None = None  # started by Desk.start_live_updates

    @property
    def read_only(self) -> bool:
        """The profile can be read, listed, searched and checked, but not changed."""
        return self.db.read_only

    @contextmanager
    def writing(self, changes: Changes = NOTHING) -> Iterator[Unit]:
        """A write unit of work; its changes are published once it has committed."""
        with self.db.writing() as session:
            unit = self._unit(session, changes)
            yield unit
            finished = unit.finish()
            self._announce(session, finished)
        self.feed.publish(finished)

    @contextmanager
    def writing_files(self, changes: Changes = NOTHING) -> Iterator[Unit]:
        """A write unit of work that may also add or release stored files.

        A disk that refuses a file (full, read-only) rolls the whole unit back, removes
        what it had placed, and becomes one ``StorageError`` naming the store.
        """
        blobs: BlobTransaction | None = None
        committed = False
        try:
            with self.db.writing() as session, BlobTransaction(session, self.store) as blobs:
                unit = self._unit(session, changes)
                unit.blobs = blobs
                yield unit
                finished = unit.finish()
                self._announce(session, finished)
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
        self.feed.publish(finished)

    def _announce(self, session: Session, changes: Changes) -> None:
        """On a team database: tell the other members, when this transaction commits."""
        if not self.db.is_sqlite:
            announce(session, changes, self.sender, self.profile.member)

    def _unit(self, session: Session, changes: Changes) -> Unit:
        session.info[MEMBER] = self.profile.member  # stamped on what it writes (members.py)
        unit = Unit(session, self.today(), changes)
        unit.touch(*changes.deadlines)
        return unit


# --- what the parts share -----------------------------------------------------------


def check_version(row: Request, expected: int | None) -> None:
    """Refuse an edit made on what the face showed at ``expected`` if the request has
    been written since (None: the caller showed nothing, as a script)."""
    if expected is not None and row.version != expected:
        raise ChangedElsewhere(row.id, row.changed_by, row.updated_at)


@contextmanager
def refusing_stale(desk: DeskBase, request_id: int) -> Iterator[None]:
    """A write that lost the race to another member's — its row changed between being
    read and written (SQLAlchemy's version check found no row at the version read) —
    becomes the same refusal as a stale version shown."""
    try:
        yield
    except StaleDataError as exc:
        with desk.db.reading() as session:
            row = get_row(session, Request, request_id, "request")
            raise ChangedElsewhere(request_id, row.changed_by, row.updated_at) from exc


#: "a title is required", one whole sentence per field (each language has its genders).
_REQUIRED = {
    "name": N_("a name is required"),
    "title": N_("a title is required"),
    "authority": N_("an authority is required"),
    "authority name": N_("an authority name is required"),
}
#: "no request with id 7", one whole sentence per kind of row.
_NOT_FOUND = {
    "request": N_("no request with id {id}"),
    "authority": N_("no authority with id {id}"),
    "message": N_("no message with id {id}"),
    "attachment": N_("no attachment with id {id}"),
    "clock event": N_("no clock event with id {id}"),
}


def required(value: str, what: str) -> str:
    if not value or not value.strip():
        raise InvalidInputError(_(_REQUIRED.get(what, f"a {what} is required")))
    return value.strip()


def get_row(session: Session, model: type[_Row], ident: int, what: str) -> _Row:
    row = session.get(model, ident)
    if row is None:
        raise NotFoundError(_(_NOT_FOUND.get(what, f"no {what} with id {{id}}")).format(id=ident))
    return row


def locked_request(session: Session, request_id: int) -> Request:
    """A request about to be written, read as the last writer left it after waiting for
    any other member's open write to it (``lock_row``), trashed or not."""
    row = get_row(session, Request, request_id, "request")
    lock_row(session, row)
    return row


def live_request(session: Session, request_id: int, *, lock: bool = False) -> Request:
    """A request not in the trash; ``lock``: for a write (``locked_request``)."""
    row = (
        locked_request(session, request_id)
        if lock
        else get_row(session, Request, request_id, "request")
    )
    if row.deleted_at is not None:
        raise NotFoundError(_("request {id} is in the trash").format(id=request_id))
    return row


def authority_named(session: Session, name: str) -> Authority | None:
    wanted = name.strip().lower()
    return session.scalars(
        select(Authority).where(
            (func.lower(Authority.name) == wanted) | (func.lower(Authority.short_name) == wanted)
        )
    ).first()


def tag_named(session: Session, name: str) -> Tag:
    found = session.scalars(select(Tag).where(Tag.name == name)).first()
    if found is None:
        found = Tag(name=name)
        session.add(found)
    return found


def unique(values: Sequence[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def start_of(day: date) -> datetime:
    """A request known only by its day sorts before anything else on that day."""
    return datetime.combine(day, time(0), tzinfo=UTC)


def message_counts(session: Session, request_ids: list[int]) -> dict[int, int]:
    if not request_ids:
        return {}
    rows = session.execute(
        select(Message.request_id, func.count())
        .where(Message.deleted_at.is_(None))
        .group_by(Message.request_id)
    )
    wanted = set(request_ids)
    return {rid: n for rid, n in rows if rid in wanted}
