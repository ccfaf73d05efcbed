"""``restore_backup``: replace a profile no process has open with a backup, losing nothing.

The backup is checked before anything is written: its directory, its manifest, the
schema it was written with, and the room on the disk. It is then unpacked into a new
folder beside the profile, every member hashed as it is written and the database
checked before any attachment; an older schema is migrated there. Only a complete,
checked folder is switched in (see ``switch.py``); the previous profile is kept aside.
Any refusal or failure before the switch removes the new folder and leaves the profile
exactly as it was.
"""

from __future__ import annotations

import errno
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.errors import (
    BackupError,
    BackupTooNewError,
    NotEnoughSpaceError,
    ProfileInUseError,
    UnsupportedProfileError,
)
from foidesk.core.backup.extract import extract_verified, migrate_staged
from foidesk.core.backup.manifest import Counts, Manifest
from foidesk.core.backup.problems import Refused, refusal
from foidesk.core.backup.structure import OpenedBackup, open_backup
from foidesk.core.backup.switch import mark_ready, recover_locked, restore_lock, switch_over
from foidesk.core.backup.ticker import Ticker
from foidesk.core.i18n import _, ngettext
from foidesk.core.profile import DATABASE_FILE, Profile
from foidesk.core.progress import Progress
from foidesk.core.storage import database as db
from foidesk.core.storage import privacy
from foidesk.core.storage.inuse import holders

ROOM_MARGIN = 64 << 20


@dataclass(frozen=True)
class RestoreResult:
    profile_dir: Path
    previous_profile: Path | None  # where the replaced profile was kept, if there was one
    backup: Path
    backup_created_at: datetime
    counts: Counts
    schema_from: str | None
    schema_to: str | None
    bytes_restored: int
    warnings: tuple[str, ...] = ()
    recovered: tuple[str, ...] = ()  # an interrupted restore finished first


def restore_backup(
    path: Path,
    profile: Profile,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
) -> RestoreResult:
    """Restore ``path`` into ``profile``, which must not be open in any process
    (``ProfileInUseError`` otherwise; a window closes its desk first)."""
    data_dir = _restorable(profile)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with restore_lock(data_dir):
        _check_not_open(data_dir)
        recovered = recover_locked(data_dir)
        try:
            opened = open_backup(path)
        except Refused as refused:
            raise refusal(path.name, refused.problems) from None
        with opened:
            _check_schema(opened.manifest)
            _check_room(data_dir.parent, opened.manifest)
            staging, aside = _new_folders(data_dir, now or datetime.now(UTC))
            built = _build(opened, staging, aside, progress)
        previous = _switch(staging, data_dir)
    manifest = opened.manifest
    return RestoreResult(
        profile_dir=data_dir,
        previous_profile=previous,
        backup=path,
        backup_created_at=manifest.created_at,
        counts=manifest.counts,
        schema_from=built.schema_from,
        schema_to=built.schema_to,
        bytes_restored=built.bytes,
        warnings=built.warnings,
        recovered=tuple(recovered),
    )


def _restorable(profile: Profile) -> Path:
    if profile.sqlite_path != profile.data_dir / DATABASE_FILE:
        raise UnsupportedProfileError(
            _("foidesk restores profiles whose database is the SQLite file in the profile folder")
        )
    return profile.data_dir


def _check_not_open(data_dir: Path) -> None:
    open_in = holders(data_dir)
    if open_in:
        text = ngettext(
            "the profile {data_dir} is open in a foidesk window or command; close it and "
            "restore again — nothing was changed",
            "the profile {data_dir} is open in {count} foidesk processes; close them and "
            "restore again — nothing was changed",
            open_in,
        )
        raise ProfileInUseError(text.format(data_dir=data_dir, count=open_in))


def _check_schema(manifest: Manifest) -> None:
    revision = manifest.schema_revision
    if revision is None:
        return
    from alembic.script import ScriptDirectory  # Alembic loads only for a restore
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(db.alembic_config())
    try:
        known = script.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise BackupTooNewError(
            _(
                "the backup's database was written by a newer foidesk (schema {revision}); "
                "install the newer version to restore it — nothing was changed"
            ).format(revision=revision)
        )


def _check_room(folder: Path, manifest: Manifest) -> None:
    needed = manifest.total_size + ROOM_MARGIN
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise NotEnoughSpaceError(
            _(
                "restoring needs {needed} MB but {folder} has {free} MB free; nothing was changed"
            ).format(needed=_mb(needed), folder=folder, free=_mb(free))
        )


def _mb(size: int) -> int:
    return -(-size // (1 << 20))


def _new_folders(data_dir: Path, now: datetime) -> tuple[Path, Path]:
    """A restore folder and an aside name, neither of which exists yet."""
    base = layout.stamp(now)
    tag, counter = base, 2
    while layout.staging_dir(data_dir, tag).exists() or layout.aside_dir(data_dir, tag).exists():
        tag, counter = f"{base}-{counter}", counter + 1
    return layout.staging_dir(data_dir, tag), layout.aside_dir(data_dir, tag)


@dataclass(frozen=True)
class _Built:
    schema_from: str | None
    schema_to: str | None
    bytes: int
    warnings: tuple[str, ...]


def _build(opened: OpenedBackup, staging: Path, aside: Path, progress: Progress | None) -> _Built:
    """Unpack, check and migrate into ``staging``, then mark it ready — or remove it."""
    privacy.make_dir(staging, exist_ok=False)
    try:
        ticker = Ticker(progress, opened.manifest.total_size)
        findings = extract_verified(opened, staging, ticker)
        if findings.problems:
            raise refusal(opened.path.name, findings.problems)
        ticker.phase(_("Updating the database"))
        schema_from, schema_to = migrate_staged(staging)
        mark_ready(staging, aside, opened.path)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if isinstance(exc, OSError):
            raise _disk_error(exc) from exc
        raise
    return _Built(schema_from, schema_to, findings.bytes, tuple(findings.warnings))


def _disk_error(exc: OSError) -> BackupError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return NotEnoughSpaceError(_("the disk filled up during the restore; nothing was changed"))
    return BackupError(_("the restore failed ({error}); nothing was changed").format(error=exc))


def _switch(staging: Path, data_dir: Path) -> Path | None:
    """The switch; if the system refuses a rename, the ready restore waits to be finished."""
    try:
        return switch_over(staging, data_dir)
    except OSError as exc:
        raise BackupError(
            _(
                "the restored profile is ready in {staging} but could not take the place of "
                "{data_dir} ({strerror}); close every foidesk window, then start foidesk or "
                "run `foidesk backup list` to finish"
            ).format(staging=staging, data_dir=data_dir, strerror=exc.strerror)
        ) from exc
