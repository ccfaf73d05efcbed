"""A search result as faces receive it, and its snippet's match markers.

Snippets mark each match with « and »: readable as plain text (the command
line prints them as they are) and easy for the window to render highlighted.
A « or » that was already in the text is shown as ‹ or › so that markers are
never ambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

HitKind = Literal["request", "message", "attachment"]

MATCH_START = "«"
MATCH_END = "»"
#: What FTS5 is asked to put around matches: control characters that
#: extracted text never holds (``clean_text`` removes them).
RAW_START = "\x02"
RAW_END = "\x03"
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class SearchHit:
    """One match: what it belongs to, a snippet around it, and how well it matched.

    ``kind`` says where the words were found. ``request_id`` is None for a
    message still in the Unfiled tray; ``message_id`` is None for a request's
    own title, text or notes; ``attachment_id`` is set only for attachments.
    ``rank`` is relevance, higher is better (FTS5's bm25, negated).
    ``title`` is the request's title; ``context`` the message subject or the
    attachment's file name.
    """

    kind: HitKind
    request_id: int | None
    message_id: int | None
    attachment_id: int | None
    snippet: str
    rank: float
    title: str
    context: str
    authority: str | None
    day: date | None


def marked_snippet(raw: str) -> str:
    """FTS5's snippet (control-character markers) to the documented « » markers, on one line."""
    text = _WHITESPACE.sub(" ", raw).strip()
    text = text.replace(MATCH_START, "‹").replace(MATCH_END, "›")
    return text.replace(RAW_START, MATCH_START).replace(RAW_END, MATCH_END)


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """Split a marked snippet into ``(text, is_match)`` pieces, markers removed."""
    parts: list[tuple[str, bool]] = []
    rest = snippet
    while rest:
        start = rest.find(MATCH_START)
        end = rest.find(MATCH_END, start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            parts.append((rest, False))
            break
        if start:
            parts.append((rest[:start], False))
        parts.append((rest[start + 1 : end], True))
        rest = rest[end + 1 :]
    return parts
