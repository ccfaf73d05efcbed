"""Before a profile is opened: is its database the one that belongs here?

A missing or empty database beside an attachment store full of files is the one
situation in which ordinary commands would destroy an archive: opened as a new
profile, every stored file looks unused (``check --repair`` would delete them) and
the next backup is an empty one. So a new profile is only ever created in a new or
empty folder. Where the marker (``identity.py``), the store, the backups or the
safety copies say a profile lived here, a missing, empty, unreadable or foreign
database is refused with one paragraph: what is wrong, that nothing was changed,
and what to do — the newest backup to restore, by name, date and counts, or
salvage, or moving the folder aside.

Everything here only looks; nothing is created, changed or removed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from foidesk.core import quantities
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.profile import DATABASE_FILE, PROFILE_NAMES, Profile
from foidesk.core.profile.identity import ProfileMarker, UnreadableMarker, read_marker
from foidesk.core.storage.file_store import AttachmentStore

if TYPE_CHECKING:
    from foidesk.core.backup.catalog import BackupEntry

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


class FileState(StrEnum):
    MISSING = "missing"
    EMPTY = "empty"  # zero bytes: SQLite would take it for a new database
    NOT_A_DATABASE = "not-a-database"
    TRUNCATED = "truncated"
    UNREADABLE = "unreadable"  # not ours to judge: permissions, a disk error
    PRESENT = "present"


class Problem(StrEnum):
    MISSING = "missing"
    EMPTY = "empty"
    DAMAGED = "damaged"
    FOREIGN = "foreign"
    NOT_A_PROFILE = "not-a-profile"


@dataclass(frozen=True)
class SqliteFile:
    state: FileState
    detail: str = ""
    error: OSError | None = None


def inspect_sqlite_file(path: Path) -> SqliteFile:
    """What the file's first 100 bytes and its size say, without opening it with SQLite."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(HEADER_SIZE)
    except FileNotFoundError:
        return SqliteFile(FileState.MISSING)
    except OSError as exc:
        return SqliteFile(FileState.UNREADABLE, exc.strerror or _("it cannot be read"), exc)
    if size == 0:
        return SqliteFile(FileState.EMPTY)
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return SqliteFile(FileState.NOT_A_DATABASE, _("it is not an SQLite database"))
    page_size = _page_size(header)
    if page_size is None:
        return SqliteFile(FileState.NOT_A_DATABASE, _("its header is damaged"))
    pages = _page_count(header)
    if size % page_size or (pages and size < pages * page_size):
        if pages:
            short = _("it is cut short: {size} of {expected}").format(
                size=_mb(size), expected=_mb(pages * page_size)
            )
        else:
            short = _("it is cut short: {size}").format(size=_mb(size))
        return SqliteFile(FileState.TRUNCATED, short)
    return SqliteFile(FileState.PRESENT)


def _page_size(header: bytes) -> int | None:
    (raw,) = struct.unpack(">H", header[16:18])
    size = 65536 if raw == 1 else raw
    return size if 512 <= size <= 65536 and size & (size - 1) == 0 else None


def _page_count(header: bytes) -> int:
    """The size in pages the header records; 0 when the header says it is not to be
    trusted (written by an old SQLite: the change counter and its check disagree)."""
    counter, pages = struct.unpack(">I", header[24:28])[0], struct.unpack(">I", header[28:32])[0]
    valid_for = struct.unpack(">I", header[92:96])[0]
    return int(pages) if counter == valid_for else 0


def _mb(size: int) -> str:
    if size >= 1 << 20:
        return _("{size} MB").format(size=format_number(size / (1 << 20), 1))
    return ngettext("{size} byte", "{size} bytes", size).format(size=format_number(size))


# --- what the folder says ----------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """Signs that a profile with data lived in a folder."""

    marker: ProfileMarker | UnreadableMarker | None
    stored_files: bool
    backups: tuple[BackupEntry, ...] = field(default=())
    safety_copies: bool = False

    @property
    def any(self) -> bool:
        return bool(self.marker or self.stored_files or self.backups or self.safety_copies)


def gather_evidence(profile: Profile) -> Evidence:
    marker = read_marker(profile.data_dir)
    return Evidence(
        marker=marker,
        stored_files=next(AttachmentStore(profile.attachments_dir).stored_digests(), None)
        is not None,
        backups=tuple(_backups(profile, marker)),
        safety_copies=_has_files(profile.safety_dir),
    )


def strangers(data_dir: Path) -> list[str]:
    """Names in the folder foidesk did not put there (hidden files aside)."""
    try:
        names = [p.name for p in data_dir.iterdir()]
    except FileNotFoundError:
        return []
    return sorted(n for n in names if not _ours(n))


