"""The SQL of one search on PostgreSQL: the parsed query as a ``tsquery``, and the ranking.

The query is built from the parser's tree (``query.py``) only: every word or phrase
the user typed is a bound parameter, quoted as one ``tsquery`` lexeme string, so
nothing typed can act as ``tsquery`` syntax or as SQL. The words are normalised by the
index's own configuration on the server (case, accents), exactly as the documents were.

Each branch (requests, messages, attachments) is found through its GIN index, ranked
by ``ts_rank_cd`` (weights A for titles and subjects, B for file names, D for texts),
and cut at ``limit`` rows that pass the filters; the branches are then merged by score.
Rows in the trash (``deleted_at`` set, on the message or on its request) never pass.
Snippets are built afterwards, for the winners only (``pg_snippets.py``).
"""

from __future__ import annotations

import unicodedata
from typing import Any

from foidesk.core.search.filters import Filters
from foidesk.core.search.pg_schema import (
    ATTACHMENT_SEARCH,
    CONFIG,
    MESSAGE_SEARCH,
    REQUEST_SEARCH,
    pg_words,
)
from foidesk.core.search.query import AnyOf, Expr, Term

_COLUMNS = "kind, request_id, message_id, attachment_id, score, title, context, authority, day"
#: ``ts_rank_cd`` normalisation 1: divide by 1 + log(length), so a long document does
#: not outrank a short one only by being long (as bm25 does on SQLite).
_RANK = "ts_rank_cd(s.document, q.query, 1)"

_REQUEST = f"""SELECT 'request' AS kind, r.id AS request_id, NULL::integer AS message_id,
    NULL::integer AS attachment_id, {_RANK} AS score, r.title AS title, '' AS context,
    au.name AS authority, coalesce(r.sent_on, r.created_at::date) AS day
  FROM q CROSS JOIN {REQUEST_SEARCH} s JOIN request r ON r.id = s.request_id
  JOIN authority au ON au.id = r.authority_id
  WHERE s.document @@ q.query AND r.deleted_at IS NULL"""

_MESSAGE = f"""SELECT 'message' AS kind, m.request_id AS request_id, m.id AS message_id,
    NULL::integer AS attachment_id, {_RANK} AS score, coalesce(r.title, '') AS title,
    m.subject AS context, au.name AS authority, m.sort_at::date AS day
  FROM q CROSS JOIN {MESSAGE_SEARCH} s JOIN message m ON m.id = s.message_id
  LEFT JOIN request r ON r.id = m.request_id
  LEFT JOIN authority au ON au.id = r.authority_id
  WHERE s.document @@ q.query AND m.deleted_at IS NULL
    AND (m.request_id IS NULL OR r.deleted_at IS NULL)"""

_ATTACHMENT = f"""SELECT 'attachment' AS kind, m.request_id AS request_id, m.id AS message_id,
    a.id AS attachment_id, {_RANK} AS score, coalesce(r.title, '') AS title,
    a.filename AS context, au.name AS authority, m.sort_at::date AS day
  FROM q CROSS JOIN {ATTACHMENT_SEARCH} s JOIN attachment a ON a.id = s.attachment_id
  JOIN message m ON m.id = a.message_id
  LEFT JOIN request r ON r.id = m.request_id
  LEFT JOIN authority au ON au.id = r.authority_id
  WHERE s.document @@ q.query AND m.deleted_at IS NULL
    AND (m.request_id IS NULL OR r.deleted_at IS NULL)"""

_REQUEST_HAS_FILE = """EXISTS (SELECT 1 FROM message hm JOIN attachment ha
    ON ha.message_id = hm.id WHERE hm.request_id = r.id AND hm.deleted_at IS NULL)"""
_MESSAGE_HAS_FILE = "EXISTS (SELECT 1 FROM attachment ha WHERE ha.message_id = m.id)"


