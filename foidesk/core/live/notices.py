"""Sending a unit of work's change to the other members, inside its transaction.

``pg_notify`` queues the notice in the transaction that calls it: PostgreSQL delivers it
to the listeners when that transaction commits, and drops it when it rolls back. So
the notice can never announce a change nobody can read yet, nor one that never was.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from foidesk.core.changes import Changes
from foidesk.core.live.wire import encode

#: The one channel every foidesk on a database sends on and listens to.
CHANNEL = "foidesk_changes"


def announce(session: Session, changes: Changes, sender: str, member: str) -> None:
    """Queue ``changes`` as a notice of ``session``'s transaction (PostgreSQL only)."""
    if changes.empty:
        return
    session.execute(select(func.pg_notify(CHANNEL, encode(changes, sender, member))))
