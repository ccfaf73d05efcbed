"""One-file backups of a profile: create, verify, restore, rotate — without losing data.

A backup is a ZIP (``foidesk-YYYYMMDD-HHMMSS.foidesk-backup``) that any ZIP tool can
list and extract: a manifest, a consistent snapshot of the database, and every
attachment. The modules each do one job:

- ``write``: ``create_backup`` / ``write_backup`` (atomic, verified before it is named)
- ``verify``: ``verify_backup`` — every member re-hashed, the database checked
- ``restore``: ``restore_backup`` into a profile no process has open; ``switch`` makes it crash-safe
  and holds ``finish_interrupted_restore``, to be called before a profile is opened
- ``rotation``, ``schedule``, ``settings``, ``listing``: keeping the right backups
"""

from .errors import (
    BackupDamagedError,
    BackupError,
    BackupTooNewError,
    NotABackupError,
    NotEnoughSpaceError,
    ProfileInUseError,
    RestoreInProgressError,
    UnsafeBackupError,
    UnsupportedProfileError,
)
from .listing import BackupEntry, list_backups
from .manifest import Counts, Manifest
from .problems import Problem, ProblemKind
from .restore import RestoreResult, restore_backup
from .rotation import RotationResult, rotate
from .schedule import ScheduledBackup, back_up_and_rotate, backup_due
from .settings import BackupSettings, load_settings
from .switch import finish_interrupted_restore
from .verify import VerifyReport, verify_backup
from .write import BackupInfo, create_backup, write_backup

__all__ = [
    "BackupDamagedError",
    "BackupEntry",
    "BackupError",
    "BackupInfo",
    "BackupSettings",
    "BackupTooNewError",
    "Counts",
    "Manifest",
    "NotABackupError",
    "NotEnoughSpaceError",
    "Problem",
    "ProblemKind",
    "ProfileInUseError",
    "RestoreInProgressError",
    "RestoreResult",
    "RotationResult",
    "ScheduledBackup",
    "UnsafeBackupError",
    "UnsupportedProfileError",
    "VerifyReport",
    "back_up_and_rotate",
    "backup_due",
    "create_backup",
    "finish_interrupted_restore",
    "list_backups",
    "load_settings",
    "restore_backup",
    "rotate",
    "verify_backup",
    "write_backup",
]
