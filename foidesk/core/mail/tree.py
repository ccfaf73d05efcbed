"""Parses bytes into an ``email`` message tree with bounded depth and memory.

Two things the stdlib parser does not bound are bounded here: nesting (a
thousand nested multiparts end in RecursionError, in the parser and in
everything that walks the tree afterwards) and the peak memory of splitting
a large message into lines (bytes are fed in chunks, so the parser never
holds the whole file as one string plus a list of all its lines).
"""

from __future__ import annotations

import re
from email.feedparser import BytesFeedParser
from email.message import Message

from foidesk.core.mail import wording
from foidesk.core.mail.flatten import flattened
from foidesk.core.mail.header_policy import BOUNDED
from foidesk.core.mail.limits import FEED_CHUNK, MAX_DEPTH
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")


class _TooDeep(Exception):
    """Raised inside the parser when a part would open past ``MAX_DEPTH``."""


class _BoundedFeedParser(BytesFeedParser):
    """A feed parser that refuses to nest deeper than ``MAX_DEPTH``.

    ``_new_message`` and ``_msgstack`` are internals of ``email.feedparser``
    (unchanged since Python 3.2); a test feeds a 500-level message, so a
    change in them cannot go unnoticed.
    """

    def _new_message(self) -> None:
        if len(self._msgstack) >= MAX_DEPTH:  # type: ignore[attr-defined]  # stdlib internal
            raise _TooDeep
        super()._new_message()  # type: ignore[misc]  # stdlib internal


def parse_tree(data: bytes, start: int, notes: Notes) -> Message:
    """Parse ``data[start:]`` fully; if it nests too deeply, its parts as a flat list,
    or failing that only its top headers."""
    try:
        return _feed(data, start, len(data))
    except _TooDeep:
        pass
    flat = flattened(data, start)
    if flat is not None:
        try:
            root = _feed(flat, 0, len(flat))
        except _TooDeep:  # a leaf that is a message nesting deeply in turn
            pass
        else:
            notes.add(Phrase(wording.TOO_DEEP_FLATTENED, count=MAX_DEPTH))
            return root
    notes.add(Phrase(wording.TOO_DEEP_HEADERS_ONLY, count=MAX_DEPTH))
    match = _END_OF_HEADERS.search(data, start)
    root = _feed(data, start, match.end() if match else len(data))
    root.defects.clear()  # the cut-off body is our doing, not the sender's
    return root


def _feed(data: bytes, start: int, end: int) -> Message:
    parser = _BoundedFeedParser(policy=BOUNDED)
    with memoryview(data) as view:
        for offset in range(start, end, FEED_CHUNK):
            parser.feed(view[offset : min(offset + FEED_CHUNK, end)].tobytes())
    return parser.close()
