"""The team's file store: attachments and originals in the PostgreSQL database itself.

Members of a team database work on different machines, so a file kept only in one
member's ``attachments/`` folder is missing for every other member. On PostgreSQL the
database is therefore the store: each file is one ``stored_file`` row (its SHA-256 and
size) and its bytes in ``stored_chunk`` rows of ``CHUNK`` bytes, written in the same
transaction as the message that uses it — a rolled-back import leaves no chunk, a
committed one is every member's at once, and no second server or shared folder has to
be set up, backed up or kept in step. Files move in and out one chunk at a time, so no
whole file is ever held in memory.

Each member's ``attachments/`` folder stays, as a cache: a file is read from there
when its bytes still hash to its name, and otherwise fetched from the database into it
(staged, synced and renamed, as every store write is). A cache file whose bytes changed
is set aside beside the cache, never deleted, and fetched again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from foidesk.core.i18n import _, ngettext
from foidesk.core.storage import privacy
from foidesk.core.storage.file_store import (
    CHUNK,
    AttachmentStore,
    StagedFile,
    StoreReport,
    sha256_of,
)
from foidesk.core.storage.tables import Blob, utcnow

metadata = sa.MetaData()

stored_file = sa.Table(
    "stored_file",
    metadata,
    sa.Column("sha256", sa.String(64), primary_key=True),
    sa.Column("size", sa.BigInteger, nullable=False),
)

stored_chunk = sa.Table(
    "stored_chunk",
    metadata,
    sa.Column(
        "sha256",
        sa.String(64),
        sa.ForeignKey("stored_file.sha256", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column("seq", sa.Integer, primary_key=True),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

_CHUNK_SQL = "SELECT data FROM stored_chunk WHERE sha256 = %s AND seq = %s"

_ADD_CHUNK = stored_chunk.insert()

#: Drop a file's rows only while no ``blob`` row names it (not even one another member
#: committed a moment ago): the condition is checked by the server, not by the caller.
_FORGET_UNUSED = sa.text(
    "DELETE FROM stored_file WHERE sha256 = :sha256"
    " AND NOT EXISTS (SELECT 1 FROM blob WHERE blob.sha256 = :sha256)"
)


class DatabaseStoreError(OSError):
    """The database's copy of a file is missing or its chunks do not hash to its name.

    An ``OSError``, as a missing local file is, so every reader that copes with one
    (a preview, a proposal reading headers, text extraction) copes with this too."""


class TeamStore(AttachmentStore):
    """Files in the database, with the member's ``root`` folder as a verified cache."""

    def __init__(self, root: Path, engine: Engine) -> None:
        super().__init__(root)
        self.engine = engine
        self.set_aside_dir = root.parent / "attachments-set-aside"

    # --- writing (inside the caller's transaction) -------------------------------------

    def upload(self, session: Session, staged: StagedFile) -> None:
        """Put a staged file's bytes into the database, in the session's transaction.

        Two members storing the same content at once store it once: the second's
        ``INSERT … ON CONFLICT DO NOTHING`` waits for the first to commit and then adds
        nothing (or, if the first rolled back, adds the file itself)."""
        row = {"sha256": staged.sha256, "size": staged.size}
        claim = (
            insert(stored_file).values(row).on_conflict_do_nothing().returning(stored_file.c.sha256)
        )
        if session.execute(claim).first() is None:
            return  # already stored, by this member or another
        with staged.path.open("rb") as source:
            seq = 0
            while data := source.read(CHUNK):
                # one compiled statement, the chunk a parameter: no statement object
                # holds it, to be freed only by the next garbage collection
                session.execute(_ADD_CHUNK, {"sha256": staged.sha256, "seq": seq, "data": data})
                seq += 1

    def add_blob_rows(self, session: Session, sizes: Mapping[str, int]) -> None:
        """Add ``blob`` rows at once, each unless another member has just added it: two
        members storing one file at once share its row (the second insert waits for the
        first writer's commit, then adds nothing) instead of one failing on the key."""
        now = utcnow()
        rows = [{"sha256": sha, "size": size, "created_at": now} for sha, size in sizes.items()]
        session.execute(insert(Blob).values(rows).on_conflict_do_nothing())

    def forget(self, session: Session, sha256: str) -> None:
        """The last row using a file is gone in this transaction: its bytes go with it."""
        session.execute(_FORGET_UNUSED, {"sha256": sha256})

    # --- reading -------------------------------------------------------------------

    def local_path(self, sha256: str) -> Path:
        """The cache file, after checking its bytes, fetched from the database when it is
        absent or changed. Where the database has no copy either, the path does not exist."""
        path = self.path_for(sha256)
        if path.is_file():
            if sha256_of(path)[0] == sha256:
                return path
            self.set_aside(sha256)
        self.fetch(sha256)
        return path

    def exists(self, sha256: str) -> bool:
        if self.path_for(sha256).is_file():
            return True
        with self.engine.connect() as conn:
            return _size_in_database(conn, sha256) is not None

    def fetch(self, sha256: str) -> bool:
        """Copy a file from the database into the cache; False when it has none."""
        with self.engine.connect() as conn:
            size = _size_in_database(conn, sha256)
            if size is None:
                return False
            staged = self.stage(_chunks_of(conn, sha256))
        if staged.sha256 != sha256 or staged.size != size:
            self.discard(staged)
            message = _("the team database's copy of stored file {sha256} is damaged")
            raise DatabaseStoreError(message.format(sha256=sha256))
        self.place(staged)
        return True

    def set_aside(self, sha256: str) -> Path:
        """Move a cache file whose bytes changed out of the cache, keeping it for a look."""
        privacy.make_dir(self.set_aside_dir)
        target = self.set_aside_dir / f"{sha256}.{time.time_ns()}"
        self.path_for(sha256).replace(target)
        return target

    def remove_unused(self, sha256: str) -> None:
        """Drop the cache copy, and the database's copy if no row uses it (``remove``
        alone drops only the cache copy: what a unit of work undoes or drops was, or is
        being, dealt with in its own transaction)."""
        self.remove(sha256)
        with self.engine.begin() as conn:
            conn.execute(_FORGET_UNUSED, {"sha256": sha256})

    # --- checking ----------------------------------------------------------------

    def verify(self, expected: Mapping[str, int]) -> StoreReport:
        """Re-hash every expected file in the database, streaming its chunks; then the
        cache: a changed cache file is set aside and fetched again, and said so."""
        missing: list[str] = []
        corrupt: list[str] = []
        with self.engine.connect() as conn:
            listed = conn.execute(sa.select(stored_file.c.sha256, stored_file.c.size))
            in_database = {str(sha256): int(size) for sha256, size in listed}
            for sha256, size in expected.items():
                if sha256 not in in_database:
                    missing.append(sha256)
                elif _hash_in_database(conn, sha256) != (sha256, size):
                    corrupt.append(sha256)
        cached = list(self.stored_digests())
        unused = {d for d in [*in_database, *cached] if d not in expected}
        notes = self._check_cache([d for d in cached if d in expected and d not in corrupt])
        return StoreReport(
            len(expected), tuple(missing), tuple(corrupt), tuple(sorted(unused)), notes
        )

    def _check_cache(self, digests: list[str]) -> tuple[str, ...]:
        changed = [d for d in digests if sha256_of(self.path_for(d))[0] != d]
        for sha256 in changed:
            self.set_aside(sha256)
            self.fetch(sha256)
        if not changed:
            return ()
        note = ngettext(
            "{count} file in this computer's cache had changed: it was set aside in {folder} "
            "and fetched again from the team database",
            "{count} files in this computer's cache had changed: they were set aside in "
            "{folder} and fetched again from the team database",
            len(changed),
        )
        return (note.format(count=len(changed), folder=self.set_aside_dir),)


