"""Build real RFC 5322 emails for importer tests with the standard library."""

from __future__ import annotations

from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import format_datetime


def make_email(
    *,
    subject: str = "Your request",
    sender: str = "FOI Team <foi@council.example.gov.uk>",
    to: str = "Sam <sam@example.net>",
    body: str = "Dear Sam,\n\nPlease find attached our response.\n",
    message_id: str | None = "<resp-1@council.example.gov.uk>",
    in_reply_to: str | None = None,
    attachments: tuple[tuple[str, bytes], ...] = (),
    sent: datetime = datetime(2024, 4, 19, 15, 5, tzinfo=UTC),
    headers: dict[str, str] | None = None,
) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = format_datetime(sent)
    if message_id:
        message["Message-ID"] = message_id
    if in_reply_to:
        message["In-Reply-To"] = in_reply_to
        message["References"] = in_reply_to
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    for filename, data in attachments:
        maintype, subtype = (
            ("application", "pdf") if filename.endswith(".pdf") else ("application", "octet-stream")
        )
        message.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return bytes(message)
