"""The attachment store: files kept by the SHA-256 of their content.

Every file is written to a temporary name, flushed to disk, then renamed into
place, so a crash leaves either the whole file or nothing under its final name.
Identical content is stored once. The store knows nothing of who uses a file;
``blobs.py`` keeps it in step with the database.
"""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

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

    @property
    def ok(self) -> bool:
        return not self.missing and not self.corrupt


def is_sha256(value: str) -> bool:
    return _SHA256.fullmatch(value) is not None


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
            folder.mkdir(parents=True, exist_ok=True)

    def path_for(self, sha256: str) -> Path:
        if not is_sha256(sha256):
            raise ValueError(f"not a SHA-256 digest: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def open(self, sha256: str) -> BinaryIO:
        return self.path_for(sha256).open("rb")

    def read_bytes(self, sha256: str) -> bytes:
        return self.path_for(sha256).read_bytes()

    # --- writing ---------------------------------------------------------------

    def stage(self, source: bytes | BinaryIO) -> StagedFile:
        """Copy ``source`` into the staging area, hashing on the way, and fsync it."""
        self.staging.mkdir(parents=True, exist_ok=True)
        path = self.staging / f"{uuid.uuid4().hex}.part"
        digest = hashlib.sha256()
        size = 0
        try:
            with path.open("xb") as out:
                for chunk in _chunks(source):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return StagedFile(path=path, sha256=digest.hexdigest(), size=size)

    def place(self, staged: StagedFile) -> bool:
        """Move a staged file to its final name; True if the content was new to the store."""
        final = self.path_for(staged.sha256)
        if final.is_file() and final.stat().st_size == staged.size:
            staged.path.unlink(missing_ok=True)
            return False
        final.parent.mkdir(parents=True, exist_ok=True)
        staged.path.replace(final)
        fsync_dir(final.parent)
        return True

    def discard(self, staged: StagedFile) -> None:
        staged.path.unlink(missing_ok=True)

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

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


def _chunks(source: bytes | BinaryIO) -> Iterable[bytes]:
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source)
        for start in range(0, len(view), CHUNK):
            yield bytes(view[start : start + CHUNK])
        return
    while chunk := source.read(CHUNK):
        yield chunk
