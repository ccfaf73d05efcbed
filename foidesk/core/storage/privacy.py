"""Keeping a profile private to the account it belongs to: folders 0700, files 0600.

A profile holds someone's correspondence with public authorities — the requests, the
replies, every attachment and original email — and its backups. Nobody else with an
account on the machine, or with access to a folder the profile is synced to, should
read any of it.

**Creating.** Everything foidesk writes for a profile is created private: files with
``new_file`` (mode 0600), folders with ``make_dir`` (0700). The mode is then set
exactly, because a umask can only remove bits and an odd one (0o277) would otherwise
leave a file its owner cannot write again. Where a library creates the file, it is
made first: SQLite creates a new database 0644 minus the umask, but gives its
``-wal``, ``-shm`` and ``-journal`` files the database file's own mode, so an empty
database file made 0600 by ``new_database`` keeps all four private.

**Tightening.** A profile made by an earlier foidesk, copied, or unpacked from a
backup with ``unzip`` or ``zipfile`` may be 0755/0644; ``tighten`` runs at every open
and makes it private, without costing a walk over every stored file each time:

- the profile folder, the database and its companions, the manifest and read-me an
  unpacked backup leaves, and the few entries of ``backups/`` and ``safety-copies/``
  are checked with one ``lstat`` each, and changed
  only where the mode differs (a ``chmod`` changes a file's ctime, which backup tools
  read as a change);
- the attachment store, which may hold tens of thousands of files, is walked only while
  its root folder is not 0700. The root is first marked (0700 plus the sticky bit, which
  grants nobody anything), then everything below it is made private, and the root is
  set to 0700 last: a walk that was cut short leaves the mark, and the next open walks
  again. A root whose mode cannot be set, or does not keep it, is not walked at all.

Measured on a profile of 50,000 stored files in 35,206 folders (local disk, a shared
2-core machine, warm cache): once the profile is private, the check at each open is
ten ``lstat`` calls, 0.06–0.10 ms, the same as for an empty profile (a whole
``Desk.open`` and ``close`` of that profile takes about 5 ms); the one-time walk that
made a 0755/0644 store of that size private took 2–4 s (median 3.4 s).

Folders and files created below a private store root by an older foidesk are not
walked again; the root alone already keeps everyone else out of them.

A mode that cannot be set — another owner's file, a read-only file system, a file
system without POSIX modes — is left as it is, silently: privacy never stops a profile
from opening. Symbolic links are never followed. On Windows ``os.chmod`` only sets the
read-only flag, so modes are not touched there: a profile relies on the ACLs of the
per-user folder it lives in.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from foidesk.core.profile import MARKER_FILE, WINDOW_SETTINGS_FILE, Profile

FILE_MODE = 0o600
DIR_MODE = 0o700
#: The store root's mode while its files are being made private (see ``tighten``).
WALKING_MODE = DIR_MODE | stat.S_ISVTX
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
#: What unpacking a backup puts beside the database (``backup/layout.py``): a folder
#: unpacked with ``unzip`` or ``zipfile`` is a profile.
UNPACKED_BACKUP_FILES = ("manifest.json", "README.txt")

_POSIX = os.name == "posix"
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would translate line endings without it


def prepare(profile: Profile) -> None:
    """Run as a profile is opened, before its database: the folder made (private), what
    is there tightened, and a new SQLite database file created private for SQLite to fill.

    A database URL with options (``?mode=ro`` and the like) is left for SQLite to open
    as it says; ``tighten`` makes a file it created private at the next open.
    """
    make_dir(profile.data_dir)
    tighten(profile)
    database = profile.sqlite_path
    if database is not None and "?" not in profile.database_url:
        new_database(database)


# --- creating -----------------------------------------------------------------------


def new_file(path: Path) -> BinaryIO:
    """``path.open("xb")``, private: created 0600 (never 0666 minus the umask)."""
    return os.fdopen(_create(path), "wb")


def new_text_file(path: Path, *, encoding: str) -> TextIO:
    """``path.open("x", encoding=...)``, private."""
    return os.fdopen(_create(path), "w", encoding=encoding)


def new_database(path: Path) -> None:
    """An empty, private database file where none exists yet, for SQLite to fill.

    Where it cannot be made (a missing or read-only folder) nothing happens: SQLite then
    reports the problem in its own words when it opens the database.
    """
    with contextlib.suppress(OSError):
        os.close(_create(path))


def ensure_private_file(path: Path) -> None:
    """Make ``path`` an existing private file, empty if it was missing (for a library
    that keeps the mode of a file it rewrites but creates new ones world-readable)."""
    try:
        os.close(_create(path))
    except FileExistsError:
        private_file(path)
    except OSError:
        pass  # a read-only profile: nothing will be written there either


def copy_file(source: Path, target: Path) -> None:
    """Copy ``source`` to ``target``, private. The copy is written under a hidden name and
    renamed, so ``target`` is never seen half-written; nothing is left on failure."""
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex}.part")
    try:
        with source.open("rb") as src, new_file(partial) as out:
            shutil.copyfileobj(src, out)
        partial.replace(target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def make_dir(path: Path, *, exist_ok: bool = True) -> None:
    """``path.mkdir(parents=True)``, every level it creates 0700; existing ones are left."""
    try:
        _make_dir(path)
    except OSError:
        if not exist_ok or not path.is_dir():
            raise


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(DIR_MODE)
    except FileNotFoundError:
        if path.parent == path:
            raise
        make_dir(path.parent)
        _mkdir_beside_a_maker(path)
    except PermissionError:
        _mkdir_beside_a_maker(path)
    _chmod(path, DIR_MODE)  # the umask may have taken the owner's own bits


#: How long to wait for another thread to finish making a parent folder private.
PARENT_WAIT_SECONDS = 2.0


def _mkdir_beside_a_maker(path: Path) -> None:
    """``mkdir`` where another thread may have just made the parent: under a umask that
    takes the owner's write bit, the parent is unwritable until its maker's chmod, a
    moment later. Only a parent of our own that lacks that bit is waited for."""
    deadline = time.monotonic() + PARENT_WAIT_SECONDS
    while True:
        try:
            path.mkdir(DIR_MODE)
            return
        except PermissionError:
            if not _ours_unwritable(path.parent) or time.monotonic() > deadline:
                raise
            time.sleep(0.005)


def _ours_unwritable(folder: Path) -> bool:
    try:
        info = folder.stat()
    except OSError:
        return False
    owner = getattr(os, "geteuid", lambda: info.st_uid)()
    return info.st_uid == owner and not info.st_mode & stat.S_IWUSR


def private_fd(fd: int) -> None:
    """Set a file just opened as ``fd`` to 0600 exactly, whatever the umask took from the
    mode it was created with; a file system without modes is left as it is."""
    if _POSIX:
        with contextlib.suppress(OSError):
            os.fchmod(fd, FILE_MODE)


def _create(path: Path) -> int:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, FILE_MODE)
    private_fd(fd)
    return fd


def _chmod(path: Path, mode: int) -> None:
    if _POSIX:
        with contextlib.suppress(OSError):
            path.chmod(mode)


# --- tightening what exists -----------------------------------------------------------


def private_file(path: Path) -> None:
    """Make an existing regular file 0600 if it is not; anything else is left alone."""
    _tighten(path, stat.S_ISREG, FILE_MODE)


def private_dir(path: Path) -> None:
    """Make an existing folder 0700 if it is not; anything else is left alone."""
    _tighten(path, stat.S_ISDIR, DIR_MODE)


def tighten(profile: Profile) -> None:
    """Make an existing profile private, cheaply enough to run at every open (see above)."""
    if not _POSIX:
        return
    private_dir(profile.data_dir)
    database = profile.sqlite_path
    if database is not None:
        private_file(database)
        for suffix in SQLITE_COMPANIONS:
            private_file(database.with_name(database.name + suffix))
    for name in (*UNPACKED_BACKUP_FILES, MARKER_FILE, WINDOW_SETTINGS_FILE):
        private_file(profile.data_dir / name)
    for small in (profile.backups_dir, profile.safety_dir):
        if _mode_of(small, stat.S_ISDIR) is not None:
            _tighten_below(small)
            private_dir(small)
    _tighten_store(profile.attachments_dir)


def _tighten_store(root: Path) -> None:
    """Walk the store only while its root is not 0700; set the root last."""
    mode = _mode_of(root, stat.S_ISDIR)
    if mode is None or mode == DIR_MODE or not _mark_walking(root, mode):
        return
    _tighten_below(root)
    _chmod(root, DIR_MODE)


def _mark_walking(root: Path, mode: int) -> bool:
    """True if the root now carries the walking mark: then its modes can be changed."""
    try:
        if mode != WALKING_MODE:
            root.chmod(WALKING_MODE)
        return _mode_of(root, stat.S_ISDIR) == WALKING_MODE
    except OSError:
        return False


def _tighten_below(folder: Path) -> None:
    """Everything under ``folder`` (not ``folder`` itself), each folder after its contents."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if entry.is_dir(follow_symlinks=False):
                _tighten_below(path)
                _set_mode(path, entry.stat(follow_symlinks=False).st_mode, DIR_MODE)
            elif entry.is_file(follow_symlinks=False):
                _set_mode(path, entry.stat(follow_symlinks=False).st_mode, FILE_MODE)


def _tighten(path: Path, is_kind: Callable[[int], bool], mode: int) -> None:
    if _POSIX:
        current = _mode_of(path, is_kind)
        if current is not None:
            _set_mode(path, current, mode)


def _mode_of(path: Path, is_kind: Callable[[int], bool]) -> int | None:
    """The permission bits of ``path`` if it is of that kind (never through a link)."""
    try:
        found = path.lstat().st_mode
    except OSError:
        return None
    return stat.S_IMODE(found) if is_kind(found) else None


def _set_mode(path: Path, current: int, mode: int) -> None:
    """Only where it differs: a chmod changes the ctime, which backup tools take as a change."""
    if stat.S_IMODE(current) != mode:
        _chmod(path, mode)
