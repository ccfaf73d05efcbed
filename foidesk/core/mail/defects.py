"""Turns the parser's structural defects into warnings a user can understand.

Only defects that change what the user sees are reported; the many minor
header defects the parser records would be noise.
"""

from __future__ import annotations

from email import errors
from email.message import Message

from foidesk.core.mail.limits import MAX_PARTS
from foidesk.core.mail.notes import Notes

_SENTENCES: dict[type[errors.MessageDefect], str] = {
    errors.CloseBoundaryNotFoundDefect: (
        "a multipart section was never closed; the message may be cut short"
    ),
    errors.StartBoundaryNotFoundDefect: (
        "a multipart section had no parts where expected; its content was read as text"
    ),
    errors.NoBoundaryInMultipartDefect: (
        "a multipart section declared no boundary; its content was read as text"
    ),
    errors.MissingHeaderBodySeparatorDefect: (
        "a malformed header line ended the headers early; the rest was read as body"
    ),
    errors.FirstHeaderLineIsContinuationDefect: "the first header line was malformed",
}


def note_defects(root: Message, notes: Notes) -> None:
    """Add a warning for each kind of structural defect found anywhere in ``root``."""
    stack = [root]
    visited = 0
    while stack and visited < MAX_PARTS:
        part = stack.pop()
        visited += 1
        for defect in part.defects:
            sentence = _SENTENCES.get(type(defect))
            if sentence is not None:
                notes.add(sentence)
        # Only a multipart's payload is asked for: on a leaf, get_payload()
        # decodes with the part's own charset, which may be any codec at all.
        children = part.get_payload() if part.is_multipart() else None
        if isinstance(children, list):
            stack.extend(child for child in children if isinstance(child, Message))
