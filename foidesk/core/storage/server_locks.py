"""Advisory locks that stand in, on a database server, for SQLite's write lock.

Under SQLite a write unit holds the database's write lock from its first statement,
and the store's crash recovery runs inside one: no live writer can be half-way
through staging files then, so every staged file and journal found is a dead
writer's. PostgreSQL runs writers side by side, so each writer of a store holds a
shared, transaction-scoped advisory lock on that store, and recovery sweeps
everything only if it gets the same lock exclusively (``pg_try_advisory_xact_lock``):
then no writer of that store is live in any process. Otherwise it leaves the live
writers' files alone. The dialect-specific SQL of the store's locking is here only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

#: The advisory-lock space of stores (the first of the two keys), apart from other locks.
STORE_LOCKS = 0x464F4902


def _on_server(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def lock_row(session: Session, row: Any) -> None:
    """Wait for other members' open writes to ``row`` to end, and read it as they left
    it: the write that follows is then made on the current version, so SQLAlchemy's
    version check cannot find it stale. For writes that carry no version the user was
    shown (a message added to a thread moves its request's activity): two members
    adding replies at once both succeed, one after the other. SQLite has only one
    writer at a time already."""
    if _on_server(session):
        session.refresh(row, with_for_update=True)


def hold_store_shared(session: Session, store_key: str) -> None:
    """A writer of the store: held until its transaction ends (nothing on SQLite)."""
    if _on_server(session):
        session.execute(
            text("SELECT pg_advisory_xact_lock_shared(:space, hashtext(:key))"),
            {"space": STORE_LOCKS, "key": store_key},
        )


def store_is_idle(session: Session, store_key: str) -> bool:
    """Whether no other writer of the store is live, taking the store for this
    transaction if so. On SQLite the transaction's write lock already says so."""
    if not _on_server(session):
        return True
    taken = session.execute(
        text("SELECT pg_try_advisory_xact_lock(:space, hashtext(:key))"),
        {"space": STORE_LOCKS, "key": store_key},
    ).scalar()
    return bool(taken)
