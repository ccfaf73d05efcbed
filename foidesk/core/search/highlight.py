"""Where a search's words occur in a text, for highlighting in the thread and previews.

The index folds case and accents, matches whole words, and prefixes with
``*``: a plain substring search would mark too much or too little. This asks
FTS5 itself, with the index's tokenizer, over a one-row table in memory.
"""

from __future__ import annotations

import sqlite3
from types import TracebackType

from foidesk.core.search.fts5_schema import TOKENIZE
from foidesk.core.search.fts5_syntax import fts5_any_term
from foidesk.core.search.hits import RAW_END, RAW_START
from foidesk.core.search.query import SearchQuery, parse_query

Span = tuple[int, int]


class Highlighter:
    """Finds a query's words in texts; keep one per query and call ``spans`` per text."""

    def __init__(self, query: SearchQuery | str) -> None:
        parsed = parse_query(query) if isinstance(query, str) else query
        terms = parsed.terms()
        self._match = fts5_any_term(terms) if terms else None
        self._conn = sqlite3.connect(":memory:")
        self._conn.execute(f"CREATE VIRTUAL TABLE doc USING fts5(body, tokenize='{TOKENIZE}')")

    def spans(self, text: str) -> list[Span]:
        """``(start, end)`` character offsets of every matching word or phrase in ``text``."""
        if self._match is None or not text:
            return []
        safe = text.replace(RAW_START, " ").replace(RAW_END, " ")
        with self._conn:
            self._conn.execute("DELETE FROM doc")
            self._conn.execute("INSERT INTO doc(body) VALUES (?)", (safe,))
            row = self._conn.execute(
                "SELECT highlight(doc, 0, char(2), char(3)) FROM doc WHERE doc MATCH ?",
                (self._match,),
            ).fetchone()
        return [] if row is None else _marked_spans(row[0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Highlighter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def highlight_spans(text: str, query: SearchQuery | str) -> list[Span]:
    """One-off form of ``Highlighter(query).spans(text)``."""
    with Highlighter(query) as highlighter:
        return highlighter.spans(text)


def _marked_spans(marked: str) -> list[Span]:
    spans: list[Span] = []
    offset = 0
    start = -1
    for char in marked:
        if char == RAW_START:
            start = offset
        elif char == RAW_END:
            if start >= 0:
                spans.append((start, offset))
            start = -1
        else:
            offset += 1
    return spans
