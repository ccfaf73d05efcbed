"""Adding members to a new backup and keeping each one's manifest entry.

Stored attachments are not hashed on the way in (they are named by their SHA-256);
each member is handed to the read-back thread as soon as it is complete, and the
hash is checked there, from the file.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.archive import file_chunks, write_member
from foidesk.core.backup.manifest import MemberEntry, MemberKind
from foidesk.core.backup.readback import ReadBack
from foidesk.core.backup.syncer import GrowingFile
from foidesk.core.backup.ticker import Ticker
from foidesk.core.backup.zipwriter import ZipWriter
from foidesk.core.storage.file_store import AttachmentStore


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

    def add_blob(self, store: AttachmentStore, sha256: str) -> bool:
        """Copy one stored file; False if it is not there (any more)."""
        try:
            source = store.path_for(sha256).open("rb")
        except FileNotFoundError:
            return False
        name = layout.attachment_member(sha256)
        hashed = sha256 in self.suspects
        with source:
            size = os.fstat(source.fileno()).st_size
            chunks = file_chunks(source)
            actual, info = write_member(
                self.archive, name, chunks, size, self.moment, self.ticker, hashed=hashed
            )
        actual = actual or sha256  # checked against the bytes when read back
        damaged = actual != sha256
        entry = MemberEntry(name, MemberKind.ATTACHMENT, info.file_size, actual, damaged)
        self.entries.append(entry)
        self.read_back.add(info, entry)
        self.digests.add(sha256)
        self.growing.grew_to(self.archive.size)
        return True

    def add_file(self, name: str, path: Path, kind: MemberKind, *, stored: bool) -> None:
        """The database: not read back here, ``check_contents`` reads it into SQLite anyway."""
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
        self.entries.append(MemberEntry(name, kind, info.file_size, actual))

    def add_bytes(self, name: str, data: bytes, kind: MemberKind | None) -> None:
        """A small member; ``kind`` None keeps it out of the manifest (the manifest itself)."""
        actual, info = write_member(
            self.archive, name, iter((data,)), len(data), self.moment, self.ticker, stored=False
        )
        if kind is not None and actual is not None:
            entry = MemberEntry(name, kind, info.file_size, actual)
            self.entries.append(entry)
            self.read_back.add(info, entry)
