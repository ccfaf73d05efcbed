"""The backup settings a profile keeps: where, how many, and when the last one was made.

They live in the profile's own settings table (keys ``backup.*``), so they travel
with a restore. The folder is stored only when the user chose one: left unset it
follows the profile (``<profile>/backups``), which stays right after a restore on
another machine.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.operations.upkeep import UpkeepOperations as Desk  # settings' part
from foidesk.core.profile.identity import BACKUP_FOLDER_SETTING

KEY_FOLDER = BACKUP_FOLDER_SETTING
KEY_KEEP_DAILY = "backup.keep_daily"
KEY_KEEP_WEEKLY = "backup.keep_weekly"
KEY_AUTOMATIC = "backup.automatic"
KEY_LAST_AT = "backup.last_at"
KEY_LAST_FILE = "backup.last_file"

DEFAULT_KEEP_DAILY = 7
DEFAULT_KEEP_WEEKLY = 4
MAX_KEEP = 1000


@dataclass(frozen=True)
class BackupSettings:
    folder: Path
    folder_is_default: bool
    keep_daily: int
    keep_weekly: int
    automatic: bool
    last_at: datetime | None
    last_file: Path | None


def load_settings(desk: Desk) -> BackupSettings:
    chosen = desk.get_setting(KEY_FOLDER)
    return BackupSettings(
        folder=Path(chosen) if chosen else desk.profile.backups_dir,
        folder_is_default=not chosen,
        keep_daily=_int(desk.get_setting(KEY_KEEP_DAILY), DEFAULT_KEEP_DAILY),
        keep_weekly=_int(desk.get_setting(KEY_KEEP_WEEKLY), DEFAULT_KEEP_WEEKLY),
        automatic=desk.get_setting(KEY_AUTOMATIC, "1") != "0",
        last_at=_moment(desk.get_setting(KEY_LAST_AT)),
        last_file=_path(desk.get_setting(KEY_LAST_FILE)),
    )


def set_folder(desk: Desk, folder: Path | None) -> None:
    """Choose where backups go; ``None`` (or the profile's own folder) restores the default."""
    if folder is not None and not folder.is_absolute():
        raise InvalidInputError(
            _("the backup folder must be an absolute path, not {folder}").format(folder=folder)
        )
    default = folder is None or folder == desk.profile.backups_dir
    desk.set_setting(KEY_FOLDER, None if default else str(folder))


def set_keep(desk: Desk, *, daily: int | None = None, weekly: int | None = None) -> None:
    if daily is not None:
        desk.set_setting(KEY_KEEP_DAILY, str(_checked(daily, "daily", minimum=1)))
    if weekly is not None:
        desk.set_setting(KEY_KEEP_WEEKLY, str(_checked(weekly, "weekly", minimum=0)))


def set_automatic(desk: Desk, automatic: bool) -> None:
    desk.set_setting(KEY_AUTOMATIC, "1" if automatic else "0")


def record_backup(desk: Desk, path: Path, created_at: datetime) -> None:
    desk.set_setting(KEY_LAST_AT, created_at.isoformat())
    desk.set_setting(KEY_LAST_FILE, str(path))


def _checked(value: int, what: str, *, minimum: int) -> int:
    if not minimum <= value <= MAX_KEEP:
        raise InvalidInputError(
            _("keep {what} must be between {minimum} and {max_keep}").format(
                what=what, minimum=minimum, max_keep=MAX_KEEP
            )
        )
    return value


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else None


def _path(text: str | None) -> Path | None:
    return Path(text) if text else None
