"""Which profile a folder holds: the UUID in its database, and a marker file beside it.

The database keeps its profile's UUID in table ``profile_identity`` (migration 0005).
The marker ``foidesk-profile.json`` holds the same UUID, the number of requests,
messages and stored files when the profile was last closed cleanly, and the backup
folder the user chose. It is what lets foidesk tell a missing, emptied or swapped
database from a new profile: without it, an empty database beside a store full of
files would look like a fresh start, and every file would look unused.

It also records the database file as foidesk last left it after checking it
(``FileStamp``: inode, size and modification time of the file and its WAL). SQLite's
page-by-page ``quick_check`` takes seconds on a large archive, too long before every
command that writes; a database whose stamp still matches was last touched by a
foidesk that knew it sound, so the check is skipped. A file changed by anything else
— a page overwritten, a sync tool, a copy — no longer matches and is checked before
foidesk writes to it.

The marker is written atomically (a temporary name, fsync, rename, fsync of the
folder), so a crash leaves the old marker or the new one, never half of one. A marker
that cannot be written (a read-only profile, a full disk) is skipped: it records
facts, it never holds data.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, func, inspect, select, text
from sqlalchemy.orm import Session

from foidesk.core import quantities
from foidesk.core.i18n import _
from foidesk.core.profile import MARKER_FILE
from foidesk.core.storage.file_store import fsync_dir
from foidesk.core.storage.privacy import private_fd
from foidesk.core.storage.tables import Blob, Message, ProfileIdentity, Request, Setting

FORMAT = "foidesk-profile"
#: The profile setting naming a backup folder the user chose (``backup/settings.py``):
#: the marker keeps a copy, so backups can be found when the database cannot be read.
BACKUP_FOLDER_SETTING = "backup.folder"
MAX_MARKER_BYTES = 64 << 10


@dataclass(frozen=True)
class ProfileCounts:
    requests: int = 0
    messages: int = 0
    files: int = 0

    @property
    def empty(self) -> bool:
        return not (self.requests or self.messages or self.files)

    def describe(self) -> str:
        # Translators: what a profile holds, "3 requests, 12 messages and 5 stored files".
        return _("{requests}, {messages} and {files}").format(
            requests=quantities.requests(self.requests),
            messages=quantities.messages(self.messages),
            files=quantities.stored_files(self.files),
        )


@dataclass(frozen=True)
class FileStamp:
    """A database file (and its write-ahead log) as it was at one moment."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    wal_size: int = -1  # -1: no WAL file
    wal_mtime_ns: int = 0


@dataclass(frozen=True)
class ProfileMarker:
    profile_id: str
    counts: ProfileCounts = ProfileCounts()
    closed_at: datetime | None = None
    backup_folder: str | None = None  # set only when the user chose one
    verified: FileStamp | None = None


@dataclass(frozen=True)
class UnreadableMarker:
    """A marker is there but cannot be understood: a profile lived here all the same."""

    reason: str


def marker_path(data_dir: Path) -> Path:
    return data_dir / MARKER_FILE


def stamp_of(database: Path) -> FileStamp | None:
    """The stamp of an SQLite file now; None when it does not exist."""
    try:
        main = database.stat()
    except OSError:
        return None
    stamp = FileStamp(main.st_dev, main.st_ino, main.st_size, main.st_mtime_ns)
    try:
        wal = database.with_name(database.name + "-wal").stat()
    except OSError:
        return stamp
    return replace(stamp, wal_size=wal.st_size, wal_mtime_ns=wal.st_mtime_ns)


def read_marker(data_dir: Path) -> ProfileMarker | UnreadableMarker | None:
    """The marker of the profile at ``data_dir``; None when there is none."""
    path = marker_path(data_dir)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_MARKER_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return UnreadableMarker(exc.strerror or "it cannot be read")
    try:
        return _parse(data)
    except (ValueError, TypeError, KeyError) as exc:
        return UnreadableMarker(f"it is not a foidesk profile marker ({exc})")


def write_marker(data_dir: Path, marker: ProfileMarker) -> bool:
    """Replace the marker atomically; False (and nothing changed) if it cannot be written."""
    document = {
        "format": FORMAT,
        "format_version": 1,
        "profile_id": marker.profile_id,
        "counts": asdict(marker.counts),
        "closed_at": marker.closed_at.isoformat() if marker.closed_at else None,
        "backup_folder": marker.backup_folder,
        "verified": asdict(marker.verified) if marker.verified else None,
    }
    data = json.dumps(document, indent=1).encode("utf-8") + b"\n"
    target = marker_path(data_dir)
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            private_fd(fd)  # exactly 0600, whatever the umask took
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        partial.replace(target)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()
        return False
    fsync_dir(data_dir)
    return True


def leftover_parts(data_dir: Path) -> list[Path]:
    """Temporary markers left by a writer that was killed before its rename."""
    prefix = f".{MARKER_FILE}."
    try:
        return sorted(
            p for p in data_dir.iterdir() if p.name.startswith(prefix) and p.name.endswith(".part")
        )
    except OSError:
        return []


def new_marker(session: Session, profile_id: str, verified: FileStamp | None) -> ProfileMarker:
    """The marker for the database ``session`` reads, as of now."""
    chosen = session.get(Setting, BACKUP_FOLDER_SETTING)
    return ProfileMarker(
        profile_id=profile_id,
        counts=row_counts(session),
        closed_at=datetime.now(UTC),
        backup_folder=chosen.value if chosen else None,
        verified=verified,
    )


def _parse(data: bytes) -> ProfileMarker:
    if len(data) > MAX_MARKER_BYTES:
        raise ValueError("it is too large")
    document = json.loads(data.decode("utf-8"))
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ValueError("no foidesk-profile format")
    counts = document.get("counts") or {}
    closed = document.get("closed_at")
    folder = document.get("backup_folder")
    return ProfileMarker(
        profile_id=str(uuid.UUID(str(document["profile_id"]))),
        counts=ProfileCounts(**{k: _count(counts, k) for k in ("requests", "messages", "files")}),
        closed_at=_moment(closed) if isinstance(closed, str) else None,
        backup_folder=folder if isinstance(folder, str) and folder else None,
        verified=_stamp(document.get("verified")),
    )


def _count(counts: object, key: str) -> int:
    value = counts.get(key, 0) if isinstance(counts, dict) else 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"its count of {key} is not a number")
    return value


def _stamp(document: Any) -> FileStamp | None:
    """A stamp that cannot be read is no stamp: the database is then simply checked."""
    if not isinstance(document, dict):
        return None
    fields = FileStamp.__dataclass_fields__
    values = [document.get(k) for k in fields]
    numbers = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return FileStamp(*numbers) if len(numbers) == len(values) else None


def _moment(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# --- the database's side ------------------------------------------------------------


def database_identity(conn: Connection) -> str | None:
    """The UUID a database names itself by; None before migration 0005 or when empty."""
    if not inspect(conn).has_table(ProfileIdentity.__tablename__):
        return None
    value = conn.execute(text("SELECT profile_id FROM profile_identity WHERE id = 1")).scalar()
    return None if value is None else str(value)


def has_tables(conn: Connection) -> bool:
    """False for a database with no schema at all: a new (or emptied) file."""
    return bool(inspect(conn).get_table_names())


def row_counts(session: Session) -> ProfileCounts:
    def count(model: type[Request] | type[Message] | type[Blob]) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    return ProfileCounts(requests=count(Request), messages=count(Message), files=count(Blob))
