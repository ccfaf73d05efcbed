"""Plain frozen records that the mail parsers hand to the rest of foidesk.

They carry no live ``email`` or Outlook objects, so a face or a worker thread
can keep them without holding parser state or open files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from pathlib import Path
from typing import Literal

from foidesk.core.mail.spool import SpooledFile

SourceFormat = Literal["eml", "msg", "mbox"]


@dataclass(frozen=True, slots=True)
class ParsedAttachment:
    """One file carried by a message.

    ``filename`` is a display name already passed through ``safe_filename``
    and unique within its message; it is never a path. ``content`` is the
    decoded bytes, or — for a large part of an email read from a file — the
    private file it was decoded into (``spool.py``), so that it is copied to
    the store without ever being held in memory.
    """

    filename: str
    media_type: str
    content: bytes | SpooledFile

    @property
    def data(self) -> bytes:
        """The decoded content (read from its file if it was spooled)."""
        return self.content if isinstance(self.content, bytes) else self.content.read()

    @property
    def source(self) -> bytes | Path:
        """What the store copies: the bytes, or the file they are in."""
        return self.content if isinstance(self.content, bytes) else self.content.path

    @property
    def size(self) -> int:
        """Size of the decoded content in bytes."""
        return len(self.content) if isinstance(self.content, bytes) else self.content.size

    @property
    def sha256(self) -> str:
        """The SHA-256 of the content, as the attachment store names it."""
        if isinstance(self.content, bytes):
            return hashlib.sha256(self.content).hexdigest()
        return self.content.sha256


@dataclass(frozen=True, slots=True)
class ParsedMessage:
    """One message, read and normalised, with its original bytes kept as evidence.

    ``body_html`` is the message's own HTML, *not* sanitised: pass it through
    ``sanitize_html`` before showing it. ``warnings`` lists what was repaired
    or cut while reading; ``charset_notes`` says which character sets were
    assumed where the message's own labels were missing or wrong. ``raw`` is
    the original bytes — or empty, when the message was read from the file
    ``original`` without holding it in memory.
    """

    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]
    subject: str
    from_addr: str
    from_email: str | None
    to: tuple[str, ...]
    cc: tuple[str, ...]
    sent_at: datetime | None
    body_text: str
    body_html: str | None
    attachments: tuple[ParsedAttachment, ...]
    auto_submitted: bool
    raw: bytes
    source_format: SourceFormat
    warnings: tuple[str, ...]
    charset_notes: tuple[str, ...] = ()
    original: Path | None = None

    @property
    def to_emails(self) -> tuple[str, ...]:
        """Bare lower-cased addresses of ``to``, for matching against known parties."""
        return _bare_emails(self.to)

    @property
    def cc_emails(self) -> tuple[str, ...]:
        """Bare lower-cased addresses of ``cc``."""
        return _bare_emails(self.cc)


def _bare_emails(displays: tuple[str, ...]) -> tuple[str, ...]:
    found = (parseaddr(display)[1].strip().lower() for display in displays)
    return tuple(address for address in found if "@" in address)
