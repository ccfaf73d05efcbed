"""``salvage``: copy what can still be read from a damaged database into a new one.

For an SQLite profile that no process has open:

1. the salvage lock is taken, and under the restore lock a killed restore is finished,
   no other foidesk may have the profile open, and the profile is marked in use (so
   no restore starts until the salvage is done);
2. SQLite's own recovery copies every row it can read into a new file beside the
   damaged one (``salvage_copy``), which is made a sound foidesk database
   (``salvage_repair``): identity, search index, orphans re-homed, ``lost_and_found``
   kept aside in a file of its own;
3. the new file takes the damaged one's place, which is kept under a dated name and
   never deleted (``salvage_switch``);
4. the profile is opened as any face opens it and checked (``Desk.check``), and the
   rows recovered are set against what the marker says the profile held.

Anything that stops the salvage before step 3 removes the new files and leaves the
damaged database exactly as it was. A salvaged database that then fails the check
stays in place all the same: it holds everything the damaged one could give.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import text

from foidesk.core.errors import FoideskError
from foidesk.core.i18n import N_, _
from foidesk.core.phrases import Phrase
from foidesk.core.profile import DATABASE_FILE, Profile
from foidesk.core.profile.guard import FileState, inspect_sqlite_file
from foidesk.core.profile.identity import (
    ProfileCounts,
    ProfileMarker,
    UnreadableMarker,
    read_marker,
    write_marker,
)
from foidesk.core.progress import Progress
from foidesk.core.salvage import wording
from foidesk.core.salvage.copy import Recovery, Shell, find_shell, recover_into, time_limit
from foidesk.core.salvage.errors import SalvageError
from foidesk.core.salvage.repair import Soundness, make_sound
from foidesk.core.salvage.switch import (
    LOGS,
    SalvageNames,
    discard_parts,
    recover_locked,
    salvage_lock,
    switch,
    write_journal,
)
from foidesk.core.storage import failures, privacy
from foidesk.core.storage.file_store import AttachmentStore
from foidesk.core.storage.inuse import ProfileHold, holders

#: Room the new files need beyond the damaged file's size: its write-ahead log, the
#: search index rebuilt, and SQLite's temporary files.
ROOM_MARGIN = 64 << 20
#: The tables reported, with the marker's count for each where it keeps one.
#: (the report's label — English in ``--json``, translated when printed —, the table,
#: the marker's count)
REPORTED = (
    (N_("requests"), "request", "requests"),
    (N_("messages"), "message", "messages"),
    (N_("stored files"), "blob", "files"),
    (N_("authorities"), "authority", None),
    (N_("attachments"), "attachment", None),
    (N_("status changes"), "status_change", None),
    (N_("clock events"), "clock_event", None),
)


@dataclass(frozen=True)
class TableCount:
    what: str
    recovered: int
    before: int | None  # what the marker said at the last clean close, where it keeps it


@dataclass(frozen=True)
class SalvageResult:
    profile_dir: Path
    database: Path
    damaged_copy: Path
    damaged_logs: tuple[Path, ...]  # the damaged file's -wal or -journal, kept beside it
    lost_and_found: Path | None  # rows that could not be placed, when there were any
    lost_and_found_rows: int
    moved_aside: dict[str, int]  # table -> rows kept aside because their parent was lost
    rehomed: dict[str, int]  # what was done -> how many rows
    counts: tuple[TableCount, ...]
    check_ok: bool
    check_problems: tuple[str, ...]
    notes: tuple[str, ...]
    recovered: tuple[str, ...]  # interrupted restores or salvages finished first
    shell: Path
    shell_version: str
    seconds: float


def salvage(
    profile: Profile,
    *,
    shell: Shell | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    limit: float | None = None,
) -> SalvageResult:
    """Salvage ``profile``'s database (see the module's docstring); ``limit`` overrides
    the recovery's time limit, in seconds."""
    data_dir, main = _salvageable(profile)
    chosen = shell or find_shell()
    started = time.monotonic()
    marker = read_marker(data_dir)
    with salvage_lock(data_dir):
        hold = ProfileHold(data_dir)
        recovered = _exclusive(data_dir, hold)
        try:
            recovered += recover_locked(data_dir)
            size = _check_database(main)
            names = SalvageNames.choose(data_dir, now or datetime.now(UTC))
            recovery, sound = _make(
                chosen, profile, names, marker, progress, limit or time_limit(size)
            )
            write_journal(data_dir, names)
            _switch(data_dir, names)
        finally:
            hold.release()
    return _verified(profile, names, recovery, sound, marker, recovered, started)


