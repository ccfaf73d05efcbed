"""Names: of backup files, of the members inside one, and of the folders a restore uses.

A backup's members mirror a profile folder (``foidesk.sqlite3`` and
``attachments/ab/cd/<sha256>``), so ``unzip`` of a backup gives a profile foidesk can
open. Only these exact names are ever accepted from a backup: a whitelist is the
simplest defence against members that try to escape the folder they are restored to.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from foidesk.core.profile import DATABASE_FILE

BACKUP_SUFFIX = ".foidesk-backup"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
MANIFEST = "manifest.json"
README = "README.txt"
DATABASE = DATABASE_FILE
WORKDIR_PREFIX = ".foidesk-backup-"
WORKDIR_SUFFIX = ".partial"

_BACKUP_NAME = re.compile(r"foidesk-(\d{8}-\d{6})" + re.escape(BACKUP_SUFFIX))
_ATTACHMENT = re.compile(r"attachments/([0-9a-f]{2})/([0-9a-f]{2})/([0-9a-f]{64})")


def stamp(moment: datetime) -> str:
    """``YYYYMMDD-HHMMSS`` in UTC: sortable, and the same on every machine."""
    return moment.astimezone(UTC).strftime(STAMP_FORMAT)


def parse_stamp(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, STAMP_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def backup_name(moment: datetime) -> str:
    return f"foidesk-{stamp(moment)}{BACKUP_SUFFIX}"


def backup_time(path: Path) -> datetime | None:
    """When a backup was made, read from its name; None for any other file."""
    match = _BACKUP_NAME.fullmatch(path.name)
    return parse_stamp(match.group(1)) if match else None


def attachment_member(sha256: str) -> str:
    return f"attachments/{sha256[:2]}/{sha256[2:4]}/{sha256}"


def digest_of_member(name: str) -> str | None:
    """The digest an attachment member is named by, or None if the name is not one."""
    match = _ATTACHMENT.fullmatch(name)
    if match is None:
        return None
    first, second, digest = match.groups()
    return digest if digest.startswith(first + second) else None


def is_known_member(name: str) -> bool:
    return name in (MANIFEST, README, DATABASE) or digest_of_member(name) is not None


def is_workdir(path: Path) -> bool:
    """A backup being written (or abandoned by a crash) lives in such a hidden folder."""
    return path.name.startswith(WORKDIR_PREFIX) and path.name.endswith(WORKDIR_SUFFIX)


# --- restore folders, beside the profile ------------------------------------------------


def staging_dir(data_dir: Path, tag: str) -> Path:
    """Where a restore is unpacked before it replaces the profile."""
    return data_dir.with_name(f"{data_dir.name}.restoring-{tag}")


def aside_dir(data_dir: Path, tag: str) -> Path:
    """Where the profile a restore replaced is kept."""
    return data_dir.with_name(f"{data_dir.name}.before-restore-{tag}")


def staging_dirs(data_dir: Path) -> list[Path]:
    """Restores into ``data_dir`` that were started and not cleaned up, oldest first."""
    parent = data_dir.parent
    if not parent.is_dir():
        return []
    pattern = re.compile(re.escape(data_dir.name) + r"\.restoring-\d{8}-\d{6}(-\d+)?")
    return sorted(p for p in parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir())


def restore_lock_path(data_dir: Path) -> Path:
    """Outside the folders that get renamed, so the lock never moves (and Windows can rename)."""
    return data_dir.with_name(f".{data_dir.name}.restore-lock")
