"""Opening a profile's database: only the right one, only as far as it can be trusted.

The steps, each before anything is written:

1. the SQLite file is looked at from outside (``guard.inspect_sqlite_file``): a missing
   or empty file is a new profile only in a new or empty folder; a file that is not a
   database, or is cut short, is refused as damaged;
2. a profile on a disk that cannot be written is opened read-only;
3. the database's identity is compared with the marker beside it: another profile's
   database is refused;
4. a migration runs only after SQLite's ``quick_check`` passed, and after a safety copy;
5. the marker is written when it is missing or names no profile yet.

A refusal is a ``guard.ProfileRefusedError``; every other failure a ``StorageError``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from foidesk.core.errors import StorageError
from foidesk.core.i18n import _
from foidesk.core.profile import Profile
from foidesk.core.profile.guard import (
    FileState,
    Problem,
    gather_evidence,
    inspect_sqlite_file,
    refuse,
    strangers,
)
from foidesk.core.profile.identity import (
    FileStamp,
    ProfileMarker,
    UnreadableMarker,
    database_identity,
    has_tables,
    new_marker,
    read_marker,
    stamp_of,
    write_marker,
)
from foidesk.core.storage import database as db
from foidesk.core.storage import failures, privacy


@dataclass(frozen=True)
class OpenedDatabase:
    database: db.Database
    profile_id: str
    marker: ProfileMarker  # as it stands beside the database now


def open_database(profile: Profile) -> OpenedDatabase:
    """The profile's database, migrated and checked; refuses what must not be opened."""
    sqlite = profile.sqlite_path
    if sqlite is not None:
        _inspect_file(profile, sqlite)
    privacy.prepare(profile)  # a new database file is created private, for SQLite to fill
    stamp = stamp_of(sqlite) if sqlite is not None else None  # before SQLite adds a WAL
    read_only, immutable = _read_only(profile, sqlite)
    engine = db.make_engine(profile.database_url, read_only=read_only, immutable=immutable)
    database = db.Database(engine, sqlite or profile.data_dir, read_only=read_only)
    try:
        return _open_checked(profile, database, stamp)
    except BaseException:
        database.dispose()
        raise


def _inspect_file(profile: Profile, path: Path) -> None:
    found = inspect_sqlite_file(path)
    if found.state in (FileState.MISSING, FileState.EMPTY):
        _allow_new(profile, Problem.MISSING if found.state is FileState.MISSING else Problem.EMPTY)
        return
    if found.state is FileState.UNREADABLE and found.error is not None:
        raise failures.storage_error(found.error, path) or found.error
    if found.state is not FileState.PRESENT:
        raise refuse(
            Problem.DAMAGED,
            profile,
            gather_evidence(profile),
            _("its database {name} is damaged ({detail})").format(
                name=path.name, detail=found.detail
            ),
        )


def _allow_new(profile: Profile, problem: Problem) -> None:
    """A new profile goes only where there was none: a new or empty folder."""
    evidence = gather_evidence(profile)
    name = profile.sqlite_path.name if profile.sqlite_path else "database"
    if evidence.any or _wal_holds_data(profile):
        if problem is Problem.MISSING:
            what = _("its database {name} is missing").format(name=name)
        else:
            what = _("its database {name} is empty (0 bytes)").format(name=name)
        raise refuse(problem, profile, evidence, what)
    others = strangers(profile.data_dir)
    if others:
        shown = ", ".join(others[:3]) + (" …" if len(others) > 3 else "")
        raise refuse(
            Problem.NOT_A_PROFILE,
            profile,
            evidence,
            _("the folder is not empty ({names}) and holds no foidesk profile").format(names=shown),
        )


def _wal_holds_data(profile: Profile) -> bool:
    path = profile.sqlite_path
    if path is None:
        return False
    try:
        return path.with_name(path.name + "-wal").stat().st_size > 0
    except OSError:
        return False


def _read_only(profile: Profile, sqlite: Path | None) -> tuple[bool, bool]:
    """Whether to open read-only, and whether SQLite must take the file as immutable
    (a folder that cannot hold the ``-shm`` file a WAL reader needs)."""
    if sqlite is None or not sqlite.exists():
        return False, False
    folder_writable = os.access(sqlite.parent, os.W_OK)
    if folder_writable and os.access(sqlite, os.W_OK):
        return False, False
    shm = sqlite.with_name(sqlite.name + "-shm")
    return True, not folder_writable and not shm.exists() and not _wal_holds_data(profile)