def _salvageable(profile: Profile) -> tuple[Path, Path]:
    main = profile.sqlite_path
    if main is None:
        raise SalvageError(
            _(
                "foidesk salvage works on SQLite profiles only; a server database is mended "
                "with the server's own tools"
            )
        )
    if main != profile.data_dir / DATABASE_FILE:
        raise SalvageError(
            _(
                "foidesk salvages the database in the profile folder ({database_file}); this "
                "profile's database is {main}"
            ).format(database_file=DATABASE_FILE, main=main)
        )
    return profile.data_dir, main


def _exclusive(data_dir: Path, hold: ProfileHold) -> list[str]:
    """Under the restore lock: no restore runs, none can start once the profile is
    marked, and no other foidesk has it open (see ``inuse.py``)."""
    from foidesk.core.backup.switch import recover_locked as finish_restore_locked
    from foidesk.core.backup.switch import restore_lock

    with restore_lock(data_dir):
        done = finish_restore_locked(data_dir)
        open_in = holders(data_dir)
        if open_in:
            where = "a foidesk window or command" if open_in == 1 else f"{open_in} processes"
            raise SalvageError(
                _(
                    "the profile {data_dir} is open in {where}; close it and run salvage "
                    "again — nothing was changed"
                ).format(data_dir=data_dir, where=where)
            )
        hold.acquire()
    return done


def _check_database(main: Path) -> int:
    found = inspect_sqlite_file(main)
    if found.state is FileState.MISSING:
        raise SalvageError(
            _("there is no database to salvage: {main} does not exist").format(main=main)
        )
    if found.state is FileState.EMPTY:
        raise SalvageError(
            _("there is nothing to salvage: {main} is empty (0 bytes)").format(main=main)
        )
    if found.state is FileState.UNREADABLE:
        raise SalvageError(
            _("{main} cannot be read ({detail}); nothing was changed").format(
                main=main, detail=found.detail
            )
        )
    size = main.stat().st_size
    free = failures.free_bytes(main.parent)
    if free < size + ROOM_MARGIN:
        raise SalvageError(
            _(
                "salvage needs {megabytes} free beside the database, and the disk has {free};"
                " free some room and try again — nothing was changed"
            ).format(
                megabytes=failures.megabytes(size + ROOM_MARGIN), free=failures.megabytes(free)
            )
        )
    return size


def _make(
    shell: Shell,
    profile: Profile,
    names: SalvageNames,
    marker: ProfileMarker | UnreadableMarker | None,
    progress: Progress | None,
    limit: float,
) -> tuple[Recovery, Soundness]:
    """The new files, complete and synced — or none at all."""
    data_dir = profile.data_dir
    try:
        privacy.new_database(data_dir / names.part)  # SQLite keeps a file's own mode
        privacy.new_database(data_dir / names.lost_part)
        recovery = recover_into(
            shell, data_dir / DATABASE_FILE, data_dir / names.part, limit=limit, progress=progress
        )
        if failures.free_bytes(data_dir) < failures.NEARLY_FULL:
            raise SalvageError(
                _(
                    "the disk holding {data_dir} filled up during the salvage; free some room"
                    " and try again — nothing was changed"
                ).format(data_dir=data_dir)
            )
        store = AttachmentStore(profile.attachments_dir)
        sound = make_sound(data_dir / names.part, data_dir / names.lost_part, marker, store)
    except BaseException as exc:
        discard_parts(data_dir)
        if isinstance(exc, OSError):
            raise _disk_error(exc, data_dir) from exc
        raise
    return recovery, sound


