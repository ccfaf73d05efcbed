"""Emails attached to messages (forwarded ``.eml``, Outlook ``.msg``): their text and theirs.

An authority often forwards the request's earlier correspondence as attached
emails, with their own attachments. The mail parsers of ``foidesk.core.mail``
read them (bounded against hostile mail); the files inside are read by the
same extractors, nesting at most ``MAX_NESTING`` levels deep.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.extraction import Extraction, TextBudget, failed, from_text
from foidesk.core.search.states import TextState
from foidesk.core.storage import privacy

if TYPE_CHECKING:
    from foidesk.core.mail import ParsedMessage

#: Reads one file found inside an email: ``(data, filename, media_type) -> Extraction``.
NestedReader = Callable[[bytes, str, str], Extraction]


def eml_text(data: bytes, nested: NestedReader) -> Extraction:
    from foidesk.core.mail import MailError, parse_email_bytes  # loaded where used: workers

    try:
        message = parse_email_bytes(data)
    except MailError as exc:
        return failed(Phrase(notes.EMAIL_UNREADABLE, detail=str(exc)))
    return _message_text(message, nested)


def msg_text(data: bytes, nested: NestedReader) -> Extraction:
    """Outlook's parser reads from a path, so the bytes go to a private temporary file."""
    from foidesk.core.mail import MailError, parse_msg_file

    with tempfile.TemporaryDirectory(prefix="foidesk-msg-") as folder:
        privacy.private_dir(Path(folder))  # 0700 exactly, whatever the umask took
        path = Path(folder) / "attached.msg"
        with privacy.new_file(path) as out:
            out.write(data)
        try:
            message = parse_msg_file(path)
        except MailError as exc:
            return failed(Phrase(notes.OUTLOOK_UNREADABLE, detail=str(exc)))
    return _message_text(message, nested)


def _message_text(message: ParsedMessage, nested: NestedReader) -> Extraction:
    budget = TextBudget()
    headers = [
        ("From", message.from_addr),
        ("To", ", ".join(message.to)),
        ("Date", message.sent_at.isoformat() if message.sent_at else ""),
        ("Subject", message.subject),
    ]
    budget.add("".join(f"{name}: {value}\n" for name, value in headers if value) + "\n")
    from foidesk.core.mail import html_to_text

    body = message.body_text
    if not body.strip() and message.body_html:
        body = html_to_text(message.body_html)
    budget.add(body)
    for attachment in message.attachments:
        if budget.full:
            break
        budget.add(f"\n\n[{attachment.filename}]\n")
        inner = nested(attachment.data, attachment.filename, attachment.media_type)
        if inner.state is TextState.DONE:
            budget.add(inner.text)
    return from_text(budget.text())
