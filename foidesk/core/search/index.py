"""The search back end behind one interface, chosen by the database's dialect.

SQLite (the embedded default) gets FTS5, PostgreSQL (a team's database) its own
full-text search (``pg_index.py``). Other databases get an index that says plainly
that search is not available there.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _
from foidesk.core.search.hits import SearchHit
from foidesk.core.search.query import SearchQuery


class SearchUnavailableError(FoideskError):
    """Full-text search is not available for this profile's kind of database."""


class SearchIndex(Protocol):
    """A full-text index over requests, messages and attachment text.

    Implementations keep themselves current inside the writer's transaction
    (SQLite: triggers), so callers only search, rebuild and check.
    """

    def search(self, session: Session, query: SearchQuery, limit: int) -> list[SearchHit]:
        """The best ``limit`` hits for a query that has words to match, best first."""

    def rebuild(self, session: Session) -> None:
        """Recreate the index from the rows (inside the caller's write transaction)."""

    def problems(self, session: Session) -> list[str]:
        """Ways the index and the rows disagree, as sentences (empty when consistent)."""


class UnavailableIndex:
    """For databases without a full-text back end yet: searching says so, checking is quiet."""

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect

    def search(self, session: Session, query: SearchQuery, limit: int) -> list[SearchHit]:
        raise SearchUnavailableError(
            _("full-text search is not available on {dialect} yet").format(dialect=self.dialect)
        )

    def rebuild(self, session: Session) -> None:
        raise SearchUnavailableError(
            _("full-text search is not available on {dialect} yet").format(dialect=self.dialect)
        )

    def problems(self, session: Session) -> list[str]:
        return []


def index_for(dialect: str) -> SearchIndex:
    if dialect == "sqlite":
        from foidesk.core.search.fts5_index import Fts5SearchIndex

        return Fts5SearchIndex()
    if dialect == "postgresql":
        from foidesk.core.search.pg_index import PgSearchIndex

        return PgSearchIndex()
    return UnavailableIndex(dialect)
