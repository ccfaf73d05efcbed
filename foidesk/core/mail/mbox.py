"""Streams the messages of an mbox file, one at a time.

An mbox can be gigabytes; only the current message is held in memory. A
message that cannot be read is reported as a ``MailError`` in its place and
the iteration goes on, so one bad message never hides the others.

Splitting rule: a line starting with "From " separates messages when it is
the first line, or follows a blank line and carries a time of day (every
mbox writer puts the delivery time there), so a body line such as "From
the desk of…" that a writer forgot to quote does not split a message.
Lines quoted mboxrd-style (">From ", ">>From ") lose one ">".
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path

from foidesk.core.i18n import _
from foidesk.core.mail.eml import parse_rfc822
from foidesk.core.mail.errors import MailError
from foidesk.core.mail.model import ParsedMessage

_SEPARATOR = re.compile(rb"^From \S.*\b\d{1,2}:\d{2}")
_QUOTED_FROM = re.compile(rb"^>+From ")
_BLANK = frozenset({b"\n", b"\r\n"})


def iter_mbox(path: Path) -> Generator[ParsedMessage | MailError, None, None]:
    """Yield each message of the mbox at ``path``, or a ``MailError`` for one that is broken.

    Closing the generator early (``.close()``, e.g. on cancel) closes the file.
    Raises ``MailError`` (on the first step) if the file is not an mbox at
    all, and ``OSError`` if it cannot be read.
    """
    with path.open("rb") as handle:
        for index, data in enumerate(split_mbox(handle), start=1):
            try:
                yield parse_rfc822(data, "mbox")
            except MailError as error:
                yield MailError(
                    _("message {number} in the mbox: {error}").format(number=index, error=error)
                )


def split_mbox(lines: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the raw bytes of each message (without its "From " line)."""
    iterator = iter(lines)
    _expect_first_separator(iterator)
    buffer = bytearray()
    previous_blank = False
    for line in iterator:
        if previous_blank and _SEPARATOR.match(line):
            yield _finish(buffer)
            buffer = bytearray()
            previous_blank = False
            continue
        previous_blank = line in _BLANK
        buffer += line[1:] if _QUOTED_FROM.match(line) else line
    yield _finish(buffer)


def _expect_first_separator(iterator: Iterator[bytes]) -> None:
    for line in iterator:
        if line.strip() == b"":
            continue
        if line.startswith(b"From "):
            return
        break
    raise MailError(_("not an mbox file: it does not start with a 'From ' line"))


def _finish(buffer: bytearray) -> bytes:
    """The message bytes, without the blank line that preceded the next "From "."""
    if buffer.endswith(b"\r\n\r\n"):
        del buffer[-2:]
    elif buffer.endswith(b"\n\n"):
        del buffer[-1:]
    return bytes(buffer)
