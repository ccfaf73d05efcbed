"""``SearchIndex`` on PostgreSQL full-text search: run searches, rebuild, and find drift.

The same query language and the same hits as on SQLite (``fts5_index.py``): the
parser's tree becomes a ``tsquery`` (``pg_sql.py``), ``ts_rank_cd`` ranks, and
``ts_headline`` marks the snippets (``pg_snippets.py``); the index objects are
described in ``pg_schema.py``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from foidesk.core.errors import FoideskError, InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.locale_format import format_number
from foidesk.core.search import pg_schema as schema
from foidesk.core.search.hits import SearchHit, marked_snippet
from foidesk.core.search.pg_snippets import pg_snippets
from foidesk.core.search.pg_sql import ranking_statement
from foidesk.core.search.query import SearchQuery
from foidesk.core.search.shared import (
    DRIFTED,
    MISCOUNTED,
    authority_ids,
    text_state_mismatches,
    without_echoes,
)

#: SQLSTATEs of an index object that is not there (table, function, configuration).
_MISSING_STATES = frozenset({"42P01", "42883", "42704"})
_SYNTAX_ERROR = "42601"


class PgSearchIndexMissingError(FoideskError):
    """The profile's search objects are gone (a hand-edited database)."""


class PgSearchIndex:
    def search(self, session: Session, query: SearchQuery, limit: int) -> list[SearchHit]:
        if query.expr is None:
            return []
        authorities = query.filters.authorities
        ids = authority_ids(session, authorities) if authorities else None
        statement, params = ranking_statement(query.expr, query.filters, ids, limit)
        try:
            with session.begin_nested():  # a failed search leaves the transaction usable
                rows = session.execute(text(statement), params).all()
                found = pg_snippets(session, query, rows)
        except DatabaseError as exc:
            raise _search_error(exc) from exc
        return without_echoes([_hit(row, found) for row in rows])

    def rebuild(self, session: Session) -> None:
        """Recreate whatever index object is missing, then refill every entry.

        Only missing objects are made again, so a member whose role may not change the
        schema can still repair drift (which needs only the rows).
        """
        if _missing_objects(session):
            for statement in (*schema.DROP_V1, *schema.CREATE_V1):
                session.execute(text(statement))
        for statement in schema.REBUILD:
            session.execute(text(statement))

    def problems(self, session: Session) -> list[str]:
        missing = _missing_objects(session)
        if missing:
            sentence = _(
                "search index: {objects} missing; run `foidesk search --reindex` to rebuild it"
            )
            return [sentence.format(objects=", ".join(missing))]
        found = _count_mismatches(session) or _drift(session)
        return found + text_state_mismatches(session)


def _hit(row: Any, found: dict[tuple[str, int], str]) -> SearchHit:
    rowid = {"request": row.request_id, "message": row.message_id}.get(row.kind)
    snippet = found.get((row.kind, row.attachment_id if rowid is None else rowid), "")
    return SearchHit(
        kind=row.kind,
        request_id=row.request_id,
        message_id=row.message_id,
        attachment_id=row.attachment_id,
        snippet=marked_snippet(snippet),
        rank=float(row.score),
        title=row.title,
        context=row.context,
        authority=row.authority,
        day=row.day,
    )


def _search_error(exc: DatabaseError) -> BaseException:
    """A missing index object is mended by ``--reindex``; a ``tsquery`` the server
    cannot read (the quoting in ``pg_sql.py`` should prevent it) is said plainly; what
    the server says about itself (gone, refused, full) is left to the unit of work."""
    state = getattr(exc.orig, "sqlstate", None)
    if state in _MISSING_STATES:
        return PgSearchIndexMissingError(
            _("the search index is missing; run `foidesk search --reindex` to rebuild it")
        )
    if state == _SYNTAX_ERROR:
        return InvalidInputError(
            _("foidesk could not run this search ({error})").format(error=str(exc.orig))
        )
    return exc


def _missing_objects(session: Session) -> list[str]:
    tables = set(
        session.scalars(
            text("SELECT c.relname FROM pg_class c WHERE c.relname = ANY(:names)"),
            {"names": list(schema.SEARCH_TABLES)},
        )
    )
    functions = set(
        session.scalars(
            text("SELECT proname FROM pg_proc WHERE proname = ANY(:names)"),
            {"names": list(schema.FUNCTIONS_V1)},
        )
    )
    triggers = set(
        session.scalars(
            text("SELECT tgname FROM pg_trigger WHERE tgname = ANY(:names)"),
            {"names": list(schema.TRIGGERS_V1)},
        )
    )
    config = session.scalar(
        text("SELECT count(*) FROM pg_ts_config WHERE cfgname = :name"), {"name": schema.CONFIG}
    )
    missing = [f"table {t}" for t in schema.SEARCH_TABLES if t not in tables]
    missing += [f"function {f}" for f in schema.FUNCTIONS_V1 if f not in functions]
    missing += [f"trigger {t}" for t in schema.TRIGGERS_V1 if t not in triggers]
    return missing + ([] if config else [f"text search configuration {schema.CONFIG}"])


def _count_mismatches(session: Session) -> list[str]:
    problems = []
    for table, (source, _key) in schema.SEARCH_TABLES.items():
        indexed = int(session.scalar(text(f"SELECT count(*) FROM {table}")) or 0)
        rows = int(session.scalar(text(f"SELECT count(*) FROM {source}")) or 0)
        if indexed != rows:
            sentence = MISCOUNTED[source](rows)
            problems.append(
                sentence.format(indexed=format_number(indexed), count=format_number(rows))
            )
    return problems


def _drift(session: Session) -> list[str]:
    """Every entry compared with its row, made again: the counterpart of FTS5's
    ``integrity-check`` (a read, so it also runs for a read-only member)."""
    problems = []
    for table, statement in schema.DRIFT_V1.items():
        if session.scalar(text(statement)):
            problems.append(_(DRIFTED[schema.SEARCH_TABLES[table][0]]))
    return problems
