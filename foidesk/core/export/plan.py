"""What goes into a request's evidence bundle, read from the database in one go.

The bundle is written off the database thread (the window runs it in the long-work
lane), so everything it needs from the database is read first, in one reading session,
into a frozen ``BundlePlan``: the thread, the deadlines the deadline engine gives
(the same ones ``foidesk request show`` prints), where each original email is stored,
and the addresses that are the user's own (for redaction). After that only the
attachment store is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.utils import getaddresses

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from foidesk.core.accounts.tables import MailAccount
from foidesk.core.deadlines import Deadline, request_deadlines
from foidesk.core.deadlines import request_clocks as clocks
from foidesk.core.operations.base import live_request
from foidesk.core.records import RequestDetail
from foidesk.core.storage import row_records as convert
from foidesk.core.storage.tables import Blob, Message
from foidesk.core.vocabulary import Direction


@dataclass(frozen=True)
class Original:
    """An original email as stored: its content hash, size and format (``eml``, ``msg``)."""

    sha256: str
    size: int
    format: str


@dataclass(frozen=True)
class BundlePlan:
    detail: RequestDetail
    deadlines: tuple[Deadline, ...]
    authority_email: str | None
    originals: dict[int, Original]  # by message id
    own_addresses: tuple[str, ...]  # the user's addresses and names (see _own_addresses)
    made_at: datetime


def read_plan(session: Session, request_id: int, today: date, now: datetime) -> BundlePlan:
    """Everything the bundle of ``request_id`` shows, as the database holds it now."""
    row = live_request(session, request_id)
    thread = session.scalars(
        select(Message)
        .where(Message.request_id == request_id, Message.deleted_at.is_(None))
        .options(selectinload(Message.attachments))
        .order_by(Message.sort_at, Message.id)
    ).all()
    detail = convert.request_detail(row, list(thread))
    found = clocks.request_clocks(session, [request_id])
    deadlines = request_deadlines(found[0].clock, today) if found else ()
    return BundlePlan(
        detail=detail,
        deadlines=deadlines,
        authority_email=row.authority.email,
        originals=_originals(session, [m.id for m in thread]),
        own_addresses=_own_addresses(session, detail),
        made_at=now,
    )


def _originals(session: Session, message_ids: list[int]) -> dict[int, Original]:
    if not message_ids:
        return {}
    rows = session.execute(
        select(Message.id, Message.raw_sha256, Blob.size, Message.raw_format)
        .join(Blob, Blob.sha256 == Message.raw_sha256)
        .where(Message.id.in_(message_ids))
    )
    return {mid: Original(sha, size, fmt or "eml") for mid, sha, size, fmt in rows if sha}


def _own_addresses(session: Session, detail: RequestDetail) -> tuple[str, ...]:
    """The user's own email addresses and the names they carry: those of their mail
    accounts, the From of what they sent, and the To of what the authority sent them
    (addresses at the authority's own domain are the authority's, not theirs)."""
    accounts = session.execute(select(MailAccount.email, MailAccount.display_name)).all()
    found = {value.strip() for row in accounts for value in row if value and value.strip()}
    headers = [m.from_addr for m in detail.messages if m.direction == Direction.OUTGOING.value]
    headers += [a for m in detail.messages if m.direction != Direction.OUTGOING.value for a in m.to]
    authority_domains = _domains(
        [m.from_addr for m in detail.messages if m.direction != Direction.OUTGOING.value]
    )
    for name, address in getaddresses([h for h in headers if h]):
        if "@" not in address or _domain(address) in authority_domains:
            continue
        found.add(address)
        if len(name.strip()) > 1:
            found.add(name.strip())
    return tuple(sorted(found, key=str.lower))


def _domains(headers: list[str]) -> set[str]:
    return {_domain(address) for _name, address in getaddresses(headers) if "@" in address}


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()
