"""Rows whose parent was lost: given a home where they have a natural one, kept aside
otherwise. No recovered row is dropped.

- a message whose request was lost goes to Unfiled (``request_id`` empty), to be filed
  again;
- a request whose authority was lost gets a stand-in authority with the lost one's id
  and a name that says so;
- attachments whose message was lost get a stand-in note in Unfiled, with the lost
  message's id, that holds them;
- an attachment or original email whose stored file's row was lost gets the row again
  (see below);
- any other row whose parent was lost (a status change, a clock event, a tag link, an
  attachment's text) moves into the lost-and-found file, in a table of the same name.

Status changes and clock events mean nothing without their request, and a tag link
nothing without both ends, so they are kept aside rather than pinned to stand-ins.

Before the foreign keys are looked at, every file in the attachment store that has no
row gets one again (its size read from disk): the rows that used it may be among those
SQLite could not place, and a file without a row looks unused to ``check --repair``,
which would delete it. A row that refers to a file neither the database nor the store
still has is kept too, with a row for the file, so that ``foidesk check`` names it as
missing rather than the salvage hiding it.

Attachments marked as read whose text was lost are marked to be read again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, insert

from foidesk.core.i18n import _
from foidesk.core.importing import reasons
from foidesk.core.phrases import Phrase
from foidesk.core.salvage import wording
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.storage.file_store import AttachmentStore, is_sha256
from foidesk.core.storage.tables import Authority, Blob, Message
from foidesk.core.vocabulary import DEFAULT_REGIME

MAX_ROUNDS = 5
CHUNK = 500
UNFILED_BY = Phrase(reasons.UNFILED_BY_SALVAGE).stored()


@dataclass
class Placement:
    """What was done with rows whose parent was lost, counted by what was done."""

    rehomed: dict[str, int] = field(default_factory=dict)
    moved_aside: dict[str, int] = field(default_factory=dict)

    def add(self, what: str, count: int) -> None:
        if count:
            self.rehomed[what] = self.rehomed.get(what, 0) + count


Rule = Callable[[Connection, list[int], Placement], None]


def place_orphans(engine: Engine, store: AttachmentStore) -> Placement:
    placement = Placement()
    with engine.begin() as conn:
        _register_stored_files(conn, store, placement)
        for _ in range(MAX_ROUNDS):
            found = _violations(conn)
            if not found:
                break
            for (table, parent), rowids in found.items():
                rule = _RULES.get((table, parent))
                if rule is None:
                    _move_aside(conn, table, rowids, placement)
                else:
                    rule(conn, rowids, placement)
        else:
            raise SalvageError(
                _("the recovered rows' references could not be mended; nothing was changed")
            )
        _settle_text_states(conn, placement)
    return placement


def _violations(conn: Connection) -> dict[tuple[str, str], list[int]]:
    found: dict[tuple[str, str], list[int]] = defaultdict(list)
    for table, rowid, parent, _fkid in conn.exec_driver_sql("PRAGMA main.foreign_key_check"):
        if rowid is None:  # pragma: no cover - every foidesk table has rowids
            raise SalvageError(
                _("a row of {table} cannot be told apart; nothing was changed").format(table=table)
            )
        found[(str(table), str(parent))].append(int(rowid))
    return {key: sorted(set(rowids)) for key, rowids in found.items()}


def _chunks(rowids: Sequence[int]) -> list[tuple[str, tuple[int, ...]]]:
    """``rowid IN (?, …)`` clauses of at most ``CHUNK`` ids, with their parameters."""
    out = []
    for start in range(0, len(rowids), CHUNK):
        part = tuple(rowids[start : start + CHUNK])
        out.append((f"rowid IN ({', '.join('?' * len(part))})", part))
    return out


def _now() -> datetime:
    return datetime.now(UTC)


# --- the rules -------------------------------------------------------------------------


def _unfile(conn: Connection, rowids: list[int], placement: Placement) -> None:
    for where, ids in _chunks(rowids):
        conn.exec_driver_sql(
            f"UPDATE message SET request_id = NULL, filed_by = ? WHERE {where}", (UNFILED_BY, *ids)
        )
    placement.add(Phrase(wording.MESSAGES_UNFILED), len(rowids))


def _stand_in_authorities(conn: Connection, rowids: list[int], placement: Placement) -> None:
    regimes: dict[int, str] = {}
    for where, ids in _chunks(rowids):
        sql = f"SELECT authority_id, regime FROM request WHERE {where}"
        for authority_id, regime in conn.exec_driver_sql(sql, ids):
            regimes.setdefault(int(authority_id), str(regime or DEFAULT_REGIME))
    names = {str(n) for (n,) in conn.exec_driver_sql("SELECT name FROM authority")}
    for authority_id, regime in sorted(regimes.items()):
        name = _free_name(f"Authority lost in salvage #{authority_id}", names)
        conn.execute(
            insert(Authority).values(
                id=authority_id,
                name=name,
                default_regime=regime,
                notes="Made by foidesk salvage: this authority's own row could not be read.",
            )
        )
    placement.add(Phrase(wording.STAND_IN_AUTHORITIES), len(regimes))


def _free_name(wanted: str, taken: set[str]) -> str:
    name, counter = wanted, 2
    while name in taken:
        name, counter = f"{wanted} ({counter})", counter + 1
    taken.add(name)
    return name


def _stand_in_messages(conn: Connection, rowids: list[int], placement: Placement) -> None:
    lost: set[int] = set()
    for where, ids in _chunks(rowids):
        sql = f"SELECT message_id FROM attachment WHERE {where}"
        lost |= {int(m) for (m,) in conn.exec_driver_sql(sql, ids)}
    for message_id in sorted(lost):
        conn.execute(
            insert(Message).values(
                id=message_id,
                request_id=None,
                direction="incoming",
                kind="note",
                sort_at=_now(),
                subject="Attachments of a message salvage could not read",
                body_text=(
                    "foidesk salvage found these attachments, but not the message they "
                    "came with. File this note where they belong."
                ),
                filed_by=Phrase(reasons.SALVAGE).stored(),
            )
        )
    placement.add(Phrase(wording.STAND_IN_NOTES), len(lost))


def _attachment_files(conn: Connection, rowids: list[int], placement: Placement) -> None:
    sizes: dict[str, int] = {}
    for where, ids in _chunks(rowids):
        sql = f"SELECT sha256, size FROM attachment WHERE {where}"
        for digest, size in conn.exec_driver_sql(sql, ids):
            sizes[str(digest)] = max(sizes.get(str(digest), 0), int(size or 0))
    _file_rows(conn, "attachment", "sha256", rowids, sizes, placement)


def _original_files(conn: Connection, rowids: list[int], placement: Placement) -> None:
    digests: dict[str, int] = {}
    for where, ids in _chunks(rowids):
        sql = f"SELECT raw_sha256 FROM message WHERE {where}"
        digests |= {str(d): 0 for (d,) in conn.exec_driver_sql(sql, ids)}
    _file_rows(conn, "message", "raw_sha256", rowids, digests, placement)


def _file_rows(
    conn: Connection,
    table: str,
    column: str,
    rowids: list[int],
    sizes: dict[str, int],
    placement: Placement,
) -> None:
    """Rows for files gone from the store as well (``check`` reports them missing); a
    reference that is not a digest at all cannot name a file, and its row goes aside."""
    good = {d: s for d, s in sizes.items() if is_sha256(d)}
    for digest, size in sorted(good.items()):
        conn.execute(insert(Blob).values(sha256=digest, size=size))
    placement.add(Phrase(wording.MISSING_FILES), len(good))
    bad = sorted(set(sizes) - set(good))
    if bad:
        marks = ", ".join("?" * len(bad))
        sql = f'SELECT rowid FROM "{table}" WHERE "{column}" IN ({marks})'
        odd = [int(r) for (r,) in conn.exec_driver_sql(sql, tuple(bad)) if int(r) in rowids]
        _move_aside(conn, table, odd, placement)


def _move_aside(conn: Connection, table: str, rowids: list[int], placement: Placement) -> None:
    """Copy the rows into the lost-and-found file's table of the same name, then remove
    them here."""
    if not rowids:
        return
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM lost.sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).first()
    if exists is None:
        conn.exec_driver_sql(f'CREATE TABLE lost."{table}" AS SELECT * FROM main."{table}" WHERE 0')
    for where, ids in _chunks(rowids):
        copy = f'INSERT INTO lost."{table}" SELECT * FROM main."{table}" WHERE {where}'
        conn.exec_driver_sql(copy, ids)
        conn.exec_driver_sql(f'DELETE FROM main."{table}" WHERE {where}', ids)
    placement.moved_aside[table] = placement.moved_aside.get(table, 0) + len(rowids)


_RULES: dict[tuple[str, str], Rule] = {
    ("message", "request"): _unfile,
    ("request", "authority"): _stand_in_authorities,
    ("attachment", "message"): _stand_in_messages,
    ("attachment", "blob"): _attachment_files,
    ("message", "blob"): _original_files,
}


# --- before and after ------------------------------------------------------------------


def _register_stored_files(conn: Connection, store: AttachmentStore, placement: Placement) -> None:
    known = {str(d) for (d,) in conn.exec_driver_sql("SELECT sha256 FROM blob")}
    count = 0
    for digest in store.stored_digests():
        if digest in known:
            continue
        try:
            size = store.path_for(digest).stat().st_size
        except OSError:
            continue
        conn.execute(insert(Blob).values(sha256=digest, size=size))
        count += 1
    placement.add(Phrase(wording.FILES_REWRITTEN), count)


def _settle_text_states(conn: Connection, placement: Placement) -> None:
    lost = conn.exec_driver_sql(
        "UPDATE attachment SET text_state = 'pending', text_error = NULL "
        "WHERE text_state = 'done' AND NOT EXISTS "
        "(SELECT 1 FROM attachment_text t WHERE t.attachment_id = attachment.id)"
    ).rowcount
    placement.add(Phrase(wording.TEXT_AGAIN), lost)
    found = conn.exec_driver_sql(
        "UPDATE attachment SET text_state = 'done', text_error = NULL "
        "WHERE text_state != 'done' AND EXISTS "
        "(SELECT 1 FROM attachment_text t WHERE t.attachment_id = attachment.id)"
    ).rowcount
    placement.add("attachments whose text was found, marked as read", found)
