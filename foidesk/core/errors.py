"""Errors a user can cause. Faces show their message as one clear line; anything
else that escapes is a bug and reaches a crash report."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from foidesk.core.i18n import _


class FoideskError(Exception):
    """A failure the user can understand and act on (bad input, missing file, ...)."""


class NotFoundError(FoideskError):
    """The thing asked for does not exist (or is in the trash)."""


class InvalidInputError(FoideskError, ValueError):
    """Input that cannot be accepted as given."""


class DatabaseTooNewError(FoideskError):
    """The database was written by a newer foidesk; it is refused and left untouched."""


class StorageError(FoideskError):
    """The disk refused a write (full, read-only, locked) or a stored file is damaged."""


class DatabaseDamagedError(StorageError):
    """The database file is damaged or is not a database: it is read at most, never written."""


class DiskFullError(StorageError):
    """The disk (or the user's quota) has no room left; nothing was half-written."""


class ReadOnlyProfileError(StorageError):
    """The profile cannot be written (a read-only disk, mount or file): it can still be read."""


class DatabaseBusyError(StorageError):
    """Another process held the database's write lock for longer than foidesk waits, or
    (on a server) changed the same rows at the same moment."""


class ServerUnavailableError(StorageError):
    """The team's database server cannot be reached, refused the connection, or lacks
    the database named: nothing was changed."""


class ServerAccessError(StorageError):
    """The team's database server refused who foidesk said it was (a password, a right),
    or could not prove who it is (its certificate)."""


class ChangedElsewhere(FoideskError):
    """A write made on a stale copy of a request: someone wrote to it since it was shown.
    Nothing was changed; the face offers to reload it or to keep its own edit."""

    def __init__(self, request_id: int, member: str | None, at: datetime | None) -> None:
        self.request_id = request_id
        self.member = member or ""
        self.at = at
        when = at.astimezone().strftime("%H:%M") if at is not None else ""
        if self.member:
            message = _("changed by {member} at {time} — reload or keep yours")
        else:
            message = _("changed elsewhere at {time} — reload or keep yours")
        super().__init__(message.format(member=self.member, time=when))


def storage_failure(exc: BaseException, place: Path) -> StorageError | None:
    """A disk or database failure no command worded itself, as one sentence about
    ``place``; None when ``exc`` is a bug (the sorting is in ``storage/failures.py``)."""
    from foidesk.core.storage.failures import storage_error

    return storage_error(exc, place)
