"""``SearchIndex`` on SQLite FTS5: run searches, rebuild, and find drift."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from foidesk.core.errors import FoideskError, InvalidInputError
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.search import fts5_schema as schema
from foidesk.core.search.fts5_sql import ranking_statement
from foidesk.core.search.fts5_syntax import fts5_match
from foidesk.core.search.hits import SearchHit, marked_snippet
from foidesk.core.search.query import SearchQuery
from foidesk.core.search.snippets import snippets
from foidesk.core.search.states import TextState
from foidesk.core.storage import failures
from foidesk.core.storage.tables import Authority

_SOURCES = {
    schema.REQUEST_FTS: "request",
    schema.MESSAGE_FTS: "message",
    schema.ATTACHMENT_FTS: "attachment",
}
#: Each table's index drifted from its rows, in a whole sentence.
_DRIFTED = {
    schema.REQUEST_FTS: N_(
        "search index: the index of requests has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
    schema.MESSAGE_FTS: N_(
        "search index: the index of messages has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
    schema.ATTACHMENT_FTS: N_(
        "search index: the index of attachments has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
}
#: Each table's index holding another number of entries than it has rows.
_MISCOUNTED: dict[str, Callable[[int], str]] = {
    schema.REQUEST_FTS: lambda n: ngettext(
        "search index: {indexed} entries for {count} request; run `foidesk search --reindex` "
        "to rebuild it",
        "search index: {indexed} entries for {count} requests; run `foidesk search --reindex` "
        "to rebuild it",
        n,
    ),
    schema.MESSAGE_FTS: lambda n: ngettext(
        "search index: {indexed} entries for {count} message; run `foidesk search --reindex` "
        "to rebuild it",
        "search index: {indexed} entries for {count} messages; run `foidesk search --reindex` "
        "to rebuild it",
        n,
    ),
    schema.ATTACHMENT_FTS: lambda n: ngettext(
        "search index: {indexed} entries for {count} attachment; run `foidesk search "
        "--reindex` to rebuild it",
        "search index: {indexed} entries for {count} attachments; run `foidesk search "
        "--reindex` to rebuild it",
        n,
    ),
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
        return _without_echoes([_hit(row, found) for row in rows])

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
        return found + _text_state_mismatches(session)


def authority_ids(session: Session, names: tuple[str, ...]) -> list[int]:
    """Authorities a filter names: exact (case-insensitive) name or short name, else a
    part of the name. Matched in Python: SQLite's ``lower()`` knows only ASCII."""
    rows = session.execute(select(Authority.id, Authority.name, Authority.short_name)).all()
    found: set[int] = set()
    for wanted in (n.casefold() for n in names):
        exact = {i for i, name, short in rows if wanted in (name.casefold(), _fold(short))}
        found |= exact or {i for i, name, _ in rows if wanted in name.casefold()}
    return sorted(found)


def _without_echoes(hits: list[SearchHit]) -> list[SearchHit]:
    """Drop a request's own hit when its thread's first message says the same words.

    A request's text is also its first outgoing message, so both would match;
    the message hit is kept because it opens the thread at the right place.
    """
    echoed = {(h.request_id, h.snippet) for h in hits if h.kind == "message"}
    return [h for h in hits if h.kind != "request" or (h.request_id, h.snippet) not in echoed]


def _fold(name: str | None) -> str:
    return (name or "").casefold()


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
            sentence = _MISCOUNTED[table](rows)
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
            problems.append(_(_DRIFTED[table]))
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
                    problems.append(_(_DRIFTED[table]))
            return problems
        finally:
            copy.close()


def _text_state_mismatches(session: Session) -> list[str]:
    done = TextState.DONE.value
    orphans = session.scalar(
        text(
            "SELECT count(*) FROM attachment_text t JOIN attachment a ON a.id = t.attachment_id "
            "WHERE a.text_state != :done"
        ),
        {"done": done},
    )
    lost = session.scalar(
        text(
            "SELECT count(*) FROM attachment a WHERE a.text_state = :done AND NOT EXISTS "
            "(SELECT 1 FROM attachment_text t WHERE t.attachment_id = a.id)"
        ),
        {"done": done},
    )
    problems = []
    if orphans:
        orphaned = ngettext(
            "search: {count} attachment has text but is not marked read",
            "search: {count} attachments have text but are not marked read",
            orphans,
        )
        problems.append(orphaned.format(count=orphans))
    if lost:
        missing = ngettext(
            "search: {count} attachment is marked read but its text is missing; "
            "run `foidesk search --reindex --re-extract`",
            "search: {count} attachments are marked read but their text is missing; "
            "run `foidesk search --reindex --re-extract`",
            lost,
        )
        problems.append(missing.format(count=lost))
    return problems
