"""Snippets for the hits a PostgreSQL search returns, marked as SQLite marks them.

``ts_headline`` picks the words around a match and marks them (``StartSel`` and
``StopSel`` are the same control characters FTS5 is given, ``hits.RAW_START`` and
``RAW_END``). It reads the text as the index did — ASCII punctuation as spaces — so a
word inside ``annex.pdf`` or an address is marked as it was found; the marks are then
put back into the original text at the same places (``search_words`` keeps every
character's position), so the snippet shows the punctuation the user wrote, with ``…``
where words were cut off, as FTS5's ``snippet()`` does.

An attachment's text can run to a million characters (an email's body to many
thousands) and ``ts_headline`` reads all of what it is given, so the server first cuts
a window of the long text (an attachment's, a message's body, a request's text) around
the first place a searched word occurs (as typed, then in any case, then with accents
removed), as ``snippets.py`` does on SQLite. The word is letters and digits only
(``term_words``), so it is also a regular expression that matches only itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

from foidesk.core.search.hits import RAW_END, RAW_START
from foidesk.core.search.pg_schema import CONFIG, pg_words
from foidesk.core.search.pg_sql import TsQuery, term_words
from foidesk.core.search.query import SearchQuery, has_word_characters

#: About as many words as FTS5's snippets hold (``fts5_sql.SNIPPET_TOKENS``).
HEADLINE_OPTIONS = (
    f"StartSel={RAW_START}, StopSel={RAW_END}, MaxWords=16, MinWords=8, ShortWord=0, "
    "HighlightAll=false, MaxFragments=1"
)
#: The window of a long text a headline is made from: a 16-word snippet needs
#: no more, and ``ts_headline`` costs about a millisecond per 900 characters.
WINDOW_BEFORE = 100
WINDOW_CHARS = 300
#: Texts up to this long (about ``MaxWords`` words) are shown whole.
SHORT_TEXT_CHARS = 120
WHOLE_OPTIONS = f"StartSel={RAW_START}, StopSel={RAW_END}, HighlightAll=true"
Key = tuple[str, int]  # (kind, rowid)
#: Each kind's rows: the long text a window is cut from, then the short texts a marked
#: snippet is taken from when the long one marks nothing, in that order.
_SOURCES = {
    "request": "SELECT id, body AS words, notes AS other, title AS name "
    "FROM request WHERE id = ANY(:ids)",
    "message": "SELECT id, body_text AS words, '' AS other, subject AS name "
    "FROM message WHERE id = ANY(:ids)",
    "attachment": "SELECT a.id, t.text AS words, '' AS other, a.filename AS name "
    "FROM attachment a LEFT JOIN attachment_text t ON t.attachment_id = a.id "
    "WHERE a.id = ANY(:ids)",
}


def pg_snippets(session: Session, query: SearchQuery, rows: Sequence[Any]) -> dict[Key, str]:
    """Raw snippets (control-character marks) for the ranked rows."""
    terms = query.terms()
    if not terms:
        return {}
    wanted: dict[str, list[int]] = {}
    for row in rows:
        wanted.setdefault(row.kind, []).append(_rowid(row))
    found: dict[Key, str] = {}
    for kind, rowids in wanted.items():
        params: dict[str, Any] = {
            "ids": rowids,
            "options": HEADLINE_OPTIONS,
            "whole": WHOLE_OPTIONS,
        }
        params["needle"] = _needle(query)
        found |= _windowed(session, kind, TsQuery(params).any_term(terms), params)
    return found


def _rowid(row: Any) -> int:
    if row.kind == "attachment":
        return int(row.attachment_id)
    return int(row.message_id if row.kind == "message" else row.request_id)


def _headline(column: str) -> str:
    """A short text is shown whole (``HighlightAll``): in fragment mode ``ts_headline``
    leaves out the last word of a text shorter than its fragment."""
    words = f"search_words({column})"
    return (
        f"ts_headline('{CONFIG}', {words}, h.query, CASE WHEN length({words}) <= "
        f"{SHORT_TEXT_CHARS} THEN :whole ELSE :options END)"
    )


def _windowed(session: Session, kind: str, marks: str, params: dict[str, Any]) -> dict[Key, str]:
    """Each row's window of its long text, then the headlines. The steps are
    ``MATERIALIZED`` so that each text is searched once; only a window's characters are
    read after that (``substr`` decompresses a stored text only as far as it needs)."""
    statement = f"""WITH h AS (SELECT {marks} AS query),
      found AS MATERIALIZED (
        SELECT s.id, coalesce(
            nullif(strpos(s.words, :needle), 0),
            nullif(regexp_instr(s.words, :needle, 1, 1, 0, 'i'), 0),
            strpos(unaccent(lower(s.words)), unaccent(:needle)), 0) AS at
        FROM ({_SOURCES[kind]}) AS s),
      cut AS MATERIALIZED (
        SELECT s.id, s.name, s.other, greatest(1, f.at - {WINDOW_BEFORE}) AS start,
          coalesce(substr(s.words, greatest(1, f.at - {WINDOW_BEFORE}),
                          {WINDOW_CHARS + 1}), '') AS part
        FROM ({_SOURCES[kind]}) AS s JOIN found f ON f.id = s.id),
      shown AS MATERIALIZED (
        SELECT id, name, coalesce(other, '') AS other, start,
          length(part) > {WINDOW_CHARS} AS more, left(part, {WINDOW_CHARS}) AS part FROM cut)
    SELECT id, start, more, part, {_headline("part")}, other, {_headline("other")},
      name, {_headline("name")}
    FROM h CROSS JOIN shown"""
    found = {}
    for rowid, start, more, part, marked, *short in session.execute(text(statement), params):
        texts = [(part, marked, start > 1, more)]
        texts += [(short[i], short[i + 1], False, False) for i in (0, 2)]
        found[(kind, rowid)] = _first_marked(texts)
    return found


def _needle(query: SearchQuery) -> str:
    """The first searched word, lowered: where to cut an attachment's window."""
    for term in query.terms():
        word = term_words(term.text)[0]
        if word:
            return word.lower()
    return ""


def _first_marked(texts: list[tuple[str, str, bool, bool]]) -> str:
    """The first text whose headline marks a match, else the first text's headline."""
    snippets = [restored(*t) for t in texts]
    return next((s for s in snippets if RAW_START in s), snippets[0])


def restored(original: str, headline: str, cut_before: bool, cut_after: bool) -> str:
    """The headline's marks put into the original text, with ``…`` where it was cut.

    The headline is a stretch of ``search_words(original)`` with marks inserted; that
    stretch is found again and the original's characters are copied in its place.
    """
    if not original:
        return ""
    plain = headline.replace(RAW_START, "").replace(RAW_END, "")
    at = pg_words(original).find(plain)
    if at < 0:
        return headline
    out: list[str] = []
    position = at
    for char in headline:
        if char in (RAW_START, RAW_END):
            out.append(char)
        else:
            out.append(original[position])
            position += 1
    before, after = original[:at], original[position:]
    start = "…" if cut_before or has_word_characters(before) else before
    end = "…" if cut_after or has_word_characters(after) else after
    return start + "".join(out) + end
