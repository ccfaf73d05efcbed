"""When an automatic backup is due, and the backup-then-rotate run both faces use.

The window checks ``backup_due`` while it runs and once more on exit, so a profile
used every day gets a backup every day and one used once a month gets one each time.
Each run is logged, and its rotation's outcome kept in the profile for the Backups page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from foidesk.core.backup import layout
from foidesk.core.backup.rotation import RotationResult, holdings, rotate
from foidesk.core.backup.rotation_note import note_of, record_rotation
from foidesk.core.backup.settings import load_settings, record_backup
from foidesk.core.backup.write import BackupInfo, write_backup
from foidesk.core.desk import Desk
from foidesk.core.progress import OnDatabase, Progress, directly

INTERVAL = timedelta(days=1)
T = TypeVar("T")

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ScheduledBackup:
    backup: BackupInfo
    rotation: RotationResult


def backup_due(desk: Desk, now: datetime) -> bool:
    """Automatic backups are on and the last one is a day old (or from a clock set later).

    Never for a profile that cannot be written (its backups could not be noted) or whose
    database is damaged (a backup of it would not verify, and rotation must never act on
    its word)."""
    if desk.read_only or desk.db.damage is not None:
        return False
    settings = load_settings(desk)
    if not settings.automatic:
        return False
    last = settings.last_at
    return last is None or now - last >= INTERVAL or last > now


def back_up_and_rotate(
    desk: Desk,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
    on_database: OnDatabase = directly,
) -> ScheduledBackup:
    """A backup into the chosen folder, then that folder's rotation.

    The file work runs here; the few database steps (the settings read, the backup and
    the rotation noted) go to ``on_database`` — the window's database thread.
    """
    moment = now or datetime.now(UTC)
    settings = on_database(lambda: load_settings(desk))
    info = write_backup(desk.profile, settings.folder, progress, now=moment)
    log.info("backed up %s to %s", holdings(info.counts), info.path.name)
    named = layout.backup_time(info.path) or moment  # a second later, if that one was taken
    rotation = rotate(
        settings.folder, settings.keep_daily, settings.keep_weekly, max(moment, named)
    )

    def note() -> None:
        if not desk.read_only:  # a read-only profile can be backed up elsewhere, not noted
            record_backup(desk, info.path, info.created_at)
            record_rotation(desk, note_of(rotation, moment))

    on_database(note)
    return ScheduledBackup(info, rotation)