def _disk_error(exc: OSError, data_dir: Path) -> Exception:
    error = failures.storage_error(exc, data_dir)
    if error is not None:
        return error
    return SalvageError(
        _("the salvage failed ({error}); nothing was changed").format(error=exc.strerror or exc)
    )


def _switch(data_dir: Path, names: SalvageNames) -> None:
    """The switch; if the system refuses a step, the journal waits to be finished."""
    try:
        switch(data_dir, names)
    except OSError as exc:
        raise SalvageError(
            _(
                "the salvaged database is ready as {part} but could not take the place of "
                "{database_file} in {data_dir} ({strerror}); close every foidesk window, then"
                " start foidesk or run `foidesk salvage` again to finish"
            ).format(
                part=names.part,
                database_file=DATABASE_FILE,
                data_dir=data_dir,
                strerror=exc.strerror,
            )
        ) from exc


# --- verification ------------------------------------------------------------------------


def _verified(
    profile: Profile,
    names: SalvageNames,
    recovery: Recovery,
    sound: Soundness,
    marker: ProfileMarker | UnreadableMarker | None,
    recovered: list[str],
    started: float,
) -> SalvageResult:
    data_dir = profile.data_dir
    before = marker.counts if isinstance(marker, ProfileMarker) else None
    counts, ok, problems = _check(profile, before)
    _note_counts(data_dir, counts)
    notes = list(sound.notes)
    notes += [Phrase(wording.NOT_RECREATED, complaint=c) for c in recovery.complaints]
    damaged = data_dir / names.damaged
    return SalvageResult(
        profile_dir=data_dir,
        database=data_dir / DATABASE_FILE,
        damaged_copy=damaged,
        damaged_logs=tuple(
            p for p in (damaged.with_name(damaged.name + log) for log in LOGS) if p.exists()
        ),
        lost_and_found=data_dir / names.lost if sound.kept_aside else None,
        lost_and_found_rows=sound.lost_and_found_rows,
        moved_aside=sound.moved_aside,
        rehomed=sound.rehomed,
        counts=counts,
        check_ok=ok,
        check_problems=problems,
        notes=tuple(notes),
        recovered=tuple(recovered),
        shell=recovery.shell.path,
        shell_version=recovery.shell.version_text,
        seconds=time.monotonic() - started,
    )


def _check(
    profile: Profile, before: ProfileCounts | None
) -> tuple[tuple[TableCount, ...], bool, tuple[str, ...]]:
    """Open the profile as any face does and run ``foidesk check`` on it."""
    from foidesk.core.desk import Desk  # the desk loads only here: salvage runs before any is open

    try:
        with Desk.open(profile) as desk:
            report = desk.check()
            with desk.db.reading() as session:
                counts = tuple(
                    TableCount(
                        what,
                        int(session.scalar(text(f"SELECT count(*) FROM {table}")) or 0),
                        getattr(before, key) if before is not None and key else None,
                    )
                    for what, table, key in REPORTED
                )
    except FoideskError as exc:
        return (), False, (str(exc),)
    problems = list(report.database_problems)
    problems += [f"missing stored file {d}" for d in report.missing_blobs]
    problems += [f"damaged stored file {d}" for d in report.corrupt_blobs]
    return counts, report.ok, tuple(problems)


def _note_counts(data_dir: Path, counts: tuple[TableCount, ...]) -> None:
    """The marker says what the profile holds now, so that a later refusal or salvage
    compares with the salvaged database, not the one before the damage."""
    marker = read_marker(data_dir)
    if not isinstance(marker, ProfileMarker) or not counts:
        return
    found = {c.what: c.recovered for c in counts}
    now = ProfileCounts(found["requests"], found["messages"], found["stored files"])
    write_marker(data_dir, replace(marker, counts=now, closed_at=datetime.now(UTC)))
