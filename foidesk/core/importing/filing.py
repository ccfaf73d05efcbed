"""Which request an imported message belongs to, and what kind of message it is.

The rules run in a fixed order and the first that decides wins; each says in
words why it matched, and that sentence is kept with the message:

1. it replies to (In-Reply-To / References) a message already in a thread;
2. its subject names a request's reference number or its title;
3. its sender (or, for mail you sent, its recipient) belongs to an authority
   that has exactly one open request;
4. otherwise it goes to the Unfiled tray for the user to place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.importing import reasons
from foidesk.core.mail.model import ParsedMessage
from foidesk.core.phrases import Phrase
from foidesk.core.storage.tables import Authority, Message, Request
from foidesk.core.vocabulary import OPEN_STATUSES, Direction, MessageKind

MIN_REFERENCE_LENGTH = 4
MIN_TITLE_LENGTH = 8
_SUBJECT_PREFIX = re.compile(
    r"^\s*((re|fw|fwd|aw|wg|sv|vs|tr)\s*(\[\d+\])?\s*:\s*|\[[^\]]*\]\s*)+", re.IGNORECASE
)

#: What the user's own review request says, under each law: FOI internal review, the
#: German Widerspruch, the EU confirmatory application, the US administrative appeal.
REVIEW_WORDING = (
    "internal review",
    "widerspruch",
    "confirmatory application",
    "foia appeal",
    "administrative appeal",
)


@dataclass(frozen=True)
class Filing:
    """Where a message goes and why; ``request_id`` None means the Unfiled tray."""

    request_id: int | None
    reason: str


@dataclass(frozen=True)
class KnownAuthority:
    id: int
    name: str


class AddressBook:
    """Every authority's FOI address, read once for a whole import: filing and the
    direction guess ask about each message's sender and recipients."""

    def __init__(self, addresses: Iterable[tuple[int, str, str]]) -> None:
        self._exact: dict[str, list[KnownAuthority]] = defaultdict(list)
        self._domain: dict[str, list[KnownAuthority]] = defaultdict(list)
        for authority_id, name, email in addresses:
            known = KnownAuthority(authority_id, name)
            address = email.lower()
            self._exact[address].append(known)
            self._domain[address.rpartition("@")[2]].append(known)

    @classmethod
    def read(cls, session: Session) -> AddressBook:
        rows = session.execute(
            select(Authority.id, Authority.name, Authority.email).where(
                Authority.email.is_not(None)
            )
        )
        return cls((row.id, row.name, row.email) for row in rows)

    def authorities(self, address: str) -> list[KnownAuthority]:
        """Authorities whose FOI address is ``address``, else those sharing its domain."""
        address = address.lower()
        exact = self._exact.get(address)
        if exact:
            return exact
        domain = address.rpartition("@")[2]
        return self._domain.get(domain, []) if domain else []


class RequestNames:
    """Live requests' references and titles, read once for a whole import. Matching a
    subject against 10,000 of them here takes under a millisecond; asking SQL to scan
    the table twice for each message took about 7 ms."""

    def __init__(self, requests: Iterable[tuple[int, str | None, str]]) -> None:
        self._references: list[tuple[int, str, str]] = []
        self._titles: list[tuple[int, str, str]] = []
        for request_id, reference, title in requests:
            if reference and len(reference) >= MIN_REFERENCE_LENGTH:
                self._references.append((request_id, reference.lower(), reference))
            if len(title) >= MIN_TITLE_LENGTH:
                self._titles.append((request_id, title.lower(), title))

    @classmethod
    def read(cls, session: Session) -> RequestNames:
        rows = session.execute(
            select(Request.id, Request.reference, Request.title).where(Request.deleted_at.is_(None))
        )
        return cls((row.id, row.reference, row.title) for row in rows)

    def match(self, subject: str) -> Filing | None:
        """The request whose reference, else whose title, the subject names."""
        text = clean_subject(subject).lower()
        if not text:
            return None
        found = _single_best((rid, shown) for rid, low, shown in self._references if low in text)
        if found is not None:
            return Filing(found[0], Phrase(reasons.SUBJECT_NAMES_REFERENCE, reference=found[1]))
        found = _single_best((rid, shown) for rid, low, shown in self._titles if low in text)
        if found is not None:
            return Filing(found[0], Phrase(reasons.SUBJECT_NAMES_TITLE, title=found[1]))
        return None


