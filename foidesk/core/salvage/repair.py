"""Making the recovered copy a sound foidesk database, before it may take any place.

In order: the ``lost_and_found`` table ``.recover`` fills with rows it could not place
goes into a file of its own; the search index is dropped (``salvage_schema``); the
schema revision and the profile's identity are settled; rows whose parent was lost are
re-homed or kept aside (``salvage_orphans``); the search index is rebuilt from the
rows. Then SQLite's ``integrity_check`` and ``foreign_key_check`` must both pass, or
the salvage stops with the damaged database still in place. Both files are synced
before the caller relies on them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from foidesk.core.i18n import _
from foidesk.core.profile.identity import ProfileMarker, UnreadableMarker
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.salvage.orphans import Placement, place_orphans
from foidesk.core.salvage.schema import (
    drop_search_index,
    objects,
    rebuild_search_index,
    require_tables,
    scratch_engine,
    settle_identity,
    settle_revision,
)
from foidesk.core.storage import failures
from foidesk.core.storage.database import first_line
from foidesk.core.storage.file_store import AttachmentStore, fsync_file

LOST_AND_FOUND = "lost_and_found"


@dataclass(frozen=True)
class Soundness:
    """What making the copy sound took."""

    lost_and_found_rows: int
    revision: str
    profile_id: str
    rehomed: dict[str, int]
    moved_aside: dict[str, int]
    notes: tuple[str, ...]
    kept_aside: bool  # the lost-and-found file holds rows


def make_sound(
    part: Path,
    lost: Path,
    marker: ProfileMarker | UnreadableMarker | None,
    store: AttachmentStore,
) -> Soundness:
    """Mend ``part`` in place, gathering what cannot be placed in ``lost``; raises
    ``SalvageError`` (or a disk's ``StorageError``) when it cannot be made sound."""
    engine = scratch_engine(part, lost)
    try:
        found = _mend(engine, marker, store)
        kept = _holds_tables(engine)
    except DBAPIError as exc:
        raise _failed(exc, part) from exc
    finally:
        engine.dispose()
    fsync_file(part)
    if kept:
        fsync_file(lost)
    else:
        lost.unlink(missing_ok=True)
    return replace(found, kept_aside=kept)


def _mend(
    engine: Engine, marker: ProfileMarker | UnreadableMarker | None, store: AttachmentStore
) -> Soundness:
    with engine.begin() as conn:
        require_tables(conn)
        lost_rows = _set_lost_and_found_aside(conn)
    drop_search_index(engine)
    revision, revision_note = settle_revision(engine)
    profile_id, identity_note = settle_identity(engine, marker)
    placement: Placement = place_orphans(engine, store)
    rebuild_search_index(engine)
    _check(engine)
    return Soundness(
        lost_and_found_rows=lost_rows,
        revision=revision,
        profile_id=profile_id,
        rehomed=placement.rehomed,
        moved_aside=placement.moved_aside,
        notes=tuple(n for n in (revision_note, identity_note) if n),
        kept_aside=False,
    )


def _set_lost_and_found_aside(conn: Connection) -> int:
    if ("table", LOST_AND_FOUND) not in objects(conn):
        return 0
    rows = int(conn.exec_driver_sql(f"SELECT count(*) FROM main.{LOST_AND_FOUND}").scalar_one())
    if rows:
        conn.exec_driver_sql(
            f"CREATE TABLE lost.{LOST_AND_FOUND} AS SELECT * FROM main.{LOST_AND_FOUND}"
        )
    conn.exec_driver_sql(f"DROP TABLE main.{LOST_AND_FOUND}")
    return rows


def _check(engine: Engine) -> None:
    with engine.connect() as conn:
        lines = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA main.integrity_check")]
        keys = conn.exec_driver_sql("PRAGMA main.foreign_key_check").all()
    problems = [first_line(line) for line in lines if line != "ok"]
    problems += [f"a row of {row[0]} refers to a missing {row[2]}" for row in keys]
    if problems:
        raise SalvageError(
            _(
                "the salvaged copy did not pass SQLite's integrity check ({problems}); the "
                "damaged database is still in place — restore a backup"
            ).format(problems=problems[0])
        )


def _holds_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT count(*) FROM lost.sqlite_master WHERE type = 'table'"
        ).scalar_one()
    return bool(tables)


def _failed(exc: DBAPIError, part: Path) -> Exception:
    error = failures.storage_error(exc, part)
    if error is not None and failures.classify(exc) is not failures.Failure.DAMAGED:
        return error
    return SalvageError(
        f"the recovered copy could not be made sound ({failures.describe(exc)}); the "
        "damaged database is still in place — restore a backup"
    )
