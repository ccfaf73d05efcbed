"""The tables mail accounts add: the accounts, and how far each account's folders have
been read (migration 0008); the outbox of letters being sent (migration 0009).

No column holds a password or a token: those live only in the OS keyring, under the
account's ``keyring_key`` (a random id, so an account can be renamed and two profiles
never share an entry). ``auth`` says which kind of secret is kept there — "password"
now; an OAuth2 token later, without moving any account.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, LargeBinary, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from foidesk.core.storage.tables import Base, UTCDateTime, utcnow


class MailAccount(Base):
    __tablename__ = "mail_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    email: Mapped[str] = mapped_column(String(320))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    imap_host: Mapped[str] = mapped_column(String(255))
    imap_port: Mapped[int] = mapped_column(Integer)
    imap_security: Mapped[str] = mapped_column(String(10))
    smtp_host: Mapped[str] = mapped_column(String(255))
    smtp_port: Mapped[int] = mapped_column(Integer)
    smtp_security: Mapped[str] = mapped_column(String(10))
    username: Mapped[str] = mapped_column(String(320))
    ca_file: Mapped[str | None] = mapped_column(Text)
    auth: Mapped[str] = mapped_column(String(20), default="password")
    keyring_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class MailFolderState(Base):
    """Where reading a folder got to. UIDs only mean something within one UIDVALIDITY:
    when the server's changes, the folder is read again from the start (what is already
    in is recognised as a duplicate)."""

    __tablename__ = "mail_folder_state"

    account_id: Mapped[int] = mapped_column(
        ForeignKey("mail_account.id", ondelete="CASCADE"), primary_key=True
    )
    folder: Mapped[str] = mapped_column(String(500), primary_key=True)
    uidvalidity: Mapped[int] = mapped_column(BigInteger)
    last_uid: Mapped[int] = mapped_column(BigInteger, default=0)
    checked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxLetter(Base):
    """A letter on its way out, written before any network work (``accounts/outbox.py``
    says what each state means). ``raw`` is the whole email as it is sent, so a retry
    sends the very same bytes, under the same Message-ID."""

    __tablename__ = "outbox_letter"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("request.id", ondelete="CASCADE"), index=True
    )
    account_id: Mapped[int | None] = mapped_column(
        ForeignKey("mail_account.id", ondelete="SET NULL")
    )
    route: Mapped[str] = mapped_column(String(20))  # "account", "draft" or "copy"
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(Text, default="")
    to_addr: Mapped[str] = mapped_column(String(320))
    message_id: Mapped[str] = mapped_column(String(998), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    uncertain: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    sent_copy: Mapped[str] = mapped_column(Text, default="")
    thread_message_id: Mapped[int | None] = mapped_column(
        ForeignKey("message.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
