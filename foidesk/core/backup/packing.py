"""Adding members to a new backup and keeping each one's manifest entry.

Stored attachments are not hashed on the way in (they are named by their SHA-256);
each member is handed to the read-back thread as soon as it is in the file — small ones
in batches, as the writer drains them — and the hash is checked there, from the file.
"""

from __future__ import annotations

import itertools
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.archive import (
    WHOLE_LIMIT,
    file_chunks,
    read_whole,
    write_member,
    write_whole,
)
from foidesk.core.backup.contents import Batch
from foidesk.core.backup.manifest import MemberEntry, MemberKind
from foidesk.core.backup.readback import ReadBack
from foidesk.core.backup.syncer import GrowingFile
from foidesk.core.backup.ticker import Ticker
from foidesk.core.backup.zipwriter import GATHER_BYTES, Written, ZipWriter
from foidesk.core.storage.file_store import AttachmentStore, is_sha256

PREFETCH = 16  # small files read ahead of the writer, at most 16 MiB


@dataclass(frozen=True)
class _Opened:
    """A stored file: its content when small, an open descriptor when large, neither
    when it is not there."""

    sha256: str
    fd: int | None = None
    data: bytes | None = None


def _open(store: AttachmentStore, sha256: str) -> _Opened:
    if not is_sha256(sha256):
        raise ValueError(f"not a SHA-256 digest: {sha256!r}")
    path = f"{store.root}/{sha256[:2]}/{sha256[2:4]}/{sha256}"  # not 50,000 Paths
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return _Opened(sha256)
    try:
        size = os.fstat(fd).st_size
        if size > WHOLE_LIMIT:
            return _Opened(sha256, fd=fd)
        data = read_whole(fd, size)
    except BaseException:
        os.close(fd)
        raise
    os.close(fd)
    return _Opened(sha256, data=data)


def _close_all(ahead: Iterable[Future[_Opened]]) -> None:
    """Files read ahead of a write that stopped: their descriptors are not left open."""
    for future in ahead:
        if future.cancel() or future.exception() is not None:
            continue
        fd = future.result().fd
        if fd is not None:
            os.close(fd)


class MemberWriter:
    """Adds members to the archive and remembers each one's manifest entry."""

    def __init__(
        self,
        archive: ZipWriter,
        moment: datetime,
        ticker: Ticker,
        read_back: ReadBack,
        growing: GrowingFile,
        suspects: frozenset[str] = frozenset(),
    ) -> None:
        self.archive = archive
        self.moment = moment
        self.ticker = ticker
        self.read_back = read_back
        self.growing = growing
        self.suspects = suspects
        self.entries: list[MemberEntry] = []
        self.digests: set[str] = set()
        self._gathered: Batch = []

    def add_blobs(self, store: AttachmentStore, digests: Iterable[str]) -> list[str]:
        """Copy stored files, in order; return those that are not there (any more).

        A thread opens and reads the next few small files while this one writes: the
        system calls of 50,000 files then overlap with the writing.
        """
        absent = []
        ahead: deque[Future[_Opened]] = deque()
        with ThreadPoolExecutor(1, thread_name_prefix="foidesk-prefetch") as reader:
            try:
                pending = iter(digests)
                for sha256 in itertools.islice(pending, PREFETCH):
                    ahead.append(reader.submit(_open, store, sha256))
                while ahead:
                    opened = ahead.popleft().result()
                    for sha256 in itertools.islice(pending, 1):
                        ahead.append(reader.submit(_open, store, sha256))
                    if not self._add_opened(opened):
                        absent.append(opened.sha256)
            finally:
                _close_all(ahead)
        return absent

    def _add_opened(self, opened: _Opened) -> bool:
        sha256, fd, data = opened.sha256, opened.fd, opened.data
        if fd is None and data is None:
            return False
        name = layout.attachment_member(sha256)
        hashed = sha256 in self.suspects
        if data is not None:
            actual, info = write_whole(
                self.archive, name, data, self.moment, self.ticker, hashed=hashed
            )
        else:
            assert fd is not None
            self.drain()
            try:
                with os.fdopen(fd, "rb", closefd=False) as source:
                    size = os.fstat(source.fileno()).st_size
                    actual, info = write_member(
                        self.archive,
                        name,
                        file_chunks(source),
                        size,
                        self.moment,
                        self.ticker,
                        hashed=hashed,
                    )
            finally:
                os.close(fd)
        actual = actual or sha256  # checked against the bytes when read back
        damaged = actual != sha256
        entry = MemberEntry(name, MemberKind.ATTACHMENT, info.file_size, actual, damaged)
        self._added(info, entry)
        self.digests.add(sha256)
        return True

    def add_file(self, name: str, path: Path, kind: MemberKind, *, stored: bool) -> None:
        """The database, read back like the rest (``write.py`` checks the snapshot it was
        copied from, whose bytes the read-back proves are the member's)."""
        self.drain()
        with path.open("rb") as source:
            size = os.fstat(source.fileno()).st_size
            actual, info = write_member(
                self.archive,
                name,
                file_chunks(source),
                size,
                self.moment,
                self.ticker,
                stored=stored,
            )
        assert actual is not None
        self._added(info, MemberEntry(name, kind, info.file_size, actual))

    def add_bytes(self, name: str, data: bytes, kind: MemberKind | None) -> None:
        """A small member; ``kind`` None keeps it out of the manifest (the manifest itself)."""
        actual, info = write_member(
            self.archive, name, iter((data,)), len(data), self.moment, self.ticker, stored=False
        )
        if kind is not None and actual is not None:
            self._added(info, MemberEntry(name, kind, info.file_size, actual))

    def add_stream(self, name: str, chunks: Iterator[bytes], most: int) -> None:
        """A member made as it is written, of at most ``most`` bytes, kept out of the
        manifest (the manifest itself: it is read and checked whole by ``open_backup``)."""
        self.drain()
        write_member(
            self.archive, name, chunks, most, self.moment, self.ticker, stored=False, hashed=False
        )

    def drain(self) -> None:
        """Put gathered members in the file and hand them to the read-back thread."""
        self.archive.drain()
        self.read_back.add_batch(self._gathered)
        self._gathered = []
        self.growing.grew_to(self.archive.size)

    def _added(self, info: Written, entry: MemberEntry) -> None:
        self.entries.append(entry)
        self._gathered.append((info, entry))
        if self.archive.gathered == 0 or self.archive.gathered >= GATHER_BYTES:
            self.drain()
