"""What every search back end shares: authority filters, echoes, and the text-state check.

Plain SQL that runs on SQLite and PostgreSQL alike; each index (``fts5_index.py``,
``pg_index.py``) adds its own ranking, snippets and drift checks around it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from foidesk.core.i18n import N_, ngettext
from foidesk.core.search.hits import SearchHit
from foidesk.core.search.states import TextState
from foidesk.core.storage.tables import Authority

#: Each source table's index drifted from its rows, in a whole sentence.
DRIFTED = {
    "request": N_(
        "search index: the index of requests has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
    "message": N_(
        "search index: the index of messages has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
    "attachment": N_(
        "search index: the index of attachments has drifted; run `foidesk search --reindex` "
        "to rebuild it"
    ),
}
#: Each source table's index holding another number of entries than it has rows.
MISCOUNTED: dict[str, Callable[[int], str]] = {
    "request": lambda n: ngettext(
        "search index: {indexed} entries for {count} request; run `foidesk search --reindex` "
        "to rebuild it",
        "search index: {indexed} entries for {count} requests; run `foidesk search --reindex` "
        "to rebuild it",
        n,
    ),
    "message": lambda n: ngettext(
        "search index: {indexed} entries for {count} message; run `foidesk search --reindex` "
        "to rebuild it",
        "search index: {indexed} entries for {count} messages; run `foidesk search --reindex` "
        "to rebuild it",
        n,
    ),
    "attachment": lambda n: ngettext(
        "search index: {indexed} entries for {count} attachment; run `foidesk search "
        "--reindex` to rebuild it",
        "search index: {indexed} entries for {count} attachments; run `foidesk search "
        "--reindex` to rebuild it",
        n,
    ),
}


def authority_ids(session: Session, names: tuple[str, ...]) -> list[int]:
    """Authorities a filter names: exact (case-insensitive) name or short name, else a
    part of the name. Matched in Python: SQLite's ``lower()`` knows only ASCII."""
    rows = session.execute(select(Authority.id, Authority.name, Authority.short_name)).all()
    found: set[int] = set()
    for wanted in (n.casefold() for n in names):
        exact = {i for i, name, short in rows if wanted in (name.casefold(), _fold(short))}
        found |= exact or {i for i, name, _ in rows if wanted in name.casefold()}
    return sorted(found)


def _fold(name: str | None) -> str:
    return (name or "").casefold()


def without_echoes(hits: list[SearchHit]) -> list[SearchHit]:
    """Drop a request's own hit when its thread's first message says the same words.

    A request's text is also its first outgoing message, so both would match;
    the message hit is kept because it opens the thread at the right place.
    """
    echoed = {(h.request_id, h.snippet) for h in hits if h.kind == "message"}
    return [h for h in hits if h.kind != "request" or (h.request_id, h.snippet) not in echoed]


def text_state_mismatches(session: Session) -> list[str]:
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
