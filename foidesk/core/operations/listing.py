"""The request list's queries: which ids match, and the rows to show.

The list holds only ids (10,000 requests scroll without loading 10,000 rows)
and asks for the rows it is about to paint, in batches. Filtering and sorting
by stored columns happen in SQL; the deadline-based filters and the deadline
sort use the per-request next deadlines, which the caller computes once
(``Desk.next_deadlines``) and reuses until something changes.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import replace

from sqlalchemy import ColumnElement, Select, and_, func, select
from sqlalchemy.orm import Session, selectinload

from foidesk.core.deadlines import Deadline, DeadlineState
from foidesk.core.operations.base import DeskBase
from foidesk.core.operations.letters import needing_action
from foidesk.core.records import (
    COMPLETE_STATUSES,
    REQUESTER_DEADLINES,
    FilterChoices,
    ListQuery,
    NextDeadlines,
    RequestRow,
    SortKey,
    StatusGroup,
)
from foidesk.core.storage.tables import (
    Authority,
    Message,
    ReplyProposal,
    Request,
    Tag,
    request_tag,
)
from foidesk.core.vocabulary import OPEN_STATUSES, RequestStatus


class ListOperations(DeskBase):
    def list_ids(self, query: ListQuery, deadlines: NextDeadlines) -> list[int]:
        """The ids of live requests matching ``query``, in the order asked for."""
        statement = _filtered(query)
        in_python = query.sort in (SortKey.STATUS, SortKey.NEXT_DEADLINE)
        if not in_python:
            ordering = _sql_order(query.sort)
            direction = ordering.desc() if query.descending else ordering.asc()
            tiebreak = Request.id.desc() if query.descending else Request.id.asc()
            statement = statement.order_by(direction, tiebreak)
        with self.db.reading() as session:
            rows = session.execute(statement).all()
            acting = (
                needing_action(session, [r for r, _ in rows], self.today())
                if query.group is StatusGroup.NEEDS_ACTION
                else set()
            )
        pairs = [
            (r, s) for r, s in rows if _in_group(query.group, s, deadlines.get(r), r in acting)
        ]
        return _sorted_in_python(pairs, query, deadlines) if in_python else [r for r, _ in pairs]

    def list_rows(self, ids: Sequence[int], deadlines: NextDeadlines) -> dict[int, RequestRow]:
        """The rows for a batch of ids (those the view is about to paint)."""
        if not ids:
            return {}
        with self.db.reading() as session:
            found = session.scalars(
                select(Request)
                .where(Request.id.in_(list(ids)))
                .options(selectinload(Request.authority), selectinload(Request.tags))
            ).all()
            waiting = unconfirmed_replies(session, ids)
            return {
                r.id: replace(
                    _row(r, deadlines.get(r.id)), unconfirmed_replies=waiting.get(r.id, 0)
                )
                for r in found
            }

    def live_count(self) -> int:
        """How many requests are not in the trash (for "12 of 340 shown")."""
        with self.db.reading() as session:
            return (
                session.scalar(select(func.count(Request.id)).where(Request.deleted_at.is_(None)))
                or 0
            )

    def live_ids(self) -> list[int]:
        """Every request not in the trash, for work done a slice at a time."""
        with self.db.reading() as session:
            return list(session.scalars(select(Request.id).where(Request.deleted_at.is_(None))))

    def filter_choices(self) -> FilterChoices:
        live = Request.deleted_at.is_(None)
        with self.db.reading() as session:
            authorities = session.execute(
                select(Authority.id, Authority.name)
                .where(Authority.id.in_(select(Request.authority_id).where(live)))
                .order_by(func.lower(Authority.name))
            ).all()
            tags = session.scalars(
                select(Tag.name)
                .where(Tag.id.in_(select(request_tag.c.tag_id)))
                .order_by(func.lower(Tag.name))
            ).all()
            regimes = session.scalars(
                select(Request.regime).where(live).distinct().order_by(Request.regime)
            ).all()
        return FilterChoices(tuple((i, n) for i, n in authorities), tuple(tags), tuple(regimes))


# --- helpers -------------------------------------------------------------------------


def _filtered(query: ListQuery) -> Select[int, str]:
    """Live requests passing every filter SQL can apply: (id, status) pairs."""
    statement = (
        select(Request.id, Request.status)
        .join(Authority, Request.authority_id == Authority.id)
        .where(Request.deleted_at.is_(None))
    )
    statuses = _group_statuses(query.group)
    if statuses is not None:
        statement = statement.where(Request.status.in_(sorted(s.value for s in statuses)))
    if query.authority_id is not None:
        statement = statement.where(Request.authority_id == query.authority_id)
    if query.regime:
        statement = statement.where(Request.regime == query.regime)
    if query.tag:
        tagged = select(request_tag.c.request_id).join(Tag, Tag.id == request_tag.c.tag_id)
        statement = statement.where(Request.id.in_(tagged.where(Tag.name == query.tag)))
    words = query.text.split()
    if words:
        statement = statement.where(and_(*(_matches(word) for word in words)))
    return statement


#: What the quick filter looks in, as one text: one lower() per row, not four.
_FILTERED_TEXT = func.lower(
    Request.title
    + " "
    + Authority.name
    + " "
    + func.coalesce(Authority.short_name, "")
    + " "
    + func.coalesce(Request.reference, "")
)


def _matches(word: str) -> ColumnElement[bool]:
    """One word of the quick filter: found in the title, authority or reference."""
    return _FILTERED_TEXT.contains(word.lower(), autoescape=True)


def _group_statuses(group: StatusGroup) -> Collection[RequestStatus] | None:
    """Statuses a group can contain at all (narrowed further by deadlines after the query)."""
    if group is StatusGroup.AWAITING:
        return OPEN_STATUSES
    if group is StatusGroup.OVERDUE:
        return OPEN_STATUSES
    if group is StatusGroup.COMPLETE:
        return COMPLETE_STATUSES
    return None


def _in_group(group: StatusGroup, status: str, deadline: Deadline | None, acting: bool) -> bool:
    """The part of a group that depends on deadlines, which SQL cannot see. *Needs action*
    is the next steps' own rule (``next_steps/urgency.py``), worked out from each
    request's whole plan, so the list shows exactly the requests whose Next steps panel
    has a step due."""
    if group is StatusGroup.OVERDUE:
        return (
            deadline is not None
            and deadline.state is DeadlineState.OVERDUE
            and deadline.kind not in REQUESTER_DEADLINES
        )
    if group is StatusGroup.NEEDS_ACTION:
        return acting
    return True


def _sql_order(sort: SortKey) -> ColumnElement[object]:
    if sort is SortKey.TITLE:
        return func.lower(Request.title)
    if sort is SortKey.AUTHORITY:
        return func.lower(Authority.name)
    return Request.last_activity_at  # type: ignore[return-value]


def _sorted_in_python(
    pairs: list[tuple[int, str]], query: ListQuery, deadlines: NextDeadlines
) -> list[int]:
    if query.sort is SortKey.STATUS:
        labelled = [(RequestStatus(status).label.lower(), rid) for rid, status in pairs]
        labelled.sort(reverse=query.descending)
        return [rid for _, rid in labelled]
    # Requests without an open deadline go last whichever way the column is sorted.
    dated = [(deadlines[rid].due, rid) for rid, _ in pairs if rid in deadlines]
    undated = sorted((rid for rid, _ in pairs if rid not in deadlines), reverse=True)
    dated.sort(reverse=query.descending)
    return [rid for _, rid in dated] + undated


def unconfirmed_replies(session: Session, ids: Sequence[int]) -> dict[int, int]:
    """Per request, the replies whose proposal waits for the user: one query a batch."""
    rows = session.execute(
        select(Message.request_id, func.count())
        .join(ReplyProposal, ReplyProposal.message_id == Message.id)
        .where(
            Message.request_id.in_(list(ids)),
            Message.deleted_at.is_(None),
            ReplyProposal.decided_at.is_(None),
        )
        .group_by(Message.request_id)
    ).all()
    return {request_id: count for request_id, count in rows if request_id is not None}


def _row(row: Request, deadline: Deadline | None) -> RequestRow:
    return RequestRow(
        id=row.id,
        title=row.title,
        authority=row.authority.name,
        status=row.status,
        regime=row.regime,
        reference=row.reference,
        tags=tuple(sorted(t.name for t in row.tags)),
        sent_on=row.sent_on,
        last_activity_at=row.last_activity_at,
        next_deadline=deadline,
    )
