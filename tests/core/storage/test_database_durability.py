"""Every commit is synced to the disk: ``PRAGMA synchronous = FULL`` on every connection.

In WAL mode ``NORMAL`` would sync the log only at checkpoints, and a power cut could
take back an edit the user saw saved (benchmarks/README.md, "Durability").
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.storage import database as db

#: SQLite's per-connection settings (synchronous, WAL) on its own file.
pytestmark = pytest.mark.sqlite_only

FULL, NORMAL = 2, 1  # what ``PRAGMA synchronous`` reads back


def test_foidesk_syncs_every_commit() -> None:
    assert db.SYNCHRONOUS == "FULL"


def test_a_write_unit_of_work_runs_with_full_sync(desk: Desk) -> None:
    with desk.db.writing() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == FULL
        assert session.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_every_pooled_connection_has_it(desk: Desk) -> None:
    with desk.db.engine.connect() as first, desk.db.engine.connect() as second:
        assert first.exec_driver_sql("PRAGMA synchronous").scalar() == FULL
        assert second.exec_driver_sql("PRAGMA synchronous").scalar() == FULL


def test_the_setting_is_read_when_a_connection_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The benchmarks compare settings by switching the constant before opening a Desk."""
    monkeypatch.setattr(db, "SYNCHRONOUS", "NORMAL")
    with Desk.open(resolve_profile(tmp_path / "profile")) as desk, desk.db.reading() as session:
        assert session.execute(text("PRAGMA synchronous")).scalar() == NORMAL
