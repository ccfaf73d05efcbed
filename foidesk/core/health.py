"""``foidesk check`` and ``check --repair``: find every problem, and mend only on trusted word.

The check reads and never writes: SQLite's ``integrity_check`` page by page, the
foreign keys, the search index, a re-hash of every stored file, and the leftovers of
writers that were killed (staged files, journals, temporary markers, in-use marks
nothing holds, backup work folders). On a team database the stored files are the
database's, re-hashed as their chunks stream by; the member's own cache of them is
re-hashed too, and a changed cache copy — only a copy — is set aside and fetched again
(``team_store.py``), which the report's notes say.

A repair deletes, so it first asks whether the database can be trusted to say what is
unused. It refuses — deleting nothing — when the database is damaged, read-only,
names another profile than the marker beside it, or knows no stored files while the
store holds some (an emptied or replaced database would call every file unused). It
then lists what it will remove, and removes each file only if, under the write lock,
still nothing refers to it.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select, text

from foidesk.core.errors import DatabaseDamagedError, FoideskError
from foidesk.core.i18n import N_, _
from foidesk.core.locale_format import format_number
from foidesk.core.profile.identity import ProfileMarker, leftover_parts, read_marker
from foidesk.core.records import CheckReport, Leftover, RemovedFile, RepairPlan
from foidesk.core.storage import failures, inuse
from foidesk.core.storage import file_writes as blobs
from foidesk.core.storage.database import first_line
from foidesk.core.storage.tables import Attachment, Blob

if TYPE_CHECKING:
    from foidesk.core.operations.upkeep import UpkeepOperations as Desk

MAX_INTEGRITY_LINES = 20


def check(desk: Desk) -> CheckReport:
    problems = integrity_problems(desk)
    damaged = bool(problems)
    if desk.db.is_sqlite:
        desk.db.note_check(problems)
    notes = list(desk.recovered)
    try:
        expected, dangling = _stored_files(desk)
    except DatabaseDamagedError:
        problems.append(_("the list of stored files cannot be read: the database is damaged"))
        return CheckReport(
            tuple(problems), 0, (), (), (), (), True, tuple(leftovers(desk)), _(_DAMAGED)
        )
    unknown = _("attachment refers to unknown file {sha256}")
    problems += [unknown.format(sha256=d) for d in dangling]
    if not damaged:
        problems += _index_problems(desk, notes)
    store = desk.store.verify(expected)
    notes += store.notes
    return CheckReport(
        database_problems=tuple(problems),
        blobs_checked=store.checked,
        missing_blobs=store.missing,
        corrupt_blobs=store.corrupt,
        unreferenced_blobs=store.unreferenced,
        notes=tuple(notes),
        damaged=damaged,
        leftovers=tuple(leftovers(desk)),
        repair_refusal=_refusal(desk, damaged, len(expected), len(store.unreferenced)),
    )


_DAMAGED = N_(
    "the database is damaged, so it cannot be trusted to say which stored files are unused"
)


def integrity_problems(desk: Desk) -> list[str]:
    """SQLite's integrity check and the foreign keys; a file it cannot read is one problem."""
    if not desk.db.is_sqlite:
        return []
    try:
        with desk.db.engine.connect() as conn:
            lines = [str(r[0]) for r in conn.execute(text("PRAGMA integrity_check"))]
            keys = [tuple(r) for r in conn.execute(text("PRAGMA foreign_key_check"))]
    except Exception as exc:
        if failures.classify(exc) is not failures.Failure.DAMAGED:
            raise
        unreadable = _("integrity: the database cannot be read ({detail})")
        return [unreadable.format(detail=failures.describe(exc))]
    integrity = _("integrity: {problem}")
    found = [integrity.format(problem=first_line(line)) for line in lines if line != "ok"]
    if len(found) > MAX_INTEGRITY_LINES:
        more = len(found) - MAX_INTEGRITY_LINES
        more_text = _("integrity: … and {count} more").format(count=format_number(more))
        found = [*found[:MAX_INTEGRITY_LINES], more_text]
    return found + [_("foreign key: {key}").format(key=key) for key in keys]


def _stored_files(desk: Desk) -> tuple[dict[str, int], list[str]]:
    with desk.db.reading() as session:
        expected = {b.sha256: b.size for b in session.scalars(select(Blob))}
        dangling = session.scalars(
            select(Attachment.sha256).where(Attachment.sha256.not_in(select(Blob.sha256)))
        ).all()
    return expected, list(dangling)


