"""Where each part of a request goes inside its bundle, under names that are safe.

A name that came from outside (an attachment's file name) is never a path: it is
cleaned as the rest of foidesk cleans it (``mail/names.py``: the last component only,
no device names such as ``con.txt``, no control or bidi characters, bounded length)
and made unique across the whole bundle, ignoring case as Windows and macOS do, so
two files called ``scan.pdf`` become ``scan.pdf`` and ``scan (2).pdf``. The originals
are named by their place in the thread and their date, which foidesk chose.
"""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.export.plan import BundlePlan
from foidesk.core.mail.names import dedupe_names, safe_filename

PDF_NAME = "correspondence.pdf"
MANIFEST_NAME = "manifest.json"
ORIGINALS = "originals/"
ATTACHMENTS = "attachments/"


@dataclass(frozen=True)
class Member:
    """A file of the store to copy into the bundle, with the size and hash it must have."""

    name: str
    sha256: str
    size: int
    message_number: int  # 1 for the thread's first message


@dataclass(frozen=True)
class Layout:
    originals: dict[int, Member]  # by message id
    attachments: dict[int, Member]  # by attachment id


def lay_out(plan: BundlePlan) -> Layout:
    """Every original and attachment of the plan, in thread order, with its name."""
    originals: dict[int, Member] = {}
    picked: list[tuple[int, str, str, int, int]] = []  # attachment id, name, hash, size, n
    for number, message in enumerate(plan.detail.messages, start=1):
        original = plan.originals.get(message.id)
        if original is not None:
            day = message.date.date().isoformat() if message.date else "undated"
            extension = "msg" if original.format == "msg" else "eml"
            name = f"{ORIGINALS}{number:03d}-{day}.{extension}"
            originals[message.id] = Member(name, original.sha256, original.size, number)
        for attachment in message.attachments:
            cleaned = safe_filename(attachment.filename, media_type=attachment.media_type)
            picked.append((attachment.id, cleaned, attachment.sha256, attachment.size, number))
    unique = dedupe_names([name for _id, name, _sha, _size, _n in picked])
    attachments = {
        ident: Member(ATTACHMENTS + name, sha, size, number)
        for (ident, _name, sha, size, number), name in zip(picked, unique, strict=True)
    }
    return Layout(originals, attachments)