@dataclass(frozen=True)
class FilingIndex:
    """What filing compares each message with, read once for a whole import (a request
    or authority added meanwhile counts from the next import)."""

    addresses: AddressBook
    requests: RequestNames

    @classmethod
    def read(cls, session: Session) -> FilingIndex:
        return cls(AddressBook.read(session), RequestNames.read(session))


def file_message(session: Session, parsed: ParsedMessage, index: FilingIndex) -> Filing:
    """Apply the rules in order; the first that decides wins."""
    return (
        _by_reply(session, parsed)
        or index.requests.match(parsed.subject)
        or _by_correspondent(session, parsed, index.addresses)
        or Filing(None, Phrase(reasons.UNMATCHED))
    )


def _by_reply(session: Session, parsed: ParsedMessage) -> Filing | None:
    wanted = [m for m in (parsed.in_reply_to, *reversed(parsed.references)) if m]
    if not wanted:
        return None
    rows = list(
        session.execute(
            select(Message.message_id, Message.request_id, Message.direction)
            .join(Request, Request.id == Message.request_id)
            .where(
                Message.message_id.in_(wanted),
                Message.deleted_at.is_(None),
                Request.deleted_at.is_(None),
            )
        ).all()
    )
    if not rows:
        return None
    order = {message_id: rank for rank, message_id in enumerate(wanted)}
    rows.sort(key=lambda r: (r.direction != Direction.OUTGOING, order.get(r.message_id, 99)))
    best = rows[0]
    code = (
        reasons.REPLIES_TO_YOURS if best.direction == Direction.OUTGOING else reasons.REPLIES_TO_ONE
    )
    return Filing(best.request_id, Phrase(code, message_id=best.message_id))


def _single_best(rows: Iterable[tuple[int, str | None]]) -> tuple[int, str] | None:
    """The match with the longest text, unless two requests tie for it."""
    ranked = sorted(((len(text or ""), rid, text or "") for rid, text in rows), reverse=True)
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0] and ranked[1][1] != ranked[0][1]:
        return None
    return ranked[0][1], ranked[0][2]


def _by_correspondent(session: Session, parsed: ParsedMessage, book: AddressBook) -> Filing | None:
    for address, role in _correspondents(parsed):
        authorities = book.authorities(address)
        if not authorities:
            continue
        open_requests = session.scalars(
            select(Request.id).where(
                Request.authority_id.in_([a.id for a in authorities]),
                Request.status.in_([s.value for s in OPEN_STATUSES]),
                Request.deleted_at.is_(None),
            )
        ).all()
        names = " / ".join(a.name for a in authorities)
        if len(open_requests) == 1:
            return Filing(open_requests[0], Phrase(role, address=address, authority=names))
    return None


def _correspondents(parsed: ParsedMessage) -> list[tuple[str, str]]:
    pairs = [(parsed.from_email, reasons.SENDER_OF_AUTHORITY)] if parsed.from_email else []
    pairs += [(address, reasons.RECIPIENT_OF_AUTHORITY) for address in parsed.to_emails]
    return [(address, role) for address, role in pairs if address]


def guess_direction(book: AddressBook, parsed: ParsedMessage, own_addresses: frozenset[str]) -> str:
    """Mail from one of the user's own addresses, or to an authority, was sent by the user."""
    sender = (parsed.from_email or "").lower()
    if sender in own_addresses:
        return Direction.OUTGOING.value
    if sender and book.authorities(sender):
        return Direction.INCOMING.value
    if any(book.authorities(a) for a in parsed.to_emails):
        return Direction.OUTGOING.value
    return Direction.INCOMING.value


def guess_kind(parsed: ParsedMessage, direction: str) -> str:
    """Mail the user sent: a review request or a follow-up. An authority's reply stays
    an unconfirmed ``reply``, which moves no clock and no status: ``core/replies``
    proposes what it is and the user confirms."""
    text = f"{parsed.subject}\n{parsed.body_text[:4000]}".lower()
    if direction == Direction.OUTGOING:
        if any(w in text for w in REVIEW_WORDING):
            return MessageKind.INTERNAL_REVIEW_REQUEST.value
        return MessageKind.FOLLOW_UP.value
    return MessageKind.REPLY.value


def clean_subject(subject: str) -> str:
    """The subject without reply/forward prefixes and bracketed tags."""
    return _SUBJECT_PREFIX.sub("", subject).strip()
