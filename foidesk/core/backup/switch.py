"""Putting a restored profile in place, in steps a kill cannot tear apart.

A restore is unpacked and checked in ``<profile>.restoring-<tag>/``. Only when it is
complete does it get a ``ready`` marker naming where the old profile will go. Then:

1. ``<profile>`` is renamed to ``<profile>.before-restore-<tag>`` (kept, never deleted);
2. ``<profile>.restoring-<tag>`` is renamed to ``<profile>``;
3. the old profile's ``backups/`` folder moves into the new one, the marker goes.

Each step is one rename. Whatever step a kill interrupts, ``finish_interrupted_restore``
sees from the folders and the marker how far it got: a restore without a ``ready``
marker is undone (its folder removed; the profile was never touched), one with it is
completed. A lock beside the profile tells a living restore from a dead one.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.errors import BackupError, RestoreInProgressError
from foidesk.core.i18n import _
from foidesk.core.profile import Profile
from foidesk.core.storage import privacy
from foidesk.core.storage.file_store import fsync_dir
from foidesk.core.storage.filelock import FileLock

MARKER_DIR = ".foidesk-restore"
READY = "ready.json"
BACKUPS = "backups"


@contextmanager
def restore_lock(data_dir: Path) -> Iterator[None]:
    """Held for the whole of a restore or a recovery; a dead holder holds nothing."""
    lock = FileLock(layout.restore_lock_path(data_dir))
    if not lock.try_acquire():
        raise RestoreInProgressError(
            _(
                "a restore into {data_dir} is running in another process; wait for it to finish"
            ).format(data_dir=data_dir)
        )
    try:
        yield
    finally:
        lock.release()


def finish_interrupted_restore(profile: Profile) -> list[str]:
    """Complete or undo a restore into ``profile`` that was killed; say what was done.

    Cheap when there is nothing to do (two directory lookups), so it can run at every
    open. Raises ``RestoreInProgressError`` while another process is restoring.
    """
    data_dir = profile.data_dir
    if not _pending(data_dir):
        return []
    try:
        with restore_lock(data_dir):
            return recover_locked(data_dir)
    except OSError as exc:
        raise BackupError(
            _(
                "an interrupted restore into {data_dir} could not be finished ({exc}); close "
                "every foidesk window and try again"
            ).format(data_dir=data_dir, exc=exc)
        ) from exc


def _pending(data_dir: Path) -> bool:
    """A marker, a restore folder, or the lock file a killed restore left behind."""
    return (
        (data_dir / MARKER_DIR).exists()
        or layout.restore_lock_path(data_dir).exists()
        or bool(layout.staging_dirs(data_dir))
    )


def recover_locked(data_dir: Path) -> list[str]:
    """The recovery itself; the caller holds the restore lock."""
    done = []
    if (data_dir / MARKER_DIR).is_dir():
        _finish(data_dir, _recorded_aside(data_dir, data_dir))
        done.append(_("finished the restore into {folder}").format(folder=data_dir))
    for staging in layout.staging_dirs(data_dir):
        if _read_ready(staging) is None:
            shutil.rmtree(staging, ignore_errors=True)
            done.append(
                _("removed the unfinished restore {name}; {folder} is unchanged").format(
                    name=staging.name, folder=data_dir
                )
            )
        else:
            previous = switch_over(staging, data_dir)
            if previous:
                text = _("completed the restore {name}; the previous profile is in {aside}")
            else:
                text = _("completed the restore {name}")
            done.append(text.format(name=staging.name, aside=previous))
    return done


def mark_ready(staging: Path, aside: Path, backup: Path) -> None:
    """Declare the unpacked restore complete and checked: from here on it will be completed."""
    marker = staging / MARKER_DIR
    privacy.make_dir(marker)
    partial = marker / (READY + ".part")
    record = {"aside": aside.name, "backup": str(backup)}
    with privacy.new_text_file(partial, encoding="utf-8") as handle:
        json.dump(record, handle)
        handle.flush()
        os.fsync(handle.fileno())
    partial.replace(marker / READY)
    fsync_dir(marker)
    fsync_dir(staging)


def _read_ready(folder: Path) -> dict[str, str] | None:
    try:
        record = json.loads((folder / MARKER_DIR / READY).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) and isinstance(record.get("aside"), str) else None


def _recorded_aside(folder: Path, data_dir: Path) -> Path | None:
    record = _read_ready(folder)
    return None if record is None else data_dir.with_name(Path(record["aside"]).name)


def switch_over(staging: Path, data_dir: Path) -> Path | None:
    """Steps 1–3 from wherever they stand; returns where the previous profile now is."""
    aside = _recorded_aside(staging, data_dir)
    assert aside is not None, "switch_over needs a ready restore"
    moved = _move_aside(data_dir, aside)
    staging.rename(data_dir)
    fsync_dir(data_dir.parent)
    _finish(data_dir, aside)
    if moved is not None:
        return moved
    return aside if aside.exists() else None


def _move_aside(data_dir: Path, aside: Path) -> Path | None:
    """Step 1, if not yet done. An empty folder (made by something that ran in between)
    holds nothing and is removed; anything else is kept under a free name."""
    if not data_dir.exists():
        return None
    if data_dir.is_dir() and not any(data_dir.iterdir()):
        data_dir.rmdir()
        return None
    target = aside
    counter = 2
    while target.exists():
        target = aside.with_name(f"{aside.name}-{counter}")
        counter += 1
    data_dir.rename(target)
    fsync_dir(data_dir.parent)
    return target


def _finish(data_dir: Path, aside: Path | None) -> None:
    """Step 3: the backups stay with the profile; then the marker goes."""
    if aside is not None:
        old, new = aside / BACKUPS, data_dir / BACKUPS
        if old.is_dir() and not new.exists():
            old.rename(new)
            fsync_dir(aside)
    marker = data_dir / MARKER_DIR
    (marker / READY).unlink(missing_ok=True)
    shutil.rmtree(marker, ignore_errors=True)
    fsync_dir(data_dir)
