"""Keeping the attachment store and the database in step, across crashes.

A write that adds or drops files does so inside a database write transaction
(which holds SQLite's write lock) and notes the digests it touches in a journal
file first. After the transaction, files nobody refers to any more are removed
and the journal is deleted. If the process dies in between, the next writer to
open the profile finds the journal, and — holding the write lock, so no one else
is mid-transaction — removes exactly those journalled files that no row uses.
So a kill at any moment leaves no half message and no orphan file.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import TracebackType
from typing import BinaryIO, TextIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from foidesk.core.i18n import _, ngettext
from foidesk.core.storage import privacy, server_locks
from foidesk.core.storage.file_store import AttachmentStore, StagedFile, fsync_all, is_sha256
from foidesk.core.storage.tables import Attachment, Blob, Message


def _size_of(source: bytes | BinaryIO) -> int:
    """How much room a content needs (0 when a stream cannot say)."""
    if isinstance(source, bytes | bytearray | memoryview):
        return len(source)
    try:
        return os.fstat(source.fileno()).st_size
    except (OSError, ValueError, AttributeError):
        return 0


def blob_users(session: Session, sha256: str) -> int:
    """How many rows refer to a stored file — the reference count, always derived."""
    attachments = session.scalar(
        select(func.count()).select_from(Attachment).where(Attachment.sha256 == sha256)
    )
    originals = session.scalar(
        select(func.count()).select_from(Message).where(Message.raw_sha256 == sha256)
    )
    return int(attachments or 0) + int(originals or 0)


class BlobTransaction:
    """Files added and released within one database write transaction."""

    def __init__(self, session: Session, store: AttachmentStore) -> None:
        self.session = session
        self.store = store
        self._journal = store.journals / f"{uuid.uuid4().hex}.journal"
        self._journal_file: TextIO | None = None
        self._placed: list[str] = []
        self._released: set[str] = set()
        self._doomed: set[str] = set()
        self._noted: set[str] = set()
        self._rows: set[str] = set()  # digests whose blob row exists or is added
        self._folders: set[Path] = set()  # to sync before the commit: new names in them
        self.bytes_wanted = 0  # what the contents given so far need on disk, where known

    def __enter__(self) -> BlobTransaction:
        self.session.connection()  # take the write lock before touching the store
        server_locks.hold_store_shared(self.session, str(self.store.root))  # see recover
        return self

    def add_all(self, sources: Sequence[bytes | BinaryIO]) -> list[tuple[str, int]]:
        """Store contents (a message's original and attachments), each digest once, and
        make sure their ``blob`` rows exist.

        They are written first and synced together; their renames into the store are
        synced together too, when the work ends (before the database commits).
        """
        staged: list[StagedFile] = []
        self.bytes_wanted += sum(_size_of(s) for s in sources)
        try:
            for source in sources:
                staged.append(self.store.stage(source, sync=False))
            fsync_all(s.path for s in staged)
        except BaseException:
            for written in staged:
                self.store.discard(written)
            raise
        self._ensure_rows(staged)
        for each in staged:
            self.store.upload(self.session, each)  # a team store: into this transaction
            self._note(each.sha256)
            folders = self.store.folders_to_sync(each.sha256)
            if self.store.place(each, sync=False):
                self._placed.append(each.sha256)
                self._folders.update(folders)
        return [(each.sha256, each.size) for each in staged]

    def _ensure_rows(self, staged: Sequence[StagedFile]) -> None:
        """Add the ``blob`` rows that do not exist yet, found with one query; they are
        written with the rest at the next flush, which orders inserts by foreign key."""
        wanted = {s.sha256: s.size for s in staged if s.sha256 not in self._rows}
        if not wanted:
            return
        with self.session.no_autoflush:
            existing = set(self.session.scalars(select(Blob.sha256).where(Blob.sha256.in_(wanted))))
        new = {sha256: size for sha256, size in wanted.items() if sha256 not in existing}
        if new:
            self.store.add_blob_rows(self.session, new)
        self._rows.update(wanted)

    def release(self, digests: Iterable[str]) -> None:
        """Say these files may have lost a user; unused ones go when the work commits."""
        for sha256 in digests:
            self._note(sha256)
            self._released.add(sha256)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            return  # the session rolls back; finish() is called after that
        fsync_all(self._folders, folders=True)
        self.session.flush()
        for sha256 in sorted(self._released):
            if blob_users(self.session, sha256) == 0:
                blob = self.session.get(Blob, sha256)
                if blob is not None:
                    self.session.delete(blob)
                    self._doomed.add(sha256)
        self.session.flush()
        for sha256 in sorted(self._doomed):
            self.store.forget(self.session, sha256)

    def finish(self, committed: bool) -> None:
        """After commit or rollback: remove files no row uses, then drop the journal."""
        for sha256 in self._doomed if committed else set(self._placed):
            self.store.remove(sha256)
        if self._journal_file is not None:
            self._journal_file.close()
            self._journal_file = None
        self._journal.unlink(missing_ok=True)

    def _note(self, sha256: str) -> None:
        """Journal a digest before its file is touched.

        Flushed, not fsynced: the journal answers a killed process, whose
        written data the kernel still holds. After a power cut a file it missed
        can at worst be left unused — never lost or corrupted — and
        ``foidesk check --repair`` removes it.
        """
        if sha256 in self._noted:
            return
        self._noted.add(sha256)
        if self._journal_file is None:
            privacy.make_dir(self.store.journals)
            self._journal_file = privacy.new_text_file(self._journal, encoding="ascii")
        self._journal_file.write(sha256 + "\n")
        self._journal_file.flush()


def leftovers_of_writers(store: AttachmentStore) -> bool:
    """Journals or staged files left by writers that died (or that are running now)."""
    return bool(journals(store) or staged_parts(store))


def journals(store: AttachmentStore) -> list[Path]:
    try:
        return sorted(store.journals.glob("*.journal"))
    except OSError:
        return []


def staged_parts(store: AttachmentStore) -> list[Path]:
    try:
        return sorted(store.staging.glob("*.part"))
    except OSError:
        return []


def recover(session: Session, store: AttachmentStore) -> list[str]:
    """Finish the file clean-up of writers that died; say what was done.

    Must run inside a write transaction so that no live writer's journal is read: on
    SQLite, that transaction holds the write lock, and files are only ever staged under
    it (``BlobTransaction``), so every staged file found then is a dead writer's too. On
    a server, the store's advisory lock taken alone says the same (``server_locks``).
    """
    removed = 0
    idle = server_locks.store_is_idle(session, str(store.root))  # always so on SQLite
    finished = journals(store) if idle else []  # a live writer's journal is not done
    for journal in finished:
        for sha256 in _journalled(journal):
            if session.get(Blob, sha256) is None and store.exists(sha256):
                store.remove(sha256)
                removed += 1
        journal.unlink(missing_ok=True)
    swept = sweep_staging(store, everything=idle)
    done = []
    if finished:
        writes = ngettext(
            "finished {count} write cut short", "finished {count} writes cut short", len(finished)
        ).format(count=len(finished))
        files = ngettext(
            "removing {count} file nothing refers to",
            "removing {count} files nothing refers to",
            removed,
        ).format(count=removed)
        done.append(_("{writes}, {files}").format(writes=writes, files=files))
    if swept:
        staged = ngettext(
            "removed {count} staged file left by a write that was cut short",
            "removed {count} staged files left by a write that was cut short",
            len(swept),
        )
        done.append(staged.format(count=len(swept)))
    return done


def _journalled(journal: Path) -> set[str]:
    lines = journal.read_text(encoding="ascii", errors="replace").splitlines()
    return {line.strip() for line in lines if is_sha256(line.strip())}


STALE_STAGING_SECONDS = 24 * 3600


def sweep_staging(store: AttachmentStore, *, everything: bool) -> list[Path]:
    """Remove staged files of dead writers: all of them when no writer can be live
    (``everything``: SQLite's write lock, or the store's advisory lock taken alone),
    else only those a day old."""
    cutoff = time.time() - STALE_STAGING_SECONDS
    removed = []
    for part in staged_parts(store):
        try:
            if everything or part.stat().st_mtime < cutoff:
                part.unlink()
                removed.append(part)
        except FileNotFoundError:
            continue
    return removed
