"""What went wrong with the disk or the database, told apart by error codes, in one place.

SQLite reports every failure with a numeric code (``sqlite3.Error.sqlite_errorcode``);
the operating system with an ``errno``. Both are sorted here into the few kinds a
person can act on — damaged, full, read-only, busy, an I/O error, no permission — and
each becomes one sentence naming the file or folder concerned. Messages are never
parsed: their wording changes between SQLite versions and locales.

Anything not sorted here is not the user's doing; callers let it propagate as a bug.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from enum import StrEnum
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from foidesk.core.errors import (
    DatabaseBusyError,
    DatabaseDamagedError,
    DiskFullError,
    ReadOnlyProfileError,
    StorageError,
)
from foidesk.core.i18n import _
from foidesk.core.locale_format import format_number


class Failure(StrEnum):
    DAMAGED = "damaged"
    FULL = "full"
    READ_ONLY = "read-only"
    BUSY = "busy"
    IO = "i/o"
    CANNOT_OPEN = "cannot-open"
    PERMISSION = "permission"


# Primary result codes (https://sqlite.org/rescode.html); extended codes keep them in
# their low byte.
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN = 10, 11, 13, 14
SQLITE_NOTADB = 26
#: An FTS5 index that disagrees with its rows: the search index is damaged, not the
#: database, and ``foidesk search --reindex`` mends it.
SQLITE_CORRUPT_VTAB = SQLITE_CORRUPT | (1 << 8)

_SQLITE_FAILURES = {
    SQLITE_CORRUPT: Failure.DAMAGED,
    SQLITE_NOTADB: Failure.DAMAGED,
    SQLITE_FULL: Failure.FULL,
    SQLITE_READONLY: Failure.READ_ONLY,
    SQLITE_BUSY: Failure.BUSY,
    SQLITE_LOCKED: Failure.BUSY,
    SQLITE_IOERR: Failure.IO,
    SQLITE_CANTOPEN: Failure.CANNOT_OPEN,
    SQLITE_PERM: Failure.PERMISSION,
}
_OS_FAILURES = {
    errno.ENOSPC: Failure.FULL,
    errno.EDQUOT: Failure.FULL,
    errno.EROFS: Failure.READ_ONLY,
    errno.EACCES: Failure.PERMISSION,
    errno.EPERM: Failure.PERMISSION,
    errno.EIO: Failure.IO,
}
#: Below this, an I/O error on a write is taken for what it usually is: a full disk.
NEARLY_FULL = 1 << 20
#: What to ask the user to free when the need is not known: room for SQLite's
#: write-ahead log and a checkpoint of an ordinary change.
DEFAULT_NEED = 64 << 20
#: Beyond a known need: room for the database's share of the same change.
FULL_MARGIN = 16 << 20


def sqlite_code(exc: BaseException) -> int | None:
    """The SQLite (extended) result code behind ``exc``, if it came from SQLite."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    if isinstance(orig, sqlite3.Error):
        code = getattr(orig, "sqlite_errorcode", None)
        return code if isinstance(code, int) else None
    return None


def classify(exc: BaseException) -> Failure | None:
    """The kind of failure, or None when it is not one a user or a disk causes."""
    if isinstance(exc, OSError):
        return _OS_FAILURES.get(exc.errno or 0)
    code = sqlite_code(exc)
    if code is None:
        return None
    return _SQLITE_FAILURES.get(code & 0xFF)


def is_damage(exc: BaseException) -> bool:
    """The database itself is damaged (not merely its search index)."""
    return classify(exc) is Failure.DAMAGED and sqlite_code(exc) != SQLITE_CORRUPT_VTAB


def storage_error(exc: BaseException, place: Path, *, need: int = 0) -> StorageError | None:
    """One clear sentence for ``exc``, raised at ``place`` (the file or folder written or
    read); None when ``exc`` is a bug rather than something the disk or the user caused."""
    failure = classify(exc)
    if failure is Failure.IO and free_bytes(place) < NEARLY_FULL:
        failure = Failure.FULL
    if failure is None:
        return None
    if failure is Failure.DAMAGED and sqlite_code(exc) == SQLITE_CORRUPT_VTAB:
        return None  # the search index's own report; search and check word it themselves
    return _ERRORS[failure](place, need, _detail(exc))


def free_bytes(place: Path) -> int:
    """Room left on the disk holding ``place`` (the nearest folder that exists)."""
    for folder in (place, *place.parents):
        try:
            return shutil.disk_usage(folder).free
        except OSError:
            continue
    return 0


def megabytes(size: int) -> str:
    return _("{size} MB").format(size=format_number(max(size, 0) / (1 << 20), 1))


def describe(exc: BaseException) -> str:
    """The error's name (``SQLITE_CORRUPT``, ``No space left on device``), for a message."""
    return _detail(exc)


def _detail(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or type(exc).__name__
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    name = getattr(orig, "sqlite_errorname", None)
    return str(name) if name else type(orig).__name__


def damaged_error(place: Path, detail: str) -> DatabaseDamagedError:
    """The sentence for a damaged database, however the damage was found."""
    return DatabaseDamagedError(
        _(
            "the database {place} is damaged ({detail}); foidesk will not write to it. "
            "`foidesk check` shows the damage; `foidesk backup list` and `foidesk backup "
            "restore FILE` bring back the newest backup, and `foidesk salvage` copies what "
            "can still be read into a new database"
        ).format(place=place, detail=detail)
    )


def _full(place: Path, need: int, _detail: str) -> StorageError:
    free = free_bytes(place)
    wanted = need - free + FULL_MARGIN if need else DEFAULT_NEED
    return DiskFullError(
        _(
            "the disk holding {place} is full ({free} free): free at least {megabytes} and "
            "try again; nothing was changed"
        ).format(
            place=_folder_of(place),
            free=megabytes(free),
            megabytes=megabytes(max(wanted, FULL_MARGIN)),
        )
    )


def read_only_error(place: Path) -> ReadOnlyProfileError:
    return ReadOnlyProfileError(
        _(
            "the profile in {place} is read-only (a read-only disk or file): it can be read, "
            "listed, searched and checked, but not changed"
        ).format(place=_folder_of(place))
    )


def _busy(place: Path, _need: int, _detail: str) -> StorageError:
    return DatabaseBusyError(
        _(
            "the database {place} is busy: another foidesk has been writing to it for too "
            "long; try again when it has finished"
        ).format(place=place)
    )


def _io(place: Path, _need: int, detail: str) -> StorageError:
    return StorageError(
        _(
            "the disk holding {place} reported an error ({detail}); the change was not made —"
            " check the disk, then run `foidesk check`"
        ).format(place=_folder_of(place), detail=detail)
    )


def _cannot_open(place: Path, _need: int, detail: str) -> StorageError:
    return StorageError(
        _(
            "{place} cannot be opened ({detail}): check that it exists and that you may read it"
        ).format(place=place, detail=detail)
    )


def _permission(place: Path, _need: int, detail: str) -> StorageError:
    return StorageError(
        _("foidesk may not use {place} ({detail}): check its owner and permissions").format(
            place=place, detail=detail
        )
    )


def _folder_of(place: Path) -> Path:
    return place if place.is_dir() or not place.suffix else place.parent


_ERRORS = {
    Failure.DAMAGED: lambda place, _need, detail: damaged_error(place, detail),
    Failure.FULL: _full,
    Failure.READ_ONLY: lambda place, _need, _detail: read_only_error(place),
    Failure.BUSY: _busy,
    Failure.IO: _io,
    Failure.CANNOT_OPEN: _cannot_open,
    Failure.PERMISSION: _permission,
}
