"""The attachment store: files kept by the SHA-256 of their content.

Every file is written to a temporary name, flushed to disk, then renamed into
place, so a crash leaves either the whole file or nothing under its final name.
Files are created 0600 and folders 0700 (``privacy.py``): the store holds the user's
evidence, for nobody else on the machine to read. Identical content is stored once.
The store knows nothing of who uses a file; ``blobs.py`` keeps it in step with the
database.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import uuid
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from foidesk.core.storage import privacy

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

CHUNK = 1 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class StagedFile:
    """Content written to the store's staging area, hashed, not yet in place."""

    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class StoreReport:
    """What ``verify`` found: files missing, files whose bytes changed, files nobody uses."""

    checked: int
    missing: tuple[str, ...] = ()
    corrupt: tuple[str, ...] = ()
    unreferenced: tuple[str, ...] = field(default=())
    notes: tuple[str, ...] = ()  # what was mended on the way (a team cache refetched)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt


def is_sha256(value: str) -> bool:
    return _SHA256.fullmatch(value) is not None


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)  # Windows flushes only handles open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_all(paths: Iterable[Path], *, folders: bool = False) -> None:
    """Sync several files (or folders) at once, so the disk takes them in one go
    rather than one after another; returns when all are on disk."""
    sync = fsync_dir if folders else fsync_file
    unique = list(dict.fromkeys(paths))
    if len(unique) < 2:
        for path in unique:
            sync(path)
        return
    for future in [_sync_pool().submit(sync, path) for path in unique]:
        future.result()


_SYNC_THREADS = 4
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _sync_pool() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(_SYNC_THREADS, thread_name_prefix="foidesk-fsync")
        return _pool


def _forget_pool_in_child() -> None:
    """A forked child inherits the pool but not its threads: it makes its own."""
    global _pool, _pool_lock
    _pool, _pool_lock = None, threading.Lock()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_pool_in_child)


def fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_of(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


class AttachmentStore:
    """Content-addressed files under ``root``: ``root/ab/cd/abcd…`` by SHA-256."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / "tmp"
        self.journals = root / "journal"

    def create_dirs(self) -> None:
        for folder in (self.root, self.staging, self.journals):
            privacy.make_dir(folder)

    def path_for(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def local_path(self, sha256: str) -> Path:
        """Where a reader finds the file's bytes on this computer. Here the store's own
        file; a team store (``team_store.py``) fetches it into its cache first."""
        return self.path_for(sha256)

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return self.local_path(sha256).open("rb")

    def read_bytes(self, sha256: str) -> bytes:
        return self.local_path(sha256).read_bytes()

    def upload(self, session: Session, staged: StagedFile) -> None:
        """Share a staged file with the database in ``session``'s transaction: nothing to
        do for a local store, whose folder is the only copy."""

    def add_blob_rows(self, session: Session, sizes: Mapping[str, int]) -> None:
        """Add ``blob`` rows for new files, written at the session's next flush (which
        orders inserts by foreign key). Only one writer at a time holds SQLite's write
        lock, so no other can be adding the same row meanwhile."""
        from foidesk.core.storage.tables import Blob

        session.add_all(Blob(sha256=sha256, size=size) for sha256, size in sizes.items())

    def forget(self, session: Session, sha256: str) -> None:
        """The database's copy of a file no row uses goes: a local store keeps none."""

    # --- writing ---------------------------------------------------------------

    def stage(self, source: bytes | BinaryIO | Iterator[bytes], *, sync: bool = True) -> StagedFile:
        """Copy ``source`` into the staging area, hashing on the way, and fsync it
        (unless ``sync`` is False: then the caller syncs it before placing it)."""
        privacy.make_dir(self.staging)
        path = self.staging / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with privacy.new_file(path) as out:
                for chunk in _chunks(source):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                if sync:
                    os.fsync(out.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedFile(path=path, sha256=digest.hexdigest(), size=size)

    def place(self, staged: StagedFile, *, sync: bool = True) -> bool:
        """Move a staged file to its final name; True if the content was new to the store.

        The rename (and a folder made for it) is durable at once, unless ``sync`` is
        False: then the caller syncs ``folders_to_sync`` before anything relies on it.
        """
        final = self.path_for(staged.sha256)
        if final.is_file() and final.stat().st_size == staged.size:
            staged.path.unlink(missing_ok=True)
            return False
        folders = self.folders_to_sync(staged.sha256) if sync else []
        privacy.make_dir(final.parent)
        staged.path.replace(final)
        if sync:
            fsync_all(folders, folders=True)
        return True

    def folders_to_sync(self, sha256: str) -> list[Path]:
        """The folders whose entries change when the file is placed: its own, and where
        that folder does not exist yet, its parent and the store root too."""
        folder = self.path_for(sha256).parent
        return [folder] if folder.is_dir() else [folder, folder.parent, self.root]

    def discard(self, staged: StagedFile) -> None:
        staged.path.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def remove_unused(self, sha256: str) -> None:
        """Remove a file ``check --repair`` found unused, wherever the store keeps it."""
        self.remove(sha256)

    # --- checking --------------------------------------------------------------

    def stored_digests(self) -> Iterator[str]:
        """Every digest that has a file in the store."""
        if not self.root.is_dir():
            return
        for first in sorted(self.root.iterdir()):
            if len(first.name) != 2 or not first.is_dir():
                continue
            for second in sorted(first.iterdir()):
                if second.is_dir():
                    yield from (p.name for p in sorted(second.iterdir()) if is_sha256(p.name))

    def verify(self, expected: Mapping[str, int]) -> StoreReport:
        """Re-hash every expected file; report the missing, the corrupt and the unused."""
        missing: list[str] = []
        corrupt: list[str] = []
        for sha256, size in expected.items():
            path = self.path_for(sha256)
            if not path.is_file():
                missing.append(sha256)
                continue
            actual, actual_size = sha256_of(path)
            if actual != sha256 or actual_size != size:
                corrupt.append(sha256)
        unreferenced = tuple(d for d in self.stored_digests() if d not in expected)
        return StoreReport(len(expected), tuple(missing), tuple(corrupt), unreferenced)


def _chunks(source: bytes | BinaryIO | Iterator[bytes]) -> Iterable[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source)
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])
        return
    if not hasattr(source, "read"):  # chunks already (a file object iterates by lines)
        yield from source
        return
    while chunk := source.read(CHUNK):
        yield chunk
