"""Engine set-up, units of work, and bringing a database's schema up to date.

SQLite gets WAL, foreign keys and a busy timeout on every connection. Transactions
are begun explicitly so that a write unit of work can take SQLite's write lock up
front (``BEGIN IMMEDIATE``): the attachment store relies on that to know no other
writer is half-way through a transaction while it cleans up.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from foidesk.core.errors import DatabaseTooNewError, StorageError
from foidesk.core.i18n import _
from foidesk.core.profile import Profile
from foidesk.core.storage import failures, privacy

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


def make_engine(url: str, *, read_only: bool = False, immutable: bool = False) -> Engine:
    """An engine for ``url``; SQLite connections are tuned for a desktop app.

    ``read_only`` opens an SQLite file so that nothing can be written to it (a profile on
    a read-only disk, or a damaged database); ``immutable`` also tells SQLite that
    nothing else writes it, which is how it reads a WAL database whose folder cannot
    take the ``-shm`` file it would otherwise need.
    """
    if url.startswith("sqlite"):
        if read_only:
            url = _read_only_url(url, immutable=immutable)
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        _tune_sqlite(engine, read_only=read_only)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _read_only_url(url: str, *, immutable: bool) -> str:
    path = url.removeprefix("sqlite:///").split("?", 1)[0]
    flags = "mode=ro&immutable=1" if immutable else "mode=ro"
    return f"sqlite:///file:{quote(path)}?{flags}&uri=true"


def _tune_sqlite(engine: Engine, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute(f"PRAGMA synchronous = {SYNCHRONOUS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        mode = conn.get_execution_options().get(_BEGIN_MODE, "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """Hands out units of work: one transaction per operation, committed or rolled back.

    Failures of the disk or the file become one clear ``StorageError`` here
    (``failures.py``). A database found damaged — by a failed read, or by SQLite's
    ``quick_check``, which runs before the first write unless the file is ``verified``
    already (``identity.FileStamp``) — is never written to again: from then on every
    write is refused, and reads go on for as long as they can.
    """

    def __init__(
        self, engine: Engine, place: Path | None = None, *, read_only: bool = False
    ) -> None:
        self.engine = engine
        self.place = place or Path(engine.url.database or ".")
        self.read_only = read_only
        self.damage: str | None = None
        self.verified = not self.is_sqlite  # a server checks its own pages
        self._sealed: Connection | None = None  # held open once damage is found
        self._check_lock = threading.Lock()
        self._read = sessionmaker(engine, expire_on_commit=False)
        writer = engine.execution_options(**{_BEGIN_MODE: "IMMEDIATE"})
        self._write = sessionmaker(writer, expire_on_commit=False)
        self.wrote = False

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only unit of work: a consistent snapshot, never committed."""
        with self._translated(), self._read() as session, session.begin():
            yield session
            session.rollback()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A write unit of work holding the write lock from its first statement."""
        self.ensure_writable()
        with self._translated(), self._write() as session, session.begin():
            yield session
        self.wrote = True

    @contextmanager
    def trying(self) -> Iterator[Session]:
        """A write unit of work that is always rolled back: to see what a change would
        do (the deadlines a confirmed reply would give) without making it."""
        self.ensure_writable()
        with self._translated(), self._write() as session, session.begin():
            yield session
            session.rollback()

    def ensure_writable(self) -> None:
        """Refuse, before anything is touched, a write this database must not take."""
        if not self.read_only:
            self.check_once()
        if self.damage is not None:
            raise failures.damaged_error(self.place, self.damage)
        if self.read_only:
            raise failures.read_only_error(self.place)

    def check_once(self) -> list[str]:
        """SQLite's page check unless the file is known sound or damaged already; the
        damage known (empty when sound). Safe from any thread: it reads through a
        connection of its own, and a second caller waits for the first one's outcome
        instead of checking again (a write waits for it too)."""
        if not self.verified and self.damage is None:
            with self._check_lock:
                if not self.verified and self.damage is None:
                    self.note_check(self.quick_check())
        return [] if self.damage is None else [self.damage]

    def note_check(self, problems: list[str]) -> None:
        """Take the outcome of a check of the whole file (``quick_check`` or ``check``)."""
        if problems:
            self.found_damage(problems[0])
        elif self.damage is None:
            self.verified = True

    def found_damage(self, what: str) -> None:
        """From now on nothing is written: every write is refused, and the connections
        become read-only ones — SQLite folds the write-ahead log into the file as its
        last writable connection closes, which would write to the damaged file."""
        self.damage = self.damage or what
        self.verified = False
        if self.is_sqlite and not self.read_only and self._sealed is None:
            sealed = make_engine(self.engine.url.render_as_string(False), read_only=True)
            self._sealed = sealed.connect()  # open first, and reading: the old ones are
            with contextlib.suppress(DBAPIError):  # then not the last to close
                self._sealed.exec_driver_sql("SELECT count(*) FROM sqlite_master")
            writable, self.engine = self.engine, sealed
            self._read = sessionmaker(sealed, expire_on_commit=False)
            self._write = self._read
            writable.dispose()

    def quick_check(self) -> list[str]:
        """SQLite's page-by-page check without the slow index-content comparison."""
        try:
            with self.engine.connect() as conn:
                lines = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA quick_check")]
        except DBAPIError as exc:
            if failures.is_damage(exc):
                return [failures.describe(exc)]
            error = self._storage_error(exc)
            if error is None:
                raise
            raise error from exc
        return [first_line(line) for line in lines if line != "ok"]

    @contextmanager
    def _translated(self) -> Iterator[None]:
        try:
            yield
        except (DBAPIError, sqlite3.Error) as exc:
            error = self._storage_error(exc)
            if error is None:
                raise
            raise error from exc

    def _storage_error(self, exc: BaseException) -> StorageError | None:
        if failures.is_damage(exc):
            self.found_damage(f"SQLite found damage ({failures.describe(exc)})")
        return failures.storage_error(exc, self.place)

    def dispose(self) -> None:
        if self._sealed is not None:
            self._sealed.close()
        self.engine.dispose()


# --- migrations -------------------------------------------------------------------


#: The newest schema revision this foidesk ships. Opening a database already at
#: it skips loading Alembic, which keeps start-up quick; a test keeps it equal
#: to the head of ``migrations/versions``.
SCHEMA_HEAD = "0012"


def first_line(text: str, limit: int = 160) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


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
            _(
                "this database was written by a newer foidesk (schema {current}); install the"
                " newer version to open it — the file was not changed"
            ).format(current=current)
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
    privacy.make_dir(profile.safety_dir)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = profile.safety_dir / f"{source.stem}-{stamp}-before-upgrade-from-{revision}.sqlite3"
    copy_sqlite(source, target)
    return target


def source_uri(source: Path) -> str:
    """A read-only URI for copying ``source``: immutable where its folder cannot take the
    ``-shm`` file a WAL reader needs (a profile on a read-only disk)."""
    uri = f"file:{quote(str(source))}?mode=ro"
    shm = source.with_name(source.name + "-shm")
    if not os.access(source.parent, os.W_OK) and not shm.exists():
        uri += "&immutable=1"
    return uri


def copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy of a live SQLite database, written under a temporary name first.

    The copy is created private before SQLite opens it (SQLite would make it 0644 minus
    the umask); its journal takes the same mode.
    """
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)  # left by a copy that was cut short
    privacy.new_file(partial).close()
    src = sqlite3.connect(source_uri(source), uri=True)
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
