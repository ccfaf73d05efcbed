"""Schema migrations: upgrade keeps data, a newer database is refused untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from foidesk.core.desk import Desk
from foidesk.core.errors import DatabaseTooNewError
from foidesk.core.profile import Profile
from foidesk.core.storage import database as db
from foidesk.core.storage.tables import Base


def _open_at(profile: Profile, revision: str) -> None:
    profile.data_dir.mkdir(parents=True, exist_ok=True)
    engine = db.make_engine(profile.database_url)
    try:
        db.upgrade(profile, engine, target=revision)
    finally:
        engine.dispose()


def test_new_profile_is_created_at_head(desk: Desk) -> None:
    assert db.current_revision(desk.db.engine) == db.head_revision()


def test_the_quick_start_up_check_knows_the_newest_migration() -> None:
    assert db.head_revision() == db.SCHEMA_HEAD


def test_models_and_migrations_agree(desk: Desk) -> None:
    import foidesk.core.accounts.tables
    import foidesk.core.search.tables  # noqa: F401  (registers attachment_text on Base)
    from foidesk.core.search.fts5_schema import is_index_table
    from foidesk.core.search.pg_schema import SEARCH_TABLES
    from foidesk.core.storage.team_store import stored_chunk, stored_file

    unmapped = {*SEARCH_TABLES, stored_file.name, stored_chunk.name}

    def mapped(name: str | None, type_: str, parent_names: object) -> bool:
        """The search indexes (FTS5's virtual and shadow tables, PostgreSQL's tsvector
        tables) and a team database's file store have no ORM class, by design."""
        if type_ != "table" or name is None:
            return True
        return not (is_index_table(name) or name in unmapped)

    with desk.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": mapped})
        diff = compare_metadata(context, Base.metadata)
    assert "attachment_text" in Base.metadata.tables
    assert diff == []


@pytest.mark.sqlite_only  # writes rows into the SQLite file and checks its safety copy
def test_upgrade_from_first_revision_keeps_data(profile: Profile) -> None:
    _open_at(profile, "0001")
    path = profile.sqlite_path
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO authority (id, name, default_regime, is_school, notes, created_at) "
            "VALUES (1, 'Home Office', 'uk-foia', 0, '', '2024-01-01 00:00:00')"
        )
        conn.execute(
            "INSERT INTO request (id, title, authority_id, regime, body, status, notes, "
            "created_at, updated_at, last_activity_at, sent_on) VALUES (7, 'Visa data', 1, "
            "'uk-foia', 'Please send', 'waiting_response', '', '2024-01-01 00:00:00', "
            "'2024-01-01 00:00:00', '2024-01-01 00:00:00', '2024-01-02')"
        )
    conn.close()

    with Desk.open(profile) as desk:
        assert db.current_revision(desk.db.engine) == db.head_revision()
        detail = desk.get_request(7)
        assert detail.summary.title == "Visa data"
        assert detail.summary.authority == "Home Office"
        assert str(detail.summary.sent_on) == "2024-01-02"
    copies = list(profile.safety_dir.glob("*before-upgrade-from-0001*"))
    assert len(copies) == 1
    with sqlite3.connect(copies[0]) as copy:
        assert copy.execute("SELECT title FROM request").fetchall() == [("Visa data",)]
    copy.close()


@pytest.mark.sqlite_only  # compares the SQLite file's bytes
def test_database_from_a_newer_foidesk_is_refused_and_untouched(profile: Profile) -> None:
    Desk.open(profile).close()
    path = profile.sqlite_path
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    before = path.read_bytes()

    with pytest.raises(DatabaseTooNewError, match="newer foidesk"):
        Desk.open(profile)

    assert path.read_bytes() == before
    assert not profile.safety_dir.exists() or not any(profile.safety_dir.iterdir())


@pytest.mark.sqlite_only  # SQLite's pragmas
def test_sqlite_connections_are_tuned(desk: Desk) -> None:
    with desk.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == db.BUSY_TIMEOUT_MS


def test_safety_copy_is_whole_even_while_open(tmp_path: Path) -> None:
    source = tmp_path / "live.sqlite3"
    conn = sqlite3.connect(source)
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t VALUES (?)", [(i,) for i in range(1000)])
    conn.commit()
    conn.execute("INSERT INTO t VALUES ('uncommitted')")  # a writer mid-transaction
    target = tmp_path / "copy.sqlite3"
    db.copy_sqlite(source, target)
    conn.close()
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM t").fetchone() == (1000,)
    copy.close()
    assert not (tmp_path / "copy.sqlite3.part").exists()
