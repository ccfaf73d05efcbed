"""``rotate``: keep the last backups of recent days and weeks, remove the rest.

The rule is the one borg and restic users know: going from newest to oldest, keep
the newest backup of each of the last ``keep_daily`` days that have one, then the
newest of each of the last ``keep_weekly`` ISO weeks not already represented. Days
without a backup do not count, so a long pause never costs the old backups. Only
files named like backups in that one folder are ever removed, and the newest backup
is always kept, as is any dated after ``now`` (a clock that was wrong).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core.errors import InvalidInputError

from .listing import backup_files

Dated = tuple[Path, datetime]


@dataclass(frozen=True)
class RotationResult:
    kept: tuple[Path, ...]
    removed: tuple[Path, ...]


def plan_rotation(
    backups: list[Dated], keep_daily: int, keep_weekly: int, now: datetime
) -> set[Path]:
    """Which backups to keep (pure: nothing on disk is touched)."""
    if keep_daily < 1 or keep_weekly < 0:
        raise InvalidInputError("keep at least one daily backup, and zero or more weekly")
    newest_first = sorted(backups, key=lambda b: b[1], reverse=True)
    keep = {path for path, when in newest_first if when > now}
    past = [b for b in newest_first if b[1] <= now]
    keep |= {path for path, _ in past[:1]}
    keep |= _per_period(past, keep_daily, lambda w: w.date(), set())
    keep |= _per_period(past, keep_weekly, lambda w: w.isocalendar()[:2], keep)
    return keep


def _per_period(
    newest_first: list[Dated],
    count: int,
    period_of: Callable[[datetime], Hashable],
    already: set[Path],
) -> set[Path]:
    chosen: set[Path] = set()
    last: Hashable = None
    for path, when in newest_first:
        if len(chosen) >= count:
            break
        period = period_of(when)
        if period == last:
            continue
        last = period
        if path not in already:
            chosen.add(path)
    return chosen


def rotate(folder: Path, keep_daily: int, keep_weekly: int, now: datetime) -> RotationResult:
    backups = backup_files(folder)
    keep = plan_rotation(backups, keep_daily, keep_weekly, now)
    removed = []
    for path, _ in backups:
        if path not in keep:
            path.unlink(missing_ok=True)
            removed.append(path)
    return RotationResult(kept=tuple(p for p, _ in backups if p in keep), removed=tuple(removed))
