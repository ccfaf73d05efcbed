"""Turns the parser's structural defects into warnings a user can understand.

Only defects that change what the user sees are reported; the many minor
header defects the parser records would be noise.
"""

from __future__ import annotations

from email import errors
from email.message import Message

from foidesk.core.mail import wording
from foidesk.core.mail.limits import MAX_PARTS
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

_SENTENCES: dict[type[errors.MessageDefect], str] = {
    errors.CloseBoundaryNotFoundDefect: wording.MULTIPART_NOT_CLOSED,
    errors.StartBoundaryNotFoundDefect: wording.MULTIPART_NO_START,
    errors.NoBoundaryInMultipartDefect: wording.MULTIPART_NO_BOUNDARY,
    errors.MissingHeaderBodySeparatorDefect: wording.HEADERS_ENDED_EARLY,
    errors.FirstHeaderLineIsContinuationDefect: wording.FIRST_HEADER_MALFORMED,
}


def note_defects(root: Message, notes: Notes) -> None:
    """Add a warning for each kind of structural defect found anywhere in ``root``."""
    stack = [root]
    visited = 0
    while stack and visited < MAX_PARTS:
        part = stack.pop()
        visited += 1
        for defect in part.defects:
            code = _SENTENCES.get(type(defect))
            if code is not None:
                notes.add(Phrase(code))
        # Only a multipart's payload is asked for: on a leaf, get_payload()
        # decodes with the part's own charset, which may be any codec at all.
        children = part.get_payload() if part.is_multipart() else None
        if isinstance(children, list):
            stack.extend(child for child in children if isinstance(child, Message))