def _open_checked(
    profile: Profile, database: db.Database, stamp: FileStamp | None
) -> OpenedDatabase:
    engine = database.engine
    try:
        with engine.connect() as conn:
            tables = has_tables(conn)
            identity = database_identity(conn) if tables else None
    except (DBAPIError, StorageError) as exc:
        raise _refused_or_failure(profile, database, exc) from exc
    marker = read_marker(profile.data_dir)
    if not tables:
        _refuse_schemaless(profile, marker)
    elif identity is None or (isinstance(marker, ProfileMarker) and identity != marker.profile_id):
        _refuse_foreign(profile, marker, identity)
    if isinstance(marker, ProfileMarker) and stamp is not None and marker.verified is not None:
        database.verified = stamp == marker.verified
    _upgrade(profile, database)
    with engine.connect() as conn:
        profile_id = database_identity(conn)
    if profile_id is None:  # pragma: no cover - migration 0005 always writes it
        raise StorageError(_("the database {place} names no profile").format(place=database.place))
    if isinstance(marker, ProfileMarker) and marker.profile_id == profile_id:
        return OpenedDatabase(database, profile_id, marker)
    with database.reading() as session:
        fresh = new_marker(session, profile_id, None)
    if not database.read_only:
        write_marker(profile.data_dir, fresh)
    return OpenedDatabase(database, profile_id, fresh)


def _refused_or_failure(
    profile: Profile, database: db.Database, exc: BaseException
) -> BaseException:
    if isinstance(exc, StorageError):
        return exc
    if not database.is_sqlite:
        return database.failure(exc) or exc
    if failures.is_damage(exc):
        database.found_damage(failures.describe(exc))  # closing it must write nothing
        name = database.place.name
        what = _("its database {name} is damaged ({detail})").format(
            name=name, detail=failures.describe(exc)
        )
        return refuse(Problem.DAMAGED, profile, gather_evidence(profile), what)
    return failures.storage_error(exc, database.place) or exc


def _refuse_schemaless(profile: Profile, marker: ProfileMarker | UnreadableMarker | None) -> None:
    """A database with no tables is a new one; it may stand only where nothing was."""
    if profile.sqlite_path is not None:
        evidence = gather_evidence(profile)
        if evidence.any:
            raise refuse(Problem.EMPTY, profile, evidence, _("its database is empty (no tables)"))
    elif marker is not None:
        evidence = gather_evidence(profile)
        raise refuse(Problem.EMPTY, profile, evidence, _("its database (a server) is empty"))


def _refuse_foreign(
    profile: Profile, marker: ProfileMarker | UnreadableMarker | None, identity: str | None
) -> None:
    """A database that names another profile than the marker — or, beside a marker,
    names none (older than profile identities: it cannot be this profile's)."""
    if not isinstance(marker, ProfileMarker):
        return  # no marker to compare with: the database's word stands
    evidence = gather_evidence(profile)
    if marker.counts.empty and not evidence.stored_files:
        return  # nothing was here to lose
    if identity:
        what = _(
            "its database belongs to profile {theirs}, not to profile {ours}, which was "
            "last closed here"
        ).format(theirs=identity, ours=marker.profile_id)
    else:
        what = _(
            "its database belongs to no profile (it predates profile identities), not to "
            "profile {ours}, which was last closed here"
        ).format(ours=marker.profile_id)
    raise refuse(Problem.FOREIGN, profile, evidence, what)


def _upgrade(profile: Profile, database: db.Database) -> None:
    current = db.current_revision(database.engine)
    if current == db.SCHEMA_HEAD:
        return
    if database.read_only:
        raise StorageError(
            _(
                "the profile in {data_dir} must be upgraded for this foidesk, and it is "
                "read-only; open it once where it can be written"
            ).format(data_dir=profile.data_dir)
        )
    if current is not None and database.is_sqlite:
        problems = database.quick_check()
        database.note_check(problems)
        if problems:
            what = _("its database is damaged ({problem}); it was not upgraded").format(
                problem=problems[0]
            )
            raise refuse(Problem.DAMAGED, profile, gather_evidence(profile), what)
    try:
        db.upgrade(profile, database.engine)
    except DBAPIError as exc:
        raise database.failure(exc) or exc from exc
