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

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.backup.catalog import BackupEntry, list_backups
    from foidesk.core.backup.errors import (
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
    from foidesk.core.backup.manifest import Counts, Manifest
    from foidesk.core.backup.problems import Problem, ProblemKind
    from foidesk.core.backup.restore import RestoreResult, restore_backup
    from foidesk.core.backup.rotation import RotationResult, holdings, removal_text, rotate
    from foidesk.core.backup.rotation_note import RotationNote, last_rotation, note_of
    from foidesk.core.backup.schedule import ScheduledBackup, back_up_and_rotate, backup_due
    from foidesk.core.backup.settings import (
        MAX_KEEP,
        BackupSettings,
        load_settings,
        record_backup,
        set_automatic,
        set_folder,
        set_keep,
    )
    from foidesk.core.backup.structure import read_manifest_only
    from foidesk.core.backup.switch import finish_interrupted_restore
    from foidesk.core.backup.verify import VerifyReport, verify_backup
    from foidesk.core.backup.write import BackupInfo, create_backup, write_backup

#: Each name is loaded when first asked for: a command that only names a backup option
#: must not load the database layer.
_LATER = {
    "BackupEntry": "foidesk.core.backup.catalog",
    "list_backups": "foidesk.core.backup.catalog",
    "BackupDamagedError": "foidesk.core.backup.errors",
    "BackupError": "foidesk.core.backup.errors",
    "BackupTooNewError": "foidesk.core.backup.errors",
    "NotABackupError": "foidesk.core.backup.errors",
    "NotEnoughSpaceError": "foidesk.core.backup.errors",
    "ProfileInUseError": "foidesk.core.backup.errors",
    "RestoreInProgressError": "foidesk.core.backup.errors",
    "UnsafeBackupError": "foidesk.core.backup.errors",
    "UnsupportedProfileError": "foidesk.core.backup.errors",
    "Counts": "foidesk.core.backup.manifest",
    "Manifest": "foidesk.core.backup.manifest",
    "Problem": "foidesk.core.backup.problems",
    "ProblemKind": "foidesk.core.backup.problems",
    "RestoreResult": "foidesk.core.backup.restore",
    "restore_backup": "foidesk.core.backup.restore",
    "RotationResult": "foidesk.core.backup.rotation",
    "holdings": "foidesk.core.backup.rotation",
    "removal_text": "foidesk.core.backup.rotation",
    "rotate": "foidesk.core.backup.rotation",
    "RotationNote": "foidesk.core.backup.rotation_note",
    "last_rotation": "foidesk.core.backup.rotation_note",
    "note_of": "foidesk.core.backup.rotation_note",
    "ScheduledBackup": "foidesk.core.backup.schedule",
    "back_up_and_rotate": "foidesk.core.backup.schedule",
    "backup_due": "foidesk.core.backup.schedule",
    "BackupSettings": "foidesk.core.backup.settings",
    "MAX_KEEP": "foidesk.core.backup.settings",
    "load_settings": "foidesk.core.backup.settings",
    "record_backup": "foidesk.core.backup.settings",
    "set_automatic": "foidesk.core.backup.settings",
    "set_folder": "foidesk.core.backup.settings",
    "set_keep": "foidesk.core.backup.settings",
    "read_manifest_only": "foidesk.core.backup.structure",
    "finish_interrupted_restore": "foidesk.core.backup.switch",
    "VerifyReport": "foidesk.core.backup.verify",
    "verify_backup": "foidesk.core.backup.verify",
    "BackupInfo": "foidesk.core.backup.write",
    "create_backup": "foidesk.core.backup.write",
    "write_backup": "foidesk.core.backup.write",
}


__getattr__ = lazy_exports(__name__, _LATER)


__all__ = [
    "MAX_KEEP",
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
    "RotationNote",
    "RotationResult",
    "ScheduledBackup",
    "UnsafeBackupError",
    "UnsupportedProfileError",
    "VerifyReport",
    "back_up_and_rotate",
    "backup_due",
    "create_backup",
    "finish_interrupted_restore",
    "holdings",
    "last_rotation",
    "list_backups",
    "load_settings",
    "note_of",
    "read_manifest_only",
    "record_backup",
    "removal_text",
    "restore_backup",
    "rotate",
    "set_automatic",
    "set_folder",
    "set_keep",
    "verify_backup",
    "write_backup",
]
