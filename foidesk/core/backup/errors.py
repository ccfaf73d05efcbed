"""Why a backup was refused or could not be made — each a message the user can act on.

Every refusal leaves the profile exactly as it was, so the classes say what is
wrong with the *file* (or the disk), never what was half-done.
"""

from __future__ import annotations

from foidesk.core.errors import FoideskError


class BackupError(FoideskError):
    """A backup could not be written, read or restored."""


class NotABackupError(BackupError):
    """The file is not a foidesk backup at all: empty, truncated, not a ZIP, no manifest."""


class UnsafeBackupError(BackupError):
    """Members that could write outside the restore folder, pose as links, or balloon on
    extraction (decompression bombs)."""


class BackupDamagedError(BackupError):
    """A member's size or hash disagrees with the manifest, or the database inside is damaged
    or incomplete."""


class BackupTooNewError(BackupError):
    """Written by a newer foidesk (file format or database schema): refused, nothing touched."""


class NotEnoughSpaceError(BackupError):
    """The disk has no room for the backup or the restore."""


class RestoreInProgressError(BackupError):
    """Another process is restoring into this profile right now."""


class ProfileInUseError(BackupError):
    """The profile is open in a foidesk window or command: a restore would replace it
    under that process's feet."""


class UnsupportedProfileError(BackupError):
    """The profile's database is not a SQLite file foidesk can copy (a server database)."""
