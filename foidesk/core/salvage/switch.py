"""Putting a salvaged database in place, in steps a kill cannot tear apart.

The new database is made, mended and synced under a temporary name in the profile
folder (``foidesk.sqlite3.salvage-<time>.part``, on the same file system). Only then
is the journal ``.foidesk-salvage.json`` written (a temporary name, fsync, rename,
fsync of the folder), naming every file the switch moves. Then:

1. the damaged file's ``-wal`` (and a ``-journal``) move to
   ``foidesk.sqlite3.damaged-<time>-wal``: a log left beside the new file would be
   replayed into it (an empty log holds nothing and goes, as does the ``-shm``, which
   is derived from the log);
2. the damaged file takes the name ``foidesk.sqlite3.damaged-<time>`` — as a second
   name (a hard link) where the file system has them, so that ``foidesk.sqlite3`` never
   goes missing, else by a rename;
3. the rows that could not be placed take ``foidesk.sqlite3.damaged-<time>.lost-and-found.sqlite3``;
4. the new file replaces ``foidesk.sqlite3`` (one atomic rename);
5. the journal goes.

The folder is synced after each step. No name is ever overwritten and the damaged
bytes are never deleted. ``finish_interrupted_salvage`` looks at the journal: a kill
before it was written left the damaged database in place, and only temporary files
(removed); with it, the steps are completed from wherever they stand.

A lock beside the profile (outside the folder, like the restore lock) tells a living
salvage from a dead one, and makes finishing one cheap when there is none: one ``stat``.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from foidesk.core.i18n import _
from foidesk.core.profile import DATABASE_FILE, Profile
from foidesk.core.salvage.errors import SalvageError, SalvageInProgressError
from foidesk.core.storage import privacy
from foidesk.core.storage.file_store import fsync_dir
from foidesk.core.storage.filelock import FileLock

JOURNAL = ".foidesk-salvage.json"
FORMAT = "foidesk-salvage"
PART_PREFIX = f"{DATABASE_FILE}.salvage-"
STAMP_FORMAT = "%Y%m%d-%H%M%S"
#: The damaged file's companions SQLite finds by name; a ``-shm`` is only derived.
LOGS = ("-wal", "-journal")


def salvage_lock_path(data_dir: Path) -> Path:
    return data_dir.with_name(f".{data_dir.name}.salvage-lock")


@contextmanager
def salvage_lock(data_dir: Path) -> Iterator[None]:
    """Held for the whole of a salvage or its recovery; a dead holder holds nothing.

    Its file is the one thing opening looks at, so it stays while a journal does (a
    switch the system refused, or a kill): the next open then finishes the switch. It
    is removed while still held, as ``FileLock`` does, so no other process can be
    holding the file that goes."""
    path = salvage_lock_path(data_dir)
    lock = FileLock(path, remove=False)
    if not lock.try_acquire():
        raise SalvageInProgressError(
            _(
                "a salvage of the profile in {data_dir} is running in another process; wait "
                "for it to finish"
            ).format(data_dir=data_dir)
        )
    try:
        yield
    finally:
        if not (data_dir / JOURNAL).exists():
            with contextlib.suppress(OSError):
                path.unlink()
        lock.release()


@dataclass(frozen=True)
class SalvageNames:
    """The names one salvage uses, all in the profile folder (file names only)."""

    part: str  # the new database while it is made
    lost_part: str  # rows that could not be placed, while they are gathered
    damaged: str  # where the damaged database is kept
    lost: str  # where those rows are kept

    @classmethod
    def choose(cls, data_dir: Path, now: datetime) -> SalvageNames:
        """Names none of which exist yet: a kept file is never overwritten."""
        base = now.astimezone(UTC).strftime(STAMP_FORMAT)
        stamp, counter = base, 2
        while True:
            names = cls(
                part=f"{PART_PREFIX}{stamp}.part",
                lost_part=f"{PART_PREFIX}{stamp}.lost-and-found.part",
                damaged=f"{DATABASE_FILE}.damaged-{stamp}",
                lost=f"{DATABASE_FILE}.damaged-{stamp}.lost-and-found.sqlite3",
            )
            if not any((data_dir / n).exists() for n in names.every_name()):
                return names
            stamp, counter = f"{base}-{counter}", counter + 1

    def every_name(self) -> list[str]:
        return [self.part, self.lost_part, self.damaged, self.lost] + [
            self.damaged + log for log in LOGS
        ]


# --- the journal -------------------------------------------------------------------------


def write_journal(data_dir: Path, names: SalvageNames) -> None:
    """From the moment this returns, the salvage will be completed whatever happens."""
    partial = data_dir / f"{JOURNAL}.part"
    document = {"format": FORMAT, "format_version": 1, **asdict(names)}
    with privacy.new_text_file(partial, encoding="utf-8") as handle:
        json.dump(document, handle)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(data_dir / JOURNAL)
    fsync_dir(data_dir)


def read_journal(data_dir: Path) -> SalvageNames | None:
    path = data_dir / JOURNAL
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise SalvageError(
            _(
                "the salvage journal {path} cannot be read ({exc}); nothing was changed — "
                "move it aside only once foidesk.sqlite3 is the database you want"
            ).format(path=path, exc=exc)
        ) from exc
    fields = SalvageNames.__dataclass_fields__
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise SalvageError(
            _("{path} is not a foidesk salvage journal; nothing was changed").format(path=path)
        )
    values = {k: document.get(k) for k in fields}
    if not all(isinstance(v, str) and v and Path(v).name == v for v in values.values()):
        raise SalvageError(
            _("the salvage journal {path} is incomplete; nothing was changed").format(path=path)
        )
    return SalvageNames(**values)  # type: ignore[arg-type]


# --- the switch ----------------------------------------------------------------------------


def switch(data_dir: Path, names: SalvageNames) -> None:
    """Steps 1–5 from wherever they stand (the caller holds the salvage lock)."""
    main = data_dir / DATABASE_FILE
    new = data_dir / names.part
    if new.exists():
        damaged = data_dir / names.damaged
        _keep_logs(main, damaged)
        _keep_damaged(main, damaged)
        with contextlib.suppress(FileNotFoundError):
            main.with_name(main.name + "-shm").unlink()
        lost_part, lost = data_dir / names.lost_part, data_dir / names.lost
        if lost_part.exists() and not lost.exists():
            lost_part.rename(lost)
        new.replace(main)
        fsync_dir(data_dir)
    with contextlib.suppress(FileNotFoundError):
        (data_dir / JOURNAL).unlink()
    fsync_dir(data_dir)


def _keep_logs(main: Path, damaged: Path) -> None:
    """Step 1. An empty log holds nothing (SQLite makes one even to read) and goes."""
    for log in LOGS:
        found = main.with_name(main.name + log)
        try:
            empty = found.stat().st_size == 0
        except FileNotFoundError:
            continue
        if empty:
            found.unlink()
        else:
            found.rename(_free(damaged.with_name(damaged.name + log)))
        fsync_dir(main.parent)


def _keep_damaged(main: Path, damaged: Path) -> None:
    if damaged.exists() or not main.exists():
        return  # kept already (or nothing to keep)
    try:
        damaged.hardlink_to(main)
    except OSError:
        main.rename(damaged)  # no hard links here: the journal completes the gap
    fsync_dir(main.parent)


def _free(path: Path) -> Path:
    candidate, counter = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{counter}")
        counter += 1
    return candidate


def discard_parts(data_dir: Path) -> list[Path]:
    """Remove what a salvage had made before its journal: its temporary files only."""
    removed = []
    try:
        found = [
            p
            for p in data_dir.iterdir()
            if p.name.startswith(PART_PREFIX) or p.name == f"{JOURNAL}.part"
        ]
    except FileNotFoundError:
        return []
    for path in sorted(found):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
            removed.append(path)
    if removed:
        fsync_dir(data_dir)
    return removed


# --- after a kill ----------------------------------------------------------------------------


def finish_interrupted_salvage(profile: Profile) -> list[str]:
    """Complete or undo a salvage of ``profile`` that was killed; say what was done.

    Cheap when there is nothing to do (one ``stat``), so it runs at every open. Raises
    ``SalvageInProgressError`` while another process is salvaging the profile.
    """
    data_dir = profile.data_dir
    if not salvage_lock_path(data_dir).exists():
        return []
    try:
        with salvage_lock(data_dir):
            return recover_locked(data_dir)
    except OSError as exc:
        raise SalvageError(
            _(
                "an interrupted salvage of the profile in {data_dir} could not be finished "
                "({strerror}); close every foidesk window and try again"
            ).format(data_dir=data_dir, strerror=exc.strerror)
        ) from exc


def recover_locked(data_dir: Path) -> list[str]:
    """The recovery itself; the caller holds the salvage lock."""
    names = read_journal(data_dir)
    done = []
    if names is not None:
        switch(data_dir, names)
        done.append(
            f"finished the salvage of {data_dir / DATABASE_FILE}; the damaged database is "
            f"kept as {names.damaged}"
        )
    removed = discard_parts(data_dir)
    if removed and names is None:
        done.append(
            f"removed the files of a salvage that was cut short ({len(removed)}); "
            f"{data_dir / DATABASE_FILE} is unchanged"
        )
    return done
