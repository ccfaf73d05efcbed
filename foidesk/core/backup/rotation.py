"""``rotate``: keep the last backups of recent days and weeks, remove the rest — but
never a backup because of a newer one that holds less.

The date rule is the one borg and restic users know: going from newest to oldest,
keep the newest backup of each of the last ``keep_daily`` days that have one, then the
newest of each of the last ``keep_weekly`` ISO weeks not already represented. Days
without a backup do not count, so a long pause never costs the old backups. The newest
backup is always kept, as is any dated after ``now`` (a clock that was wrong).

A database emptied or replaced by mistake gives a nearly empty backup, and the date
rule alone would let it push out that day's good one. So the counts in each manifest
are compared: a backup the rule would remove is kept when any newer backup the rule
keeps holds fewer requests, fewer messages or fewer stored files. It stays until the
newer backups hold as much again; a profile shrunk on purpose therefore keeps its
older, larger backups until the user removes them, and every rotation says so.

A backup whose manifest cannot be read (damaged, or written by a newer foidesk) takes
no place in the rule, so it is never the reason another one is removed. It is itself
always kept: whether it still holds something only a person can judge (``foidesk
backup verify``), and it is reported whenever the rule alone would have removed it.

Only files named like backups in that one folder are ever removed. ``plan_rotation``
decides without touching the disk; ``rotate`` reads the manifests, removes, and logs
each removal and each backup kept against the rule.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core import quantities
from foidesk.core.backup.catalog import BackupEntry, list_backups
from foidesk.core.backup.manifest import Counts
from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _

log = logging.getLogger(__name__)

COMPARED = (("requests", "request"), ("messages", "message"), ("files", "stored file"))
#: Each compared field said with its plural forms, in the chosen language.
_SAID: dict[str, Callable[[int], str]] = {
    "requests": quantities.requests,
    "messages": quantities.messages,
    "files": quantities.stored_files,
}


@dataclass(frozen=True)
class KeptBecause:
    """A backup the date rule would remove, kept; ``newer`` is the newer backup kept by
    the rule that holds less than it, or None when its own manifest cannot be read."""

    backup: BackupEntry
    newer: BackupEntry | None = None

    @property
    def path(self) -> Path:
        return self.backup.path

    @property
    def reason(self) -> str:
        return self.explain()

    def explain(self, name: Callable[[BackupEntry], str] = lambda b: b.path.name) -> str:
        """Why it stays, naming the newer backup with ``name`` (its file name by default)."""
        mine, theirs = self.backup.counts, self.newer.counts if self.newer else None
        if self.newer is None or mine is None or theirs is None:
            return _("its manifest cannot be read, so it is left for you to check")
        fewer = [field for field, _word in COMPARED if _less(theirs, mine, field)]
        holds = _listed([_SAID[f](getattr(mine, f)) for f in fewer])
        only = _listed([_SAID[f](getattr(theirs, f)) for f in fewer])
        return _("it holds {holds}, the newer {newer} only {only}").format(
            holds=holds, newer=name(self.newer), only=only
        )

    @property
    def text(self) -> str:
        return _("kept {name}: {reason}").format(name=self.path.name, reason=self.reason)


@dataclass(frozen=True)
class RotationPlan:
    keep: frozenset[Path]
    kept_because: tuple[KeptBecause, ...]  # newest first


@dataclass(frozen=True)
class RotationResult:
    kept: tuple[Path, ...]
    removed: tuple[Path, ...]
    removed_backups: tuple[BackupEntry, ...] = ()  # the same as ``removed``, with counts
    kept_because: tuple[KeptBecause, ...] = ()


def plan_rotation(
    backups: Sequence[BackupEntry], keep_daily: int, keep_weekly: int, now: datetime
) -> RotationPlan:
    """Which backups to keep, and which of them only because of their counts (pure)."""
    if keep_daily < 1 or keep_weekly < 0:
        raise InvalidInputError(_("keep at least one daily backup, and zero or more weekly"))
    newest_first = sorted(backups, key=lambda b: b.created_at, reverse=True)
    readable = [b for b in newest_first if b.counts is not None]
    by_rule = _date_rule(readable, keep_daily, keep_weekly, now)
    by_dates_alone = _date_rule(newest_first, keep_daily, keep_weekly, now)
    kept_by_rule = [b for b in reversed(readable) if b.path in by_rule]  # oldest first
    kept_because = []
    for entry in newest_first:
        if entry.path in by_rule:
            continue
        if entry.counts is None:
            if entry.path not in by_dates_alone:
                kept_because.append(KeptBecause(entry))
            continue
        newer = _first_holding_less(entry, kept_by_rule)
        if newer is not None:
            kept_because.append(KeptBecause(entry, newer))
    unreadable = {b.path for b in newest_first if b.counts is None}
    keep = by_rule | unreadable | {k.path for k in kept_because}
    return RotationPlan(frozenset(keep), tuple(kept_because))


def _date_rule(
    newest_first: list[BackupEntry], keep_daily: int, keep_weekly: int, now: datetime
) -> set[Path]:
    keep = {b.path for b in newest_first if b.created_at > now}
    past = [b for b in newest_first if b.created_at <= now]
    keep |= {b.path for b in past[:1]}
    keep |= _per_period(past, keep_daily, lambda w: w.date(), set())
    keep |= _per_period(past, keep_weekly, lambda w: w.isocalendar()[:2], keep)
    return keep


def _per_period(
    newest_first: list[BackupEntry],
    count: int,
    period_of: Callable[[datetime], Hashable],
    already: set[Path],
) -> set[Path]:
    chosen: set[Path] = set()
    last: Hashable = None
    for entry in newest_first:
        if len(chosen) >= count:
            break
        period = period_of(entry.created_at)
        if period == last:
            continue
        last = period
        if entry.path not in already:
            chosen.add(entry.path)
    return chosen


def _first_holding_less(
    entry: BackupEntry, kept_oldest_first: list[BackupEntry]
) -> BackupEntry | None:
    """The nearest newer kept backup holding fewer of anything compared than ``entry``."""
    assert entry.counts is not None
    for newer in kept_oldest_first:
        if newer.created_at <= entry.created_at or newer.counts is None:
            continue
        if any(_less(newer.counts, entry.counts, field) for field, _ in COMPARED):
            return newer
    return None


def _less(newer: Counts, older: Counts, field: str) -> bool:
    smaller: bool = getattr(newer, field) < getattr(older, field)
    return smaller


def rotate(folder: Path, keep_daily: int, keep_weekly: int, now: datetime) -> RotationResult:
    """Apply the plan to ``folder``: remove what it does not keep, and log every decision."""
    backups = list_backups(folder)
    plan = plan_rotation(backups, keep_daily, keep_weekly, now)
    removed = [b for b in backups if b.path not in plan.keep]
    for entry in removed:
        entry.path.unlink(missing_ok=True)
        log.info("rotation %s", removal_text(entry))
    for kept in plan.kept_because:
        log.info("rotation %s", kept.text)
    return RotationResult(
        kept=tuple(b.path for b in backups if b.path in plan.keep),
        removed=tuple(b.path for b in removed),
        removed_backups=tuple(removed),
        kept_because=plan.kept_because,
    )


# --- the words every face uses --------------------------------------------------------


def removal_text(entry: BackupEntry) -> str:
    return _("removed older backup {backup}").format(backup=describe(entry))


def describe(entry: BackupEntry) -> str:
    """``foidesk-….foidesk-backup (2024-04-09 09:30 UTC: 3 requests, …)``."""
    when = entry.created_at.strftime("%Y-%m-%d %H:%M UTC")
    holds = holdings(entry.counts) if entry.counts else _("manifest unreadable")
    return f"{entry.path.name} ({when}: {holds})"


def holdings(counts: Counts) -> str:
    return quantities.holdings(counts.requests, counts.messages, counts.files)


def _listed(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return _(", ").join(parts[:-1]) + _(" and ") + parts[-1]
