"""Which mails on the server belong to foidesk, decided from a few headers alone.

The user's mailbox is private. A mail is downloaded only when its headers show it
belongs to a request: it replies to a message foidesk holds (In-Reply-To or
References names a stored Message-ID), it comes from an authority's address (or
another address at the authority's own domain — never a shared provider's such as
gmail.com), or its subject names a request's reference. Everything else is left on
the server, unread beyond these headers and stored nowhere.
"""

from __future__ import annotations

import email.header
import email.utils
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import compat32

from sqlalchemy import select
from sqlalchemy.orm import Session

from foidesk.core.importing.filing import MIN_REFERENCE_LENGTH
from foidesk.core.mail.msgids import all_ids, first_id
from foidesk.core.storage.tables import Authority, Message, Request

#: The headers asked for, and nothing else of a mail that may be private.
FIELDS = ("FROM", "SUBJECT", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES")
HEADER_ITEM = f"BODY.PEEK[HEADER.FIELDS ({' '.join(FIELDS)})]"
#: Providers whose domain many unrelated people share: only the exact address counts.
SHARED_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "proton.me",
        "protonmail.com",
        "fastmail.com",
        "mail.com",
    }
)


@dataclass(frozen=True)
class Headers:
    """The few headers a decision is made from."""

    sender: str
    subject: str
    message_id: str | None
    replies_to: tuple[str, ...]

    @classmethod
    def parse(cls, data: bytes) -> Headers:
        parsed = BytesHeaderParser(policy=compat32).parsebytes(data)
        senders = email.utils.getaddresses([str(v) for v in parsed.get_all("From", [])])
        sender = next((address for _name, address in senders if "@" in address), "")
        replies = [
            *all_ids(_text(parsed.get("References"))),
            first_id(_text(parsed.get("In-Reply-To"))),
        ]
        return cls(
            sender=sender.strip().lower(),
            subject=_decoded(_text(parsed.get("Subject"))),
            message_id=first_id(_text(parsed.get("Message-ID"))),
            replies_to=tuple(r for r in replies if r),
        )


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _decoded(value: str | None) -> str:
    if not value:
        return ""
    try:
        return str(email.header.make_header(email.header.decode_header(value)))
    except (LookupError, ValueError, UnicodeError):
        return value


@dataclass
class Interest:
    """What makes a mail foidesk's, read once per fetch; a mail filed during the fetch
    adds its Message-ID, so a reply to it later in the same mailbox is taken too."""

    message_ids: set[str] = field(default_factory=set)
    addresses: frozenset[str] = frozenset()
    domains: frozenset[str] = frozenset()
    references: tuple[tuple[str, str], ...] = ()

    @classmethod
    def read(cls, session: Session) -> Interest:
        ids = session.scalars(
            select(Message.message_id).where(
                Message.message_id.is_not(None), Message.deleted_at.is_(None)
            )
        )
        emails = [
            e.strip().lower()
            for e in session.scalars(select(Authority.email).where(Authority.email.is_not(None)))
            if e and "@" in e
        ]
        domains = {e.rpartition("@")[2] for e in emails} - SHARED_DOMAINS
        refs = session.scalars(
            select(Request.reference).where(
                Request.reference.is_not(None), Request.deleted_at.is_(None)
            )
        )
        references = tuple(
            (r.strip().lower(), r.strip())
            for r in refs
            if r and len(r.strip()) >= MIN_REFERENCE_LENGTH
        )
        return cls({i for i in ids if i}, frozenset(emails), frozenset(domains), references)

    def reason(self, headers: Headers) -> str | None:
        """Why the mail is foidesk's, or None when it is not."""
        for replied in headers.replies_to:
            if replied in self.message_ids:
                return f"replies to <{replied}>"
        sender = headers.sender
        if sender in self.addresses:
            return f"from the authority address {sender}"
        if sender and sender.rpartition("@")[2] in self.domains:
            return f"from {sender}, at an authority's domain"
        subject = headers.subject.lower()
        for low, shown in self.references:
            if low in subject:
                return f"the subject names the reference {shown}"
        return None

    def remember(self, message_id: str | None) -> None:
        if message_id:
            self.message_ids.add(message_id)