def _index_problems(desk: Desk, notes: list[str]) -> list[str]:
    from foidesk.core.search import check_index  # the search package loads only when needed

    try:
        return check_index(desk)
    except FoideskError as exc:
        notes.append(_("the search index was not checked: {error}").format(error=exc))
        return []


def _refusal(desk: Desk, damaged: bool, known: int, unused: int) -> str | None:
    if damaged:
        return _(_DAMAGED)
    if desk.read_only:
        return _("the profile is read-only")
    marker = read_marker(desk.profile.data_dir)
    if (
        isinstance(marker, ProfileMarker)
        and desk.marker
        and marker.profile_id != (desk.marker.profile_id)
    ):
        return _("the marker beside the database now names another profile")
    if known == 0 and unused:
        return _(
            "the database knows no stored files, yet the store holds {count}: an emptied "
            "or replaced database would call every file unused"
        ).format(count=format_number(unused))
    return None


# --- leftovers ---------------------------------------------------------------------


def leftovers(desk: Desk) -> list[Leftover]:
    """What killed writers left that opening the profile did not clear: staged files only
    where it could not write (opening clears them, and says so in ``Desk.recovered``)."""
    found = [Leftover("staged file", p, _size(p)) for p in blobs.staged_parts(desk.store)]
    found += [Leftover("marker", p, _size(p)) for p in leftover_parts(desk.profile.data_dir)]
    found += [Leftover("in-use mark", p, 0) for p in inuse.stale_marks(desk.profile.data_dir)]
    found += [Leftover("backup work folder", p, 0) for p in _backup_work_folders(desk)]
    return found


def _backup_work_folders(desk: Desk) -> list[Path]:
    from foidesk.core.backup.settings import load_settings
    from foidesk.core.backup.workdir import abandoned_workdirs

    folders = {desk.profile.backups_dir}
    with contextlib.suppress(FoideskError):
        folders.add(load_settings(desk).folder)
    return sorted(p for folder in folders for p in abandoned_workdirs(folder))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- repair -------------------------------------------------------------------------


def plan_repair(desk: Desk, report: CheckReport) -> RepairPlan:
    """What a repair would remove; raises when the database must not be trusted."""
    if report.repair_refusal is not None:
        raise FoideskError(
            _("check --repair refused: {repair_refusal}; nothing was removed").format(
                repair_refusal=report.repair_refusal
            )
        )
    sizes = _store_sizes(desk, report.unreferenced_blobs)
    files = tuple(RemovedFile(d, sizes.get(d, 0)) for d in report.unreferenced_blobs)
    return RepairPlan(files, report.leftovers)


def repair(desk: Desk, plan: RepairPlan) -> RepairPlan:
    """Remove what ``plan`` lists and is still unused; return what was removed."""
    removed_files: list[RemovedFile] = []
    removed: list[Leftover] = []
    with desk.db.writing() as session:  # the write lock: no writer is half-way now
        known = set(session.scalars(select(Blob.sha256)))
        if not known and plan.files:  # emptied since the check: trust it even less
            raise FoideskError(_("check --repair refused: the database knows no stored files"))
        for file in plan.files:
            if file.sha256 not in known and desk.store.exists(file.sha256):
                desk.store.remove_unused(file.sha256)
                removed_files.append(file)
        removed += _remove_leftovers(desk, plan.leftovers)
    return RepairPlan(tuple(removed_files), tuple(removed))


def _remove_leftovers(desk: Desk, found: tuple[Leftover, ...]) -> list[Leftover]:
    """Leftovers go while the write lock is held: staged files then belong to no living
    writer; in-use marks and work folders are tried by their own locks."""
    removed = []
    for leftover in found:
        if leftover.kind == "in-use mark":
            gone = inuse.remove_if_stale(leftover.path)
        elif leftover.kind == "backup work folder":
            shutil.rmtree(leftover.path, ignore_errors=True)
            gone = not leftover.path.exists()
        else:
            leftover.path.unlink(missing_ok=True)
            gone = True
        if gone:
            removed.append(leftover)
    return removed


def _store_sizes(desk: Desk, digests: tuple[str, ...]) -> dict[str, int]:
    sizes = {}
    for digest in digests:
        with contextlib.suppress(OSError):
            sizes[digest] = desk.store.path_for(digest).stat().st_size
    return sizes
