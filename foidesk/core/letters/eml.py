"""A letter as an ``.eml`` draft that Outlook, Thunderbird and Apple Mail open ready to send.

``X-Unsent: 1`` is what marks a message file as a draft for Outlook (and what
Thunderbird and Apple Mail accept as one); the draft has no Date and no Message-ID, so
the mail client gives it its own when it is sent. It is written under a hidden name,
synced and renamed, private (0600): a crash leaves either no file or the whole one.
"""

from __future__ import annotations

import os
import uuid
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr
from pathlib import Path

from foidesk.core.i18n import _
from foidesk.core.letters.errors import LetterError
from foidesk.core.letters.letter import Letter
from foidesk.core.storage import privacy


def to_message(letter: Letter) -> EmailMessage:
    message = EmailMessage()
    if letter.to:
        message["To"] = letter.to
    if letter.from_addr:
        message["From"] = (
            str(Address(letter.from_name, addr_spec=letter.from_addr))
            if letter.from_name
            else formataddr(("", letter.from_addr))
        )
    message["Subject"] = letter.subject
    message["X-Unsent"] = "1"
    if letter.in_reply_to:
        message["In-Reply-To"] = letter.in_reply_to
        message["References"] = letter.in_reply_to
    message.set_content(letter.body, charset="utf-8")
    return message


#: Headers are not folded below RFC 5322's hard limit: Python folds a long Subject right
#: after its name, which some readers (Python's own among them) keep as a leading space.
_DRAFT_POLICY = SMTP.clone(max_line_length=998)


def draft_bytes(letter: Letter) -> bytes:
    return to_message(letter).as_bytes(policy=_DRAFT_POLICY)


def write_draft(letter: Letter, path: Path, *, replace: bool = False) -> Path:
    """Write the draft to ``path``; an existing file is kept unless ``replace`` is given."""
    if path.exists() and not replace:
        raise LetterError(_("{path} already exists; choose another file name").format(path=path))
    if not path.parent.is_dir():
        raise LetterError(_("there is no folder {folder}").format(folder=path.parent))
    data = draft_bytes(letter)
    partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        with privacy.new_file(partial) as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return path
