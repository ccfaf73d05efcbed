"""The parsing entry points: one function per kind of correspondence file.

Each returns plain ``ParsedMessage`` records and raises only ``MailError``
for input that is not mail (``OSError`` for files that cannot be read).
"""

from __future__ import annotations

from pathlib import Path

from foidesk.core.mail.eml import parse_rfc822, parse_rfc822_file
from foidesk.core.mail.mbox import iter_mbox
from foidesk.core.mail.model import ParsedMessage

__all__ = ["iter_mbox", "parse_email_bytes", "parse_email_file", "parse_msg_file"]


def parse_email_bytes(data: bytes) -> ParsedMessage:
    """Parse one RFC 5322 / MIME message (an ``.eml`` file's bytes).

    Raises ``MailError`` when ``data`` is empty, binary, or has no mail headers.
    """
    return parse_rfc822(data, "eml")


def parse_email_file(path: Path, spool_dir: Path) -> ParsedMessage:
    """Parse an ``.eml`` file without reading it whole: large parts are decoded into
    files in ``spool_dir`` as they are read (see ``stream.py``), and the original stays
    in ``path``. Raises ``MailError`` like ``parse_email_bytes``."""
    return parse_rfc822_file(path, spool_dir)


def parse_msg_file(path: Path) -> ParsedMessage:
    """Parse an Outlook ``.msg`` file (see ``outlook.parse_msg_file``).

    The Outlook reader and its dependencies load on first use: most users never
    drop a .msg file, and the window should not wait for them at start-up.
    """
    from foidesk.core.mail import outlook

    return outlook.parse_msg_file(path)
