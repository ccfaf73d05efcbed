"""The SQL of one search on SQLite, in two steps: rank, then build snippets for the winners.

Step one drives each branch (requests, messages, attachments) from its FTS5
index (``CROSS JOIN`` fixes the join order) and lets FTS5 deliver rows in
rank order, so SQLite stops after ``limit`` rows that pass the filters. Rows
in the trash (``deleted_at`` set, on the message or on its request) never
pass. No snippet is built here: a snippet re-reads its whole document, and
most ranked rows are not among the ones finally shown (see ``snippets.py``).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from foidesk.core.search.filters import Filters
from foidesk.core.search.fts5_schema import ATTACHMENT_FTS, MESSAGE_FTS, REQUEST_FTS

_COLUMNS = "kind, request_id, message_id, attachment_id, score, title, context, authority, day"

_REQUEST = f"""SELECT 'request' AS kind, r.id AS request_id, NULL AS message_id,
    NULL AS attachment_id, {REQUEST_FTS}.rank AS score, r.title AS title, '' AS context,
    au.name AS authority, coalesce(r.sent_on, date(r.created_at)) AS day
  FROM {REQUEST_FTS} CROSS JOIN request r ON r.id = {REQUEST_FTS}.rowid
  JOIN authority au ON au.id = r.authority_id
  WHERE {REQUEST_FTS} MATCH :match AND r.deleted_at IS NULL"""

_MESSAGE = f"""SELECT 'message' AS kind, m.request_id AS request_id, m.id AS message_id,
    NULL AS attachment_id, {MESSAGE_FTS}.rank AS score, coalesce(r.title, '') AS title,
    m.subject AS context, au.name AS authority, date(m.sort_at) AS day
  FROM {MESSAGE_FTS} CROSS JOIN message m ON m.id = {MESSAGE_FTS}.rowid
  LEFT JOIN request r ON r.id = m.request_id
  LEFT JOIN authority au ON au.id = r.authority_id
  WHERE {MESSAGE_FTS} MATCH :match AND m.deleted_at IS NULL
    AND (m.request_id IS NULL OR r.deleted_at IS NULL)"""

_ATTACHMENT = f"""SELECT 'attachment' AS kind, m.request_id AS request_id, m.id AS message_id,
    a.id AS attachment_id, {ATTACHMENT_FTS}.rank AS score, coalesce(r.title, '') AS title,
    a.filename AS context, au.name AS authority, date(m.sort_at) AS day
  FROM {ATTACHMENT_FTS} CROSS JOIN attachment a ON a.id = {ATTACHMENT_FTS}.rowid
  JOIN message m ON m.id = a.message_id
  LEFT JOIN request r ON r.id = m.request_id
  LEFT JOIN authority au ON au.id = r.authority_id
  WHERE {ATTACHMENT_FTS} MATCH :match AND m.deleted_at IS NULL
    AND (m.request_id IS NULL OR r.deleted_at IS NULL)"""

_REQUEST_HAS_FILE = """EXISTS (SELECT 1 FROM message hm JOIN attachment ha
    ON ha.message_id = hm.id WHERE hm.request_id = r.id AND hm.deleted_at IS NULL)"""
_MESSAGE_HAS_FILE = "EXISTS (SELECT 1 FROM attachment ha WHERE ha.message_id = m.id)"


def ranking_statement(
    filters: Filters, authority_ids: list[int] | None, limit: int
) -> tuple[str, dict[str, Any]]:
    """The statement and its parameters (all but ``match``, which the caller adds)."""
    params: dict[str, Any] = {"limit": limit}
    shared = _shared_conditions(filters, authority_ids, params)
    branches = []
    if not filters.file_types:
        request_date = "coalesce(r.sent_on, date(r.created_at))"
        extra = _dates(filters, request_date) + ([_REQUEST_HAS_FILE] * filters.has_attachment)
        branches.append(_branch(_REQUEST, REQUEST_FTS, shared + extra))
        extra = _dates(filters, "m.sort_at") + ([_MESSAGE_HAS_FILE] * filters.has_attachment)
        branches.append(_branch(_MESSAGE, MESSAGE_FTS, shared + extra))
    extra = _dates(filters, "m.sort_at") + _types(filters, params)
    branches.append(_branch(_ATTACHMENT, ATTACHMENT_FTS, shared + extra))
    _date_params(filters, params)
    union = "\nUNION ALL\n".join(f"SELECT {_COLUMNS} FROM ({b})" for b in branches)
    return f"{union}\nORDER BY score LIMIT :limit", params


def snippet_statement(table: str, body: int, fallback: int, rowids: list[int]) -> str:
    """Snippets of chosen rows: the body's, and one for when only a title, subject or
    file name matched (those are shown beside the hit anyway, so the body is better)."""
    listed = ", ".join(str(int(i)) for i in rowids)
    return (
        f"SELECT rowid, {_snippet(table, body)}, {_snippet(table, fallback)} FROM {table} "
        f"WHERE {table} MATCH :match AND rowid IN ({listed})"
    )


SNIPPET_TOKENS = 16


def _snippet(table: str, column: int) -> str:
    return f"snippet({table}, {column}, char(2), char(3), '…', {SNIPPET_TOKENS})"


def _branch(select: str, table: str, conditions: list[str]) -> str:
    where = "".join(f"\n    AND {c}" for c in conditions)
    return f"{select}{where}\n  ORDER BY {table}.rank LIMIT :limit"


def _shared_conditions(
    filters: Filters, authority_ids: list[int] | None, params: dict[str, Any]
) -> list[str]:
    conditions = []
    if authority_ids is not None:
        listed = ", ".join(str(int(i)) for i in authority_ids) or "NULL"
        conditions.append(f"r.authority_id IN ({listed})")
    if filters.statuses:
        names = []
        for index, status in enumerate(filters.statuses):
            params[f"status{index}"] = status
            names.append(f":status{index}")
        conditions.append(f"r.status IN ({', '.join(names)})")
    return conditions


def _dates(filters: Filters, column: str) -> list[str]:
    """Dates compare as ISO text, which SQLite stores both dates and times as."""
    conditions = []
    if filters.after is not None:
        conditions.append(f"{column} >= :after")
    if filters.before is not None:
        conditions.append(f"{column} < :before")
    return conditions


def _date_params(filters: Filters, params: dict[str, Any]) -> None:
    for key, day in (("after", filters.after), ("before", filters.before)):
        if day is not None:
            params[key] = _iso(day)


def _iso(day: date) -> str:
    return day.isoformat()


def _types(filters: Filters, params: dict[str, Any]) -> list[str]:
    if not filters.file_types:
        return []
    likes = []
    for index, ending in enumerate(filters.extensions()):
        params[f"ending{index}"] = f"%{ending}"
        likes.append(f"a.filename LIKE :ending{index}")
    return ["(" + " OR ".join(likes) + ")"]
