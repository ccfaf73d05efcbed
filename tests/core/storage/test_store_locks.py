"""On PostgreSQL, the store's crash recovery sweeps only when no writer of the store is
live, as SQLite's write lock guarantees by itself (advisory locks on a real server)."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.storage import server_locks
from foidesk.core.storage.file_writes import recover


def _left_staged(desk: Desk) -> Path:
    desk.store.create_dirs()
    part = desk.store.staging / "left-by-a-writer.part"
    part.write_bytes(b"half a file")
    return part


def test_a_live_writer_keeps_its_staged_file_and_a_dead_ones_is_swept(
    tmp_path: Path, postgres_url: str
) -> None:
    with Desk.open(resolve_profile(tmp_path / "profile", postgres_url)) as desk:
        part = _left_staged(desk)
        other = sa.create_engine(postgres_url)
        with Session(other) as writer, writer.begin():  # another process's live writer
            server_locks.hold_store_shared(writer, str(desk.store.root))
            with desk.db.writing() as session:
                assert recover(session, desk.store) == []
            assert part.exists()
        other.dispose()
        with desk.db.writing() as session:  # the writer has ended: nothing is live
            done = recover(session, desk.store)
        assert not part.exists()
        assert done == ["removed 1 staged file left by a write that was cut short"]


def test_writers_share_the_store_and_recovery_waits_for_them_all(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    with Session(engine) as one, one.begin(), Session(engine) as two, two.begin():
        server_locks.hold_store_shared(one, "a store")
        server_locks.hold_store_shared(two, "a store")  # shared: both write at once
        with Session(engine) as recovery, recovery.begin():
            assert not server_locks.store_is_idle(recovery, "a store")
            assert server_locks.store_is_idle(recovery, "another store")
    with Session(engine) as recovery, recovery.begin():
        assert server_locks.store_is_idle(recovery, "a store")
    engine.dispose()
