"""Who made each change: the member named on the unit of work's session.

A write unit of work puts its profile's member in ``session.info[MEMBER]``; before
each flush, every request row about to be written and every new status change are
stamped with that name. Done at the flush, so no operation can forget it (an import
moving a request's last activity is a write by that member too).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from foidesk.core.storage.tables import Request, StatusChange

MEMBER = "foidesk_member"


@event.listens_for(Session, "before_flush")
def _stamp_member(session: Session, _context: Any, _instances: Any) -> None:
    member = session.info.get(MEMBER)
    if not member:
        return
    for row in session.new:
        if isinstance(row, Request | StatusChange):
            row.changed_by = member
    for row in session.dirty:
        if isinstance(row, Request) and session.is_modified(row, include_collections=False):
            row.changed_by = member
