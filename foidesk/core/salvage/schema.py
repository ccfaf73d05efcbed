"""The recovered copy's schema made foidesk's again: revision, tables, search index, identity.

``.recover`` rebuilds the tables, indexes, triggers and views it can still read, with
the rows it could place. What it cannot be trusted with is rebuilt here:

- the full-text index is derived from the rows, and its recovered pages may disagree
  with them, so it is dropped first (before any row is changed: its triggers would
  write into it) and rebuilt last;
- ``alembic_version`` lost with its page is read from the schema that was recovered
  (each migration leaves a table or index behind), and a revision this foidesk does
  not know is refused, as opening refuses it;
- tables or indexes whose schema entries were lost are made again, empty, from the
  models (at the newest revision, where the models describe the schema exactly);
- ``profile_identity`` must name the profile the marker beside it names: a lost row is
  written again from the marker, and a database naming another profile is refused.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, insert, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from foidesk.core.accounts import tables as _account_tables  # noqa: F401  (mail_account in Base.metadata)
from foidesk.core.i18n import _
from foidesk.core.phrases import Phrase
from foidesk.core.profile.identity import ProfileMarker, UnreadableMarker
from foidesk.core.salvage import wording
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.search import tables as _search_tables  # noqa: F401  (attachment_text in Base.metadata)
from foidesk.core.search.fts5_schema import (
    ATTACHMENT_VIEW,
    CREATE_V1,
    DROP_V1,
    FTS_TABLES,
    REBUILD,
    SHADOW_SUFFIXES,
    TRIGGERS_V1,
)
from foidesk.core.storage import database as db
from foidesk.core.storage.tables import Base, ProfileIdentity

#: What each migration leaves behind, newest first: the newest one found names the
#: revision when ``alembic_version`` was lost. 0011 (codes in existing columns) and 0014
#: (PostgreSQL's search, nothing on SQLite) leave nothing to recognise: a salvaged
#: database is taken to be at the revision before and upgraded again, which is harmless.
SIGNATURES = (
    ("0013", "column", "request.version"),
    ("0012", "table", "ocr_page"),
    ("0010", "table", "reply_proposal"),
    ("0009", "table", "outbox_letter"),
    ("0008", "table", "mail_account"),
    ("0007", "column", "message.content_sha256"),
    ("0006", "index", "ix_authority_region"),
    ("0005", "table", "profile_identity"),
    ("0004", "index", "ix_request_list"),
    ("0003", "table", "attachment_text"),
    ("0002", "table", "closure_day"),
    ("0001", "table", "request"),
)
#: Without these nothing recovered could be placed: the schema itself was lost.
CORE_TABLES = frozenset({"authority", "request", "message"})


def scratch_engine(path: Path, lost: Path) -> Engine:
    """An engine on the new file while it is being made sound, with the file for rows
    that cannot be placed attached as ``lost``: no WAL (the file must be whole by itself
    when it is renamed), rollback in memory, syncs left to the caller, foreign keys off
    (they are what is being mended), and real transactions around DDL."""
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        dbapi_conn.execute("ATTACH DATABASE ? AS lost", (str(lost),))
        for pragma in ("journal_mode = MEMORY", "synchronous = OFF"):
            dbapi_conn.execute(f"PRAGMA main.{pragma}")
            dbapi_conn.execute(f"PRAGMA lost.{pragma}")
        dbapi_conn.execute("PRAGMA foreign_keys = OFF")

    @event.listens_for(engine, "begin")
    def on_begin(conn: Connection) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def objects(conn: Connection) -> set[tuple[str, str]]:
    """The schema's objects, and the columns of the core tables as ``table.column``
    (a migration that only adds columns is recognised by them)."""
    rows = conn.exec_driver_sql("SELECT type, name FROM main.sqlite_master").all()
    found = {(str(kind), str(name)) for kind, name in rows}
    for table in sorted(CORE_TABLES & {name for kind, name in found if kind == "table"}):
        columns = conn.exec_driver_sql(f"SELECT name FROM pragma_table_info('{table}', 'main')")
        found |= {("column", f"{table}.{name}") for (name,) in columns}
    return found


def require_tables(conn: Connection) -> None:
    present = {name for kind, name in objects(conn) if kind == "table"}
    if not present >= CORE_TABLES:
        raise SalvageError(
            _(
                "SQLite's recovery could not read the database's list of tables, so none of "
                "its rows could be put back in place; nothing was changed — restore a backup"
            )
        )


# --- the search index ------------------------------------------------------------------


def drop_search_index(engine: Engine) -> None:
    """Drop the index and its triggers. A virtual table whose recovered configuration
    cannot be read cannot be dropped the ordinary way; its schema entry is then removed
    directly and its shadow tables dropped as the ordinary tables they are."""
    with engine.begin() as conn:
        for trigger in TRIGGERS_V1:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.exec_driver_sql(f"DROP VIEW IF EXISTS {ATTACHMENT_VIEW}")
    for table in FTS_TABLES:
        try:
            with engine.begin() as conn:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")
        except DBAPIError:
            _unlist(engine, table)
        with engine.begin() as conn:
            for suffix in SHADOW_SUFFIXES:
                conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}{suffix}")


def _unlist(engine: Engine, table: str) -> None:
    with engine.connect() as conn:  # a connection of its own: its schema is stale after
        conn.exec_driver_sql("PRAGMA writable_schema = ON")
        conn.exec_driver_sql("DELETE FROM main.sqlite_master WHERE name = ?", (table,))
        conn.commit()


def rebuild_search_index(engine: Engine) -> None:
    with engine.begin() as conn:
        for statement in (*DROP_V1, *CREATE_V1, *REBUILD):
            conn.exec_driver_sql(statement)


# --- the schema revision ---------------------------------------------------------------


def settle_revision(engine: Engine) -> tuple[str, str | None]:
    """Bring the copy to this foidesk's newest schema; the revision it was recovered at,
    and a note when that had to be read from the schema."""
    with engine.begin() as conn:
        recorded = _recorded_revision(conn)
        found = recorded or _inferred_revision(objects(conn))
        if found is None:
            raise SalvageError(
                _(
                    "the database's schema revision could not be read or told from its "
                    "tables; nothing was changed — restore a backup"
                )
            )
        _check_known(found)
        if recorded is None:
            conn.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
            conn.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
            conn.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (found,))
    if found != db.SCHEMA_HEAD:
        _upgrade(engine)
    _make_missing_tables(engine)
    note = None
    if recorded is None:
        note = Phrase(wording.REVISION_LOST, revision=found)
    return found, note


def _recorded_revision(conn: Connection) -> str | None:
    if ("table", "alembic_version") not in objects(conn):
        return None
    rows = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    return str(rows[0][0]) if len(rows) == 1 else None


def _inferred_revision(present: set[tuple[str, str]]) -> str | None:
    return next((rev for rev, kind, name in SIGNATURES if (kind, name) in present), None)


def _check_known(revision: str) -> None:
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory.from_config(db.alembic_config())
    try:
        known = script.get_revision(revision) is not None
    except CommandError:
        known = False
    if not known:
        raise SalvageError(
            _(
                "the damaged database was written by a newer foidesk (schema {revision}); "
                "salvage it with that version — nothing was changed"
            ).format(revision=revision)
        )


def _upgrade(engine: Engine) -> None:
    from alembic import command

    try:
        with engine.begin() as conn:
            command.upgrade(db.alembic_config(conn), "head")
    except DBAPIError as exc:
        raise SalvageError(
            _(
                "the recovered copy could not be brought up to date ({orig}); nothing was "
                "changed — restore a backup"
            ).format(orig=exc.orig)
        ) from exc


def _make_missing_tables(engine: Engine) -> None:
    """Tables and indexes lost with their schema entries, made again (empty)."""
    with engine.begin() as conn:
        Base.metadata.create_all(conn, checkfirst=True)
        for table in Base.metadata.sorted_tables:
            for index in table.indexes:
                index.create(conn, checkfirst=True)


# --- the profile's identity ------------------------------------------------------------


def settle_identity(
    engine: Engine, marker: ProfileMarker | UnreadableMarker | None
) -> tuple[str, str | None]:
    """The profile id the copy names, and a note when it had to be written again."""
    wanted = marker.profile_id if isinstance(marker, ProfileMarker) else None
    with engine.begin() as conn:
        found = conn.execute(text("SELECT profile_id FROM profile_identity WHERE id = 1")).scalar()
        if found is not None:
            if wanted is not None and str(found) != wanted:
                raise SalvageError(
                    _(
                        "the damaged database belongs to profile {found}, not to profile "
                        "{wanted}, which foidesk-profile.json names; nothing was changed"
                    ).format(found=found, wanted=wanted)
                )
            return str(found), None
        chosen = wanted or str(uuid.uuid4())
        conn.execute(insert(ProfileIdentity).values(id=1, profile_id=chosen))
    if wanted is not None:
        return chosen, Phrase(wording.IDENTITY_REWRITTEN)
    return chosen, Phrase(wording.IDENTITY_NEW, identity=chosen)
