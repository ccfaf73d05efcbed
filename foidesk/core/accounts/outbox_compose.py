"""Writing a letter as an email, with ``email.message.EmailMessage``.

The email carries foidesk's own Message-ID (on the sender's domain, so replies can be
matched to the thread by it), In-Reply-To and References to the thread's last message,
a Date, a From with the user's display name, the authority's FOI address, the kind of
letter (``X-Foidesk-Kind``) and the files attached. The bytes made here are the bytes
sent, kept in the outbox and, once sent, in the thread as the evidence copy.
"""

from __future__ import annotations

import email.policy
import email.utils
import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from foidesk.core.accounts.errors import AccountError
from foidesk.core.i18n import _
from foidesk.core.mail.names import safe_filename

KIND_HEADER = "X-Foidesk-Kind"
#: Attachments together at most: most providers refuse mail much over 25 MB.
MAX_ATTACHMENT_BYTES = 25 << 20
#: References kept from the thread: enough to thread, short enough for every server.
MAX_REFERENCES = 20
_POLICY = email.policy.SMTP  # CRLF line ends, as mail is sent


@dataclass(frozen=True)
class Party:
    name: str
    address: str

    def header(self) -> str:
        return email.utils.formataddr((self.name, self.address))


@dataclass(frozen=True)
class ThreadHead:
    """The thread's last message with a Message-ID, and the ids it referred to."""

    last_message_id: str | None = None
    references: tuple[str, ...] = ()


def new_message_id(address: str) -> str:
    """A Message-ID on the sender's own domain, without the angle brackets."""
    domain = address.rpartition("@")[2] or "foidesk.invalid"
    return email.utils.make_msgid(domain=domain).strip("<>")


def compose(
    sender: Party,
    to: Party,
    subject: str,
    body: str,
    kind: str,
    *,
    message_id: str,
    thread: ThreadHead,
    when: datetime,
    attachments: Sequence[Path] = (),
) -> bytes:
    message = EmailMessage(policy=_POLICY)
    if sender.address:  # a draft without an account: the mail program sets it
        message["From"] = sender.header()
    message["To"] = to.header()
    message["Subject"] = subject
    message["Date"] = email.utils.format_datetime(when)
    message["Message-ID"] = f"<{message_id}>"
    if thread.last_message_id:
        chain = [*thread.references, thread.last_message_id][-MAX_REFERENCES:]
        message["In-Reply-To"] = f"<{thread.last_message_id}>"
        message["References"] = " ".join(f"<{m}>" for m in dict.fromkeys(chain))
    message[KIND_HEADER] = kind
    message.set_content(body if body.endswith("\n") else body + "\n")
    total = 0
    for path in attachments:
        data = read_attachment(path)
        total += len(data)
        if total > MAX_ATTACHMENT_BYTES:
            raise AccountError(
                _(
                    "the attachments come to more than {mb} MB, which mail servers refuse; "
                    "send fewer or smaller files"
                ).format(mb=MAX_ATTACHMENT_BYTES >> 20)
            )
        name = safe_filename(path.name)
        media = mimetypes.guess_type(name)[0] or "application/octet-stream"
        main, _slash, sub = media.partition("/")
        message.add_attachment(data, maintype=main, subtype=sub, filename=name)
    return message.as_bytes()


def read_attachment(path: Path) -> bytes:
    """A file the user chose, read as a file (a folder, a device or a missing file is
    refused in one sentence)."""
    try:
        if not path.is_file():
            raise AccountError(_("{name} is not a file that can be attached").format(name=path))
        return path.read_bytes()
    except OSError as exc:
        raise AccountError(
            _("cannot read {name}: {reason}").format(name=path.name, reason=exc.strerror or exc)
        ) from exc


def unsent_copy(raw: bytes) -> bytes:
    """The letter as a draft that Outlook, Thunderbird and Apple Mail open ready to send
    (``X-Unsent: 1``); without a Date, which the mail program sets when it sends."""
    message = BytesParser(policy=_POLICY).parsebytes(raw)
    del message["Date"]
    del message["X-Unsent"]
    message["X-Unsent"] = "1"
    return message.as_bytes()


def dated_now(raw: bytes, when: datetime) -> bytes:
    """The letter as sent at ``when`` (a draft or a copy sent later by the user)."""
    message = BytesParser(policy=_POLICY).parsebytes(raw)
    del message["Date"]
    message["Date"] = email.utils.format_datetime(when)
    return message.as_bytes()


def plain_text(raw: bytes) -> str:
    """The letter for the clipboard: who to, the subject, and the text."""
    message = BytesParser(policy=_POLICY).parsebytes(raw)
    body = message.get_body(("plain",))
    text = body.get_content() if body is not None else ""
    head = _("To: {to}\nSubject: {subject}").format(
        to=message.get("To", ""), subject=message.get("Subject", "")
    )
    return f"{head}\n\n{text}"
