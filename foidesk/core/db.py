"""Engine set-up, units of work, and bringing a database's schema up to date.

SQLite gets WAL, foreign keys and a busy timeout on every connection. Transactions
are begun explicitly so that a write unit of work can take SQLite's write lock up
front (``BEGIN IMMEDIATE``): the attachment store relies on that to know no other
writer is half-way through a transaction while it cleans up.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from .errors import DatabaseTooNewError, StorageError
from .profile import Profile

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BUSY_TIMEOUT_MS = 30_000
_BEGIN_MODE = "foidesk_begin"

#: How hard SQLite pushes each commit to the disk (``PRAGMA synchronous``). In WAL
#: mode ``NORMAL`` syncs the log only at checkpoints, so a power cut could take back
#: the last commits: an edit the user saw saved, or the rows of a message whose files
#: the store had already synced. ``FULL`` syncs the log at every commit, and measured
#: (benchmarks/README.md, "Durability: synchronous=FULL or NORMAL") it costs little:
#: 0.4-1 ms more per edit (medians 2.3-7.2 ms, 95th percentiles within 21 ms), no
#: measurable change to a command-line edit (about 1 s either way, mostly start-up),
#: and an import of 1,000 emails at 2.1-2.2x its floor against NORMAL's 2.0-2.3x
#: (target 3x).
SYNCHRONOUS = "FULL"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite connections are tuned for a desktop app."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_MODE, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """Hands out units of work: one transaction per operation, committed or rolled back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._read = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
        self._write = sessionmaker(writer, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: a consistent snapshot, never committed."""
        with self._read() as session, session.begin():
            yield session
            session.rollback()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write unit of work holding the write lock from its first statement."""
        try:
            with self._write() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise _storage_error(exc) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def _storage_error(exc: OperationalError) -> Exception:
    message = str(exc.orig) if exc.orig is not None else str(exc)
    known = ("database or disk is full", "database is locked", "readonly", "disk I/O error")
    if any(text in message for text in known):
        return StorageError(f"the database refused the change: {message}")
    return exc


# --- migrations -------------------------------------------------------------------


#: The newest schema revision this foidesk ships. Opening a database already at
#: it skips loading Alembic, which keeps start-up quick; a test keeps it equal
#: to the head of ``migrations/versions``.
SCHEMA_HEAD = "0004"


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships no migrations"
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, or None for a new one."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(profile: Profile, engine: Engine, target: str = "head") -> None:
    """Bring the schema to ``target``, after a safety copy; refuse a newer database.

    A database whose revision this foidesk does not know was written by a newer
    version: it is left exactly as it is.
    """
    current = current_revision(engine)
    if current == SCHEMA_HEAD and target == "head":
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    if current is not None and not _known(script, current):
        raise DatabaseTooNewError(
            f"this database was written by a newer foidesk (schema {current}); "
            "install the newer version to open it — the file was not changed"
        )
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    if current is not None:
        safety_copy(profile, engine, current)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), target)


def _known(script: ScriptDirectory, revision: str) -> bool:
    from alembic.util import CommandError

    try:
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def safety_copy(profile: Profile, engine: Engine, revision: str) -> Path | None:
    """Copy the SQLite file aside (online backup API) before its schema changes."""
    source = profile.sqlite_path
    if source is None or not source.exists():
        return None
    profile.safety_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = profile.safety_dir / f"{source.stem}-{stamp}-before-upgrade-from-{revision}.sqlite3"
    copy_sqlite(source, target)
    return target


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database, written under a temporary name first."""
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    with partial.open("rb+") as handle:
        os.fsync(handle.fileno())
    partial.replace(target)
