"""A consistent copy of the live database, and what a copy says about itself.

The copy is made with SQLite's online backup API in one step, which reads one
consistent snapshot while the app keeps writing (WAL readers never block writers).
It is then switched to a rollback journal so that the file in the backup stands on
its own, with no ``-wal`` beside it. The rest of this module only reads copies —
never the live database — with plain SQLite SQL: a snapshot is always SQLite.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from foidesk.core.backup.manifest import Counts
from foidesk.core.i18n import _
from foidesk.core.storage.database import copy_sqlite

_COUNTED = {
    "authorities": "authority",
    "requests": "request",
    "messages": "message",
    "attachments": "attachment",
    "status_changes": "status_change",
    "files": "blob",
}


@dataclass(frozen=True)
class SnapshotFacts:
    """What a database copy holds: its schema revision, row counts, and the files it needs."""

    schema_revision: str | None
    counts: Counts
    blobs: dict[str, int]
    referenced: frozenset[str]

    @property
    def needed(self) -> frozenset[str]:
        """Every stored file the copy knows of or refers to."""
        return frozenset(self.blobs) | self.referenced


def take_snapshot(source: Path, target: Path) -> None:
    copy_sqlite(source, target)
    with closing(sqlite3.connect(target)) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")


@contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        yield conn
    finally:
        conn.close()


def read_facts(path: Path) -> SnapshotFacts:
    """Raises ``sqlite3.DatabaseError`` when the copy is not a foidesk database."""
    with _reading(path) as conn:
        counts = {
            key: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for key, table in _COUNTED.items()
        }
        blobs = {str(sha): int(size) for sha, size in conn.execute("SELECT sha256, size FROM blob")}
        referenced = frozenset(
            str(sha)
            for (sha,) in conn.execute(
                "SELECT sha256 FROM attachment UNION "
                "SELECT raw_sha256 FROM message WHERE raw_sha256 IS NOT NULL"
            )
        )
        return SnapshotFacts(_revision(conn), Counts(**counts), blobs, referenced)


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return None if row is None else str(row[0])


def integrity_problems(path: Path) -> list[str]:
    """SQLite's own page-by-page check plus foreign keys; empty when the copy is sound."""
    try:
        with _reading(path) as conn:
            lines = [str(r[0]) for r in conn.execute("PRAGMA integrity_check")]
            integrity = _("database integrity: {line}")
            problems = [integrity.format(line=line) for line in lines if line != "ok"]
            foreign = _("database foreign key: {row}")
            problems += [
                foreign.format(row=tuple(row)) for row in conn.execute("PRAGMA foreign_key_check")
            ]
    except sqlite3.DatabaseError as exc:
        return [_("the database cannot be read: {error}").format(error=exc)]
    return problems
