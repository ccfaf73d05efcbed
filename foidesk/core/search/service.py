"""The search operations a face calls: search, rebuild, check.

They take anything with a ``db`` and a ``store`` — in practice the ``Desk`` —
so that ``desk.py`` can offer them without this package importing it.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Protocol

from foidesk.core.changes import Changes
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.search.filters import Filters
from foidesk.core.search.hits import SearchHit
from foidesk.core.search.index import SearchIndex, index_for
from foidesk.core.search.limits import DEFAULT_LIMIT
from foidesk.core.search.query import SearchQuery, parse_query
from foidesk.core.storage.database import Database
from foidesk.core.storage.file_store import AttachmentStore

if TYPE_CHECKING:
    from foidesk.core.operations.base import Unit

MAX_LIMIT = 1000


class DeskLike(Protocol):
    """What search needs of an open profile: its database and store, and its units of
    work that publish what they changed (the ``Desk``)."""

    @property
    def db(self) -> Database: ...

    @property
    def store(self) -> AttachmentStore: ...

    def writing(self, changes: Changes = ...) -> AbstractContextManager[Unit]: ...


#: What rebuilding the index or reading attachments' text changes for the views.
INDEX_CHANGED = Changes(search_index=True)


def search_index(desk: DeskLike) -> SearchIndex:
    return index_for(desk.db.engine.dialect.name)


def search(
    desk: DeskLike, text: str, *, filters: Filters | None = None, limit: int = DEFAULT_LIMIT
) -> list[SearchHit]:
    """The best hits for what the user typed, narrowed by ``filters`` (from the window).

    Blank text finds nothing; text that is only filters is refused, since a
    filter narrows a search but does not make one.
    """
    return run_query(desk, parse_query(text), filters=filters, limit=limit)


def run_query(
    desk: DeskLike,
    query: SearchQuery,
    *,
    filters: Filters | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[SearchHit]:
    """``search`` for an already parsed query (the window parses once, to highlight too)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInputError(
            _("the number of results must be between 1 and {max_limit}").format(max_limit=MAX_LIMIT)
        )
    if filters is not None:
        query = query.narrowed(filters)
    if query.expr is None:
        if query.filters.any:
            raise InvalidInputError(_("type a word to search for; filters only narrow a search"))
        return []
    with desk.db.reading() as session:
        return search_index(desk).search(session, query, limit)


def rebuild_index(desk: DeskLike) -> None:
    """Rebuild the full-text index from the rows, in one transaction (``--reindex``)."""
    with desk.writing(INDEX_CHANGED) as unit:
        search_index(desk).rebuild(unit.session)


def check_index(desk: DeskLike) -> list[str]:
    """Problems ``foidesk check`` should report: index drift, lost text (empty when fine)."""
    with desk.db.reading() as session:
        return search_index(desk).problems(session)
