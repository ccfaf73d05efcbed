"""Snippets for the hits a search returns — cheaply, even for long attachments.

FTS5's ``snippet()`` tokenizes its whole document; an attachment's text can
run to a million characters, so fifty such snippets can cost more than the
search itself. For attachments, SQLite first cuts a window of text around the
first place a searched word occurs (``instr``), and the snippet is made from
that window by FTS5 in a one-row table in memory with the index's tokenizer,
so matches are marked exactly as the index sees them. Where the word does
not occur literally (an accent typed differently, say), the full-document
snippet is used. Requests and messages are short: FTS5 does them directly.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from foidesk.core.search.fts5_schema import ATTACHMENT_FTS, MESSAGE_FTS, REQUEST_FTS, TOKENIZE
from foidesk.core.search.fts5_sql import SNIPPET_TOKENS, snippet_statement
from foidesk.core.search.fts5_syntax import fts5_any_term
from foidesk.core.search.hits import RAW_START
from foidesk.core.search.query import SearchQuery

WINDOW_BEFORE = 300
WINDOW_CHARS = 900
_SOURCES = {  # kind: (index, body column, fallback column)
    "request": (REQUEST_FTS, 1, -1),
    "message": (MESSAGE_FTS, 1, 0),
    "attachment": (ATTACHMENT_FTS, 1, 0),
}
Key = tuple[str, int]  # (kind, rowid)


def snippets(
    session: Session, query: SearchQuery, match: str, rows: Sequence[Any]
) -> dict[Key, str]:
    """Raw snippets (FTS5's control-character markers) for the ranked rows."""
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row.kind, []).append(_rowid(row))
    found: dict[Key, str] = {}
    attachments = wanted.pop("attachment", [])
    if attachments:
        found |= _windowed(session, query, attachments)
        missing = [i for i in attachments if ("attachment", i) not in found]
        if missing:
            wanted["attachment"] = missing
    for kind, rowids in wanted.items():
        found |= _from_index(session, kind, match, rowids)
    return found


def _rowid(row: Any) -> int:
    if row.kind == "attachment":
        return int(row.attachment_id)
    return int(row.message_id if row.kind == "message" else row.request_id)


def _from_index(session: Session, kind: str, match: str, rowids: list[int]) -> dict[Key, str]:
    table, body, fallback = _SOURCES[kind]
    statement = snippet_statement(table, body, fallback, rowids)
    found = {}
    for rowid, snippet, other in session.execute(text(statement), {"match": match}):
        found[(kind, rowid)] = snippet if RAW_START in (snippet or "") else (other or snippet)
    return found


def _windowed(session: Session, query: SearchQuery, rowids: list[int]) -> dict[Key, str]:
    needle = _needle(query)
    terms = query.terms()
    if needle is None or not terms:
        return {}
    listed = ", ".join(str(int(i)) for i in rowids)
    windows = session.execute(
        text(
            "SELECT attachment_id, instr(lower(text), :needle) AS at, substr(text, "
            f"max(1, instr(lower(text), :needle) - {WINDOW_BEFORE}), {WINDOW_CHARS}) AS window "
            f"FROM attachment_text WHERE attachment_id IN ({listed})"
        ),
        {"needle": needle},
    ).all()
    found = [(rowid, at, window) for rowid, at, window in windows if at]
    return {("attachment", rowid): s for rowid, s in _window_snippets(found, terms).items()}


def _needle(query: SearchQuery) -> str | None:
    """The first searched word, lowered as SQLite's ``lower()`` does (ASCII only)."""
    for term in query.terms():
        word = term.text.split()[0] if term.text.split() else ""
        if word:
            return "".join(c.lower() if c.isascii() else c for c in word)
    return None


def _window_snippets(windows: list[tuple[int, int, str]], terms: tuple[Any, ...]) -> dict[int, str]:
    if not windows:
        return {}
    conn = sqlite3.connect(":memory:")
    try:
        conn.execute(f"CREATE VIRTUAL TABLE w USING fts5(body, tokenize='{TOKENIZE}')")
        rows_in = [(rowid, window) for rowid, _, window in windows]
        conn.executemany("INSERT INTO w(rowid, body) VALUES (?, ?)", rows_in)
        rows = conn.execute(
            f"SELECT rowid, snippet(w, 0, char(2), char(3), '…', {SNIPPET_TOKENS}) FROM w "
            "WHERE w MATCH ?",
            (fts5_any_term(terms),),
        ).fetchall()
    finally:
        conn.close()
    cut = {rowid for rowid, at, _ in windows if at > WINDOW_BEFORE + 1}
    return {
        rowid: ("…" + s if rowid in cut and not s.startswith("…") else s)
        for rowid, s in rows
        if RAW_START in s
    }