def _ours(name: str) -> bool:
    """foidesk's own names, hidden files, and copies of the database kept aside."""
    return name in PROFILE_NAMES or name.startswith((".", f"{DATABASE_FILE}."))


def backup_folder(profile: Profile) -> Path:
    """Where the profile's backups go, known without its database: the folder the marker
    names (one the user chose), else the profile's own."""
    marker = read_marker(profile.data_dir)
    if isinstance(marker, ProfileMarker) and marker.backup_folder:
        return Path(marker.backup_folder)
    return profile.backups_dir


def _backups(profile: Profile, marker: object) -> list[BackupEntry]:
    from foidesk.core.backup.catalog import (
        list_backups,  # the backup package loads only when needed
    )

    folders = [profile.backups_dir]
    if isinstance(marker, ProfileMarker) and marker.backup_folder:
        folders.append(Path(marker.backup_folder))
    found: list[BackupEntry] = []
    for folder in dict.fromkeys(folders):
        try:
            found += list_backups(folder)
        except OSError:
            continue
    return sorted(found, key=lambda e: e.created_at, reverse=True)


def _has_files(folder: Path) -> bool:
    try:
        return any(p.is_file() for p in folder.iterdir())
    except OSError:
        return False


# --- the refusal --------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    """One way out of a refusal: what it does, and the command that does it (if any)."""

    text: str
    command: str | None = None

    def sentence(self) -> str:
        return f"{self.text}: {self.command}" if self.command else self.text


class ProfileRefusedError(FoideskError):
    """The folder's database cannot be trusted to be its profile's; nothing was changed.

    ``str(self)`` is one paragraph (the command line prints it); the window lays out
    the same parts: ``what`` is wrong, what the folder held (``history``), and the
    ``options``, of which restoring ``newest_backup`` comes first when there is one.
    """

    def __init__(
        self,
        problem: Problem,
        data_dir: Path,
        what: str,
        history: str,
        options: tuple[Option, ...],
        newest_backup: BackupEntry | None = None,
    ) -> None:
        first, *rest = [o.sentence() for o in options]
        # Translators: joins the ways out of a refused profile ("A; or, B; or, C").
        advice = (
            first[0].upper()
            + first[1:]
            + "".join(_("; or, {option}").format(option=o) for o in rest)
        )
        refused = _("foidesk did not open the profile in {folder}: {what}.").format(
            folder=data_dir, what=what
        )
        parts = [refused, history, _("Nothing was changed."), advice + "."]
        super().__init__(" ".join(p for p in parts if p))
        self.problem = problem
        self.data_dir = data_dir
        self.what = what
        self.history = history
        self.options = options
        self.newest_backup = newest_backup


def refuse(
    problem: Problem, profile: Profile, evidence: Evidence, what: str
) -> ProfileRefusedError:
    """The refusal for ``problem``; ``what`` says what is wrong with the database."""
    newest = next((b for b in evidence.backups if b.counts is not None), None)
    return ProfileRefusedError(
        problem,
        profile.data_dir,
        what,
        _what_was_here(evidence),
        _options(problem, profile, newest),
        newest,
    )


def _what_was_here(evidence: Evidence) -> str:
    marker = evidence.marker
    if isinstance(marker, ProfileMarker) and not marker.counts.empty:
        held = marker.counts.describe()
        if marker.closed_at:
            return _("When it was last closed on {day} it held {holdings}.").format(
                day=f"{marker.closed_at:%Y-%m-%d}", holdings=held
            )
        return _("When it was last closed it held {holdings}.").format(holdings=held)
    if evidence.stored_files:
        return _("Its attachment store still holds files.")
    return ""


def _options(problem: Problem, profile: Profile, newest: BackupEntry | None) -> tuple[Option, ...]:
    options = []
    if newest is not None and newest.counts is not None:
        counts = newest.counts
        options.append(
            Option(
                _(
                    "to bring it back, restore the newest backup, {file} "
                    "(made {when} UTC, {requests}, {messages}, {files})"
                ).format(
                    file=newest.path.name,
                    when=f"{newest.created_at:%Y-%m-%d %H:%M}",
                    requests=quantities.requests(counts.requests),
                    messages=quantities.messages(counts.messages),
                    files=quantities.files(counts.files),
                ),
                f'foidesk backup restore "{newest.path}"',
            )
        )
    if problem is Problem.DAMAGED:
        options.append(
            Option(
                _(
                    "to copy what can still be read into a new database (the damaged file is "
                    "kept aside), run"
                ),
                "foidesk salvage",
            )
        )
    if problem is Problem.NOT_A_PROFILE:
        options.append(Option(_("choose an empty folder (--data-dir) for a new profile")))
    else:
        options.append(
            Option(
                _(
                    "to start a new profile instead, move {folder} aside (rename it) "
                    "and open foidesk again"
                ).format(folder=profile.data_dir)
            )
        )
    return tuple(options)
