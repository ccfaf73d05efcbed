"""``Desk``: the one object a face opens to work with a profile.

The window and the command line both call its methods and get frozen records back
(``records.py``). Each write is one unit of work: it commits whole or changes nothing,
and once it has committed it publishes what it changed on ``desk.feed`` (``changes.py``),
so a view repaints exactly that. The operations live in small parts by concern
(``operations/``); this module opens and closes the profile.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from foidesk.core.changes import EVERYTHING
from foidesk.core.errors import FoideskError
from foidesk.core.operations.accounts import AccountOperations
from foidesk.core.operations.authorities import AuthorityOperations, check_regime
from foidesk.core.operations.base import Today
from foidesk.core.operations.calendar import CalendarOperations
from foidesk.core.operations.export import ExportOperations
from foidesk.core.operations.letters import LetterOperations
from foidesk.core.operations.listing import ListOperations
from foidesk.core.operations.messages import MessageOperations
from foidesk.core.operations.replies import ReplyOperations
from foidesk.core.operations.requests import RequestOperations
from foidesk.core.operations.sending import SendingOperations
from foidesk.core.operations.upkeep import UpkeepOperations
from foidesk.core.profile import Profile
from foidesk.core.profile.identity import ProfileMarker, new_marker, stamp_of, write_marker
from foidesk.core.profile.opening import open_database
from foidesk.core.progress import Progress
from foidesk.core.records import PageMarks, RequestDetail
from foidesk.core.storage.file_writes import leftovers_of_writers, recover
from foidesk.core.storage.inuse import ProfileHold
from foidesk.core.storage.team_store import open_store

if TYPE_CHECKING:
    from foidesk.core.importing.importer import ImportReport, ImportRun
    from foidesk.core.live.listener import Heard, Listener
    from foidesk.core.search import Filters, SearchHit

__all__ = ["Desk", "check_regime"]


class Desk(
    AuthorityOperations,
    RequestOperations,
    MessageOperations,
    CalendarOperations,
    ListOperations,
    LetterOperations,
    UpkeepOperations,
    AccountOperations,
    SendingOperations,
    ReplyOperations,
    ExportOperations,
):
    """An open profile: its database, its attachment store, and every operation on them."""

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
        store = open_store(profile.attachments_dir, opened.database.engine)
        desk = cls(profile, opened.database, store, today, marker=opened.marker, hold=hold)
        try:
            desk._finish_crashed_writes()
        except BaseException:
            desk.close()
            raise
        return desk

    def _finish_crashed_writes(self) -> None:
        """Clean up after writers that died — only where one left something behind, so
        that opening writes nothing (a read-only or damaged database is never written)."""
        if self.read_only:
            return
        self.store.create_dirs()
        if leftovers_of_writers(self.store):
            with self.db.writing() as session:
                self.recovered = recover(session, self.store)

    def start_live_updates(self, *, heard: Heard | None = None, wait: float = 1.0) -> bool:
        """On a team database: publish into ``feed`` what the other members change, as
        they commit it, until ``close`` (``live/``). A face that stays open calls this;
        a one-shot command does not. ``heard`` is told who made each change heard.
        Waits up to ``wait`` seconds for the listening to begin (so that what the face
        reads next is not older than what it will hear); True once it listens."""
        if self.db.is_sqlite:
            return False
        if self._live is None:
            from foidesk.core.live.listener import Listener, listening_connection

            self._live = Listener(
                lambda: listening_connection(self.db.engine), self.feed, self.sender, heard=heard
            )
            self._live.start()
        return self._live.listening.wait(wait)

    def stop_live_updates(self) -> None:
        """Stop listening (at once); ``close`` does it too."""
        if self._live is not None:
            self._live.close()
            self._live = None

    @property
    def live(self) -> Listener | None:
        """The listener of ``start_live_updates``, if started."""
        return self._live

    def close(self) -> None:
        """Stop listening to the other members, close the database connections, note the
        profile as it is now beside it, and stop marking the profile in use."""
        self.stop_live_updates()
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

    def reopen(self) -> None:
        """After ``close``: in use again, on the database now in place (a restore may have
        replaced it, with another identity), checked as at ``open``. Everything shown of
        the profile before may have changed, and the feed says so."""
        self.db.dispose()
        self.hold.acquire()
        try:
            opened = open_database(self.profile)
        except BaseException:
            self.hold.release()
            raise
        self.db, self.marker = opened.database, opened.marker
        self.store = open_store(self.profile.attachments_dir, self.db.engine)
        self._finish_crashed_writes()
        self.feed.publish(EVERYTHING)

    def __enter__(self) -> Desk:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # --- bringing mail in, and finding anything ---------------------------------------

    def import_paths(
        self,
        paths: Sequence[Path],
        *,
        request_id: int | None = None,
        progress: Progress | None = None,
    ) -> ImportReport:
        """Import emails, mailboxes and documents; see ``importer`` for the rules. What
        the whole import changed is published once, at its end."""
        from foidesk.core.importing import importer  # mail parsers load only when needed

        with self.feed.gather():
            return importer.import_paths(self, paths, request_id=request_id, progress=progress)

    def begin_import(self, paths: Sequence[Path], *, request_id: int | None = None) -> ImportRun:
        """An import to run a file at a time (``ImportRun.import_next``), each file's
        messages published as they go in: for a face with other work between files."""
        from foidesk.core.importing.importer import ImportRun

        return ImportRun(self, paths, request_id)

    def load_sample(self) -> RequestDetail:
        """The example request, for a new user to look around (``sample/``)."""
        from foidesk.core.sample.thread import load_sample

        return load_sample(self)

    def search(
        self, text: str, *, filters: Filters | None = None, limit: int = 50
    ) -> list[SearchHit]:
        """Full-text search over requests, messages and attachment text, best first."""
        from foidesk.core.search import search

        return search(self, text, filters=filters, limit=limit)

    def recognised_marks(self, sha256: str, query: str) -> tuple[PageMarks, ...]:
        """Where ``query``'s words were recognised on a scan's pages (for the preview)."""
        from foidesk.core.search import recognised_marks

        return recognised_marks(self, sha256, query)

    # --- the marker beside the database ---------------------------------------------

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


def _same_facts(new: ProfileMarker, old: ProfileMarker | None) -> bool:
    """Equal but for the time of closing: no need to write the marker again."""
    return old is not None and replace(new, closed_at=old.closed_at) == old