def _size_in_database(conn: Connection, sha256: str) -> int | None:
    size = conn.scalar(sa.select(stored_file.c.size).where(stored_file.c.sha256 == sha256))
    return None if size is None else int(size)


def _chunks_of(conn: Connection, sha256: str) -> Iterator[bytes]:
    """A file's chunks in order, one query each, so only one is in memory at a time.

    Asked for in psycopg's binary format, on the connection's own transaction: bytea
    then comes as its bytes rather than as hex text to decode, three times as fast."""
    with conn.connection.driver_connection.cursor(binary=True) as cursor:  # type: ignore[union-attr]
        seq = 0
        while True:
            row = cursor.execute(_CHUNK_SQL, (sha256, seq)).fetchone()
            if row is None:
                return
            yield bytes(row[0])
            seq += 1


def _hash_in_database(conn: Connection, sha256: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for data in _chunks_of(conn, sha256):
        digest.update(data)
        size += len(data)
    return digest.hexdigest(), size


def open_store(root: Path, engine: Engine) -> AttachmentStore:
    """The store for a profile's database: the local folder for SQLite, the database
    itself (with the folder as its cache) for a team's PostgreSQL."""
    if engine.dialect.name == "postgresql":
        return TeamStore(root, engine)
    return AttachmentStore(root)
