"""Errors a user can cause. Faces show their message as one clear line; anything
else that escapes is a bug and reaches a crash report."""

from __future__ import annotations

from pathlib import Path


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
    """Another process held the database's write lock for longer than foidesk waits."""


def storage_failure(exc: BaseException, place: Path) -> StorageError | None:
    """A disk or database failure no command worded itself, as one sentence about
    ``place``; None when ``exc`` is a bug (the sorting is in ``storage/failures.py``)."""
    from foidesk.core.storage.failures import storage_error

    return storage_error(exc, place)
