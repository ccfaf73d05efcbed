"""``SearchIndex`` on SQLite FTS5: run searches, rebuild, and find drift."""

from __future__ import annotations

import sqlite3
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from foidesk.core.errors import FoideskError, InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.locale_format import format_number
from foidesk.core.search import fts5_schema as schema
from foidesk.core.search.fts5_sql import ranking_statement
from foidesk.core.search.fts5_syntax import fts5_match
from foidesk.core.search.hits import SearchHit, marked_snippet
from foidesk.core.search.query import SearchQuery
from foidesk.core.search.shared import (
    DRIFTED,
    MISCOUNTED,
    authority_ids,
    text_state_mismatches,
    without_echoes,
)
from foidesk.core.search.snippets import snippets
from foidesk.core.storage import failures

_SOURCES = {
    schema.REQUEST_FTS: "request",
    schema.MESSAGE_FTS: "message",
    schema.ATTACHMENT_FTS: "attachment",
}


class SearchIndexMissingError(FoideskError):
    """The profile's search index is gone or damaged (a hand-edited or broken database)."""


class Fts5SearchIndex:
    def search(self, session: Session, query: SearchQuery, limit: int) -> list[SearchHit]:
        if query.expr is None:
            return []
        authorities = query.filters.authorities
        ids = authority_ids(session, authorities) if authorities else None
        statement, params = ranking_statement(query.filters, ids, limit)
        match = params["match"] = fts5_match(query.expr)
        try:
            rows = session.execute(text(statement), params).all()
            found = snippets(session, query, match, rows)
        except DatabaseError as exc:
            error = _search_error(exc, session)
            if error is exc:
                raise
            raise error from exc
        return without_echoes([_hit(row, found) for row in rows])

    def rebuild(self, session: Session) -> None:
        """Drop and recreate the index objects (restoring lost triggers), then refill them."""
        for statement in (*schema.DROP_V1, *schema.CREATE_V1, *schema.REBUILD):
            session.execute(text(statement))
        for table in schema.FTS_TABLES:
            session.execute(text(f"INSERT INTO {table}({table}) VALUES ('optimize')"))

    def problems(self, session: Session) -> list[str]:
        missing = _missing_objects(session)
        if missing:
            text = _(
                "search index: {objects} missing; run `foidesk search --reindex` to rebuild it"
            )
            return [text.format(objects=", ".join(missing))]
        found = _count_mismatches(session) or _integrity_failures(session)
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
        rank=-float(row.score),
        title=row.title,
        context=row.context,
        authority=row.authority,
        day=date.fromisoformat(row.day[:10]) if row.day else None,
    )


def _search_error(exc: DatabaseError, session: Session) -> BaseException:
    """A failed search said plainly: a damaged index is mended by ``--reindex``, a damaged
    database is the database's problem (``failures.py``), and the rest is a bug.

    FTS5 reports a damaged index as SQLite's plain CORRUPT, like a damaged page: only
    the pages themselves tell the two apart, so they are checked on this rare path.
    """
    damage = failures.classify(exc) is failures.Failure.DAMAGED
    if damage and _pages_sound(session):
        return SearchIndexMissingError(
            _("the search index is damaged; run `foidesk search --reindex` to rebuild it")
        )
    if failures.classify(exc) is not None:
        return exc  # the unit of work words it, and marks a damaged database
    message = str(exc.orig) if exc.orig is not None else str(exc)
    if "no such table" in message:
        return SearchIndexMissingError(
            _("the search index is missing; run `foidesk search --reindex` to rebuild it")
        )
    if "fts5" in message:  # the renderer should prevent this; say so rather than crash
        return InvalidInputError(
            _("foidesk could not run this search ({error})").format(error=message)
        )
    return exc


def _pages_sound(session: Session) -> bool:
    try:
        lines = session.execute(text("PRAGMA quick_check")).scalars().all()
    except DatabaseError:
        return False
    return list(lines) == ["ok"]


def _missing_objects(session: Session) -> list[str]:
    rows = session.execute(text("SELECT type, name FROM sqlite_master")).all()
    present = {(kind, name) for kind, name in rows}
    wanted = [("table", t) for t in schema.FTS_TABLES] + [("view", schema.ATTACHMENT_VIEW)]
    wanted += [("trigger", t) for t in schema.TRIGGERS_V1]
    return [f"{kind} {name}" for kind, name in wanted if (kind, name) not in present]


def _count_mismatches(session: Session) -> list[str]:
    problems = []
    for table, source in _SOURCES.items():
        indexed = int(session.scalar(text(f"SELECT count(*) FROM {table}_docsize")) or 0)
        rows = int(session.scalar(text(f"SELECT count(*) FROM {source}")) or 0)
        if indexed != rows:
            sentence = MISCOUNTED[source](rows)
            problems.append(
                sentence.format(indexed=format_number(indexed), count=format_number(rows))
            )
    return problems


def _integrity_failures(session: Session) -> list[str]:
    """FTS5 compares every index entry with its row. The check is an INSERT, so it runs
    in a savepoint that is rolled back; a read-only database cannot run it at all, and
    is checked on a private copy instead (``_on_a_copy``)."""
    problems = []
    for table in _SOURCES:
        try:
            with session.begin_nested():
                session.execute(
                    text(f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)")
                )
        except DatabaseError as exc:
            if failures.classify(exc) is failures.Failure.READ_ONLY:
                return _on_a_copy(session)
            if failures.sqlite_code(exc) != failures.SQLITE_CORRUPT_VTAB:
                raise
            problems.append(_(DRIFTED[_SOURCES[table]]))
    return problems


def _on_a_copy(session: Session) -> list[str]:
    """The index check of a read-only database, run on a copy in a private temporary
    folder (SQLite's online backup API), which is removed afterwards."""
    source = session.connection().connection.driver_connection
    assert isinstance(source, sqlite3.Connection)
    with tempfile.TemporaryDirectory(prefix="foidesk-check-") as folder:
        copy = sqlite3.connect(Path(folder) / "copy.sqlite3", isolation_level=None)
        try:
            source.backup(copy)
            problems = []
            for table in _SOURCES:
                try:
                    copy.execute(
                        f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)"
                    )
                except sqlite3.DatabaseError as exc:
                    if failures.sqlite_code(exc) != failures.SQLITE_CORRUPT_VTAB:
                        raise
                    problems.append(_(DRIFTED[_SOURCES[table]]))
            return problems
        finally:
            copy.close()