class TsQuery:
    """A ``tsquery`` expression being written, with the parameters it binds."""

    def __init__(self, params: dict[str, Any]) -> None:
        self.params = params

    def bind(self, value: str) -> str:
        name = f"w{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def lexemes(self, words: str) -> str:
        """``to_tsquery`` of one quoted string: the words as a phrase, normalised."""
        return f"to_tsquery('{CONFIG}', {self.bind(words)})"

    def expression(self, expr: Expr) -> str:
        if isinstance(expr, Term):
            return self.term(expr)
        if isinstance(expr, AnyOf):
            return "(" + " || ".join(self.expression(p) for p in expr.parts) + ")"
        wanted = "(" + " && ".join(self.expression(p) for p in expr.parts) + ")"
        excluded = "".join(f" && !!{self.expression(p)}" for p in expr.excluded)
        return f"({wanted}{excluded})" if excluded else wanted

    def term(self, term: Term) -> str:
        """A word or phrase; with ``prefix``, its last word may go on (FTS5's ``"a b"*``)."""
        words = term_words(term.text)
        if not term.prefix:
            return self.lexemes(_quoted(" ".join(words)))
        last = self.lexemes(_quoted(words[-1]) + ":*")
        if len(words) == 1:
            return last
        return f"tsquery_phrase({self.lexemes(_quoted(' '.join(words[:-1])))}, {last})"

    def any_term(self, terms: tuple[Term, ...]) -> str:
        """Any of the terms: what a snippet marks wherever it occurs."""
        return "(" + " || ".join(self.term(t) for t in terms) + ")"


def term_words(text: str) -> list[str]:
    """A term's words as the index sees them: runs of letters, digits and private-use
    characters (what ``has_word_characters`` counts), after ``search_words``."""
    words: list[str] = []
    current: list[str] = []
    for char in pg_words(text) + " ":
        category = unicodedata.category(char)
        if category[0] in "LN" or category == "Co":
            current.append(char)
        elif current:
            words.append("".join(current))
            current = []
    return words or [""]


def _quoted(words: str) -> str:
    """One ``tsquery`` string: inside quotes only a quote and a backslash are special."""
    return "'" + words.replace("\\", "\\\\").replace("'", "''") + "'"


def ranking_statement(
    query: Expr, filters: Filters, authority_ids: list[int] | None, limit: int
) -> tuple[str, dict[str, Any]]:
    """The whole ranking statement and its parameters."""
    params: dict[str, Any] = {"limit": limit}
    tsquery = TsQuery(params).expression(query)
    shared = _shared_conditions(filters, authority_ids, params)
    branches = []
    if not filters.file_types:
        request_date = "coalesce(r.sent_on, r.created_at::date)"
        extra = _dates(filters, request_date) + ([_REQUEST_HAS_FILE] * filters.has_attachment)
        branches.append(_branch(_REQUEST, shared + extra))
        extra = _dates(filters, "m.sort_at") + ([_MESSAGE_HAS_FILE] * filters.has_attachment)
        branches.append(_branch(_MESSAGE, shared + extra))
    extra = _dates(filters, "m.sort_at") + _types(filters, params)
    branches.append(_branch(_ATTACHMENT, shared + extra))
    for key, day in (("after", filters.after), ("before", filters.before)):
        if day is not None:
            params[key] = day
    union = "\nUNION ALL\n".join(f"(SELECT {_COLUMNS} FROM ({b}) AS branch)" for b in branches)
    statement = f"WITH q AS (SELECT {tsquery} AS query)\n{union}\nORDER BY score DESC LIMIT :limit"
    return statement, params


def _branch(select: str, conditions: list[str]) -> str:
    where = "".join(f"\n    AND {c}" for c in conditions)
    return f"{select}{where}\n  ORDER BY score DESC LIMIT :limit"


def _shared_conditions(
    filters: Filters, authority_ids: list[int] | None, params: dict[str, Any]
) -> list[str]:
    conditions = []
    if authority_ids is not None:
        params["authority_ids"] = authority_ids
        conditions.append("r.authority_id = ANY(:authority_ids)")
    if filters.statuses:
        params["statuses"] = list(filters.statuses)
        conditions.append("r.status = ANY(:statuses)")
    return conditions


def _dates(filters: Filters, column: str) -> list[str]:
    """Days in UTC, as on SQLite: ``after`` includes its day, ``before`` excludes it."""
    conditions = []
    if filters.after is not None:
        conditions.append(f"{column} >= :after")
    if filters.before is not None:
        conditions.append(f"{column} < :before")
    return conditions


def _types(filters: Filters, params: dict[str, Any]) -> list[str]:
    if not filters.file_types:
        return []
    params["endings"] = [f"%{ending}" for ending in filters.extensions()]
    return ["lower(a.filename) LIKE ANY(:endings)"]
