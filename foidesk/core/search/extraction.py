"""The result of reading one file's text, and the clean-up every format shares."""

from __future__ import annotations

import re
from dataclasses import dataclass

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.limits import MAX_TEXT_CHARS
from foidesk.core.search.states import TextState

# Control characters other than tab and newline carry no words and would
# confuse the snippet markers; NUL also breaks some SQLite tooling.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0]+\n")
_BLANK_RUNS = re.compile(r"\n{3,}")


@dataclass(frozen=True)
class Extraction:
    """What reading a file gave: a state, the text (for ``done``), and a note for the user.

    ``note`` is stored in ``attachment.text_error``: why a file failed, or a
    remark on a success (such as text cut at the size limit).
    """

    state: TextState
    text: str = ""
    note: str | None = None


def failed(note: str) -> Extraction:
    return Extraction(TextState.FAILED, note=note)


def unsupported(note: str) -> Extraction:
    return Extraction(TextState.UNSUPPORTED, note=note)


def from_text(text: str, *, empty_state: TextState = TextState.EMPTY) -> Extraction:
    """Clean ``text`` and judge it: words found, or an empty (or scanned) document."""
    cleaned = clean_text(text)
    if not cleaned:
        note = Phrase(notes.NO_TEXT_LAYER) if empty_state is TextState.SCANNED else None
        return Extraction(empty_state, note=note)
    if len(cleaned) > MAX_TEXT_CHARS:
        note = Phrase(notes.TEXT_CUT, count=MAX_TEXT_CHARS)
        return Extraction(TextState.DONE, cleaned[:MAX_TEXT_CHARS], note)
    return Extraction(TextState.DONE, cleaned)


def clean_text(text: str) -> str:
    """Uniform line ends, no control characters, no runs of blank lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = _SPACES.sub("\n", text)
    return _BLANK_RUNS.sub("\n\n", text).strip()


class TextBudget:
    """Collects text pieces until ``MAX_TEXT_CHARS`` (plus a margin) is reached.

    Readers stop early once it is full, so a huge spreadsheet costs the time to
    read its first million characters, not all of it.
    """

    def __init__(self, limit: int = MAX_TEXT_CHARS + 1) -> None:
        self._parts: list[str] = []
        self._size = 0
        self._limit = limit

    @property
    def full(self) -> bool:
        return self._size >= self._limit

    def add(self, piece: str) -> None:
        if piece and not self.full:
            self._parts.append(piece)
            self._size += len(piece)

    def text(self) -> str:
        return "".join(self._parts)
