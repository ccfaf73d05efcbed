"""Rotation never removes a backup because of a newer one that holds less (the pure rule)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foidesk.core.backup.catalog import BackupEntry
from foidesk.core.backup.layout import backup_name
from foidesk.core.backup.manifest import Counts
from foidesk.core.backup.rotation import COMPARED, plan_rotation

NOW = datetime(2026, 12, 1, 18, 0, tzinfo=UTC)
GOOD = Counts(authorities=40, requests=412, messages=2900, attachments=800, files=760)
EMPTIED = Counts(authorities=1, requests=3, messages=5, attachments=0, files=0)


def entry(moment: datetime, counts: Counts | None) -> BackupEntry:
    return BackupEntry(Path(backup_name(moment)), moment, 1000, counts)


def test_a_nearly_empty_backup_does_not_push_out_the_days_good_one() -> None:
    good = entry(NOW - timedelta(hours=3), GOOD)
    emptied = entry(NOW, EMPTIED)
    plan = plan_rotation([good, emptied], keep_daily=7, keep_weekly=4, now=NOW)
    assert plan.keep == {good.path, emptied.path}
    [kept] = plan.kept_because
    assert (kept.backup, kept.newer) == (good, emptied)
    assert kept.text == (
        "kept foidesk-20261201-150000.foidesk-backup: it holds 412 requests, 2900 messages "
        "and 760 stored files, the newer foidesk-20261201-180000.foidesk-backup only "
        "3 requests, 5 messages and 0 stored files"
    )


@pytest.mark.parametrize("field", [field for field, _ in COMPARED])
def test_fewer_of_any_one_keeps_the_older(field: str) -> None:
    older = entry(NOW - timedelta(hours=1), GOOD)
    newer = entry(NOW, replace(GOOD, **{field: getattr(GOOD, field) - 1}))
    plan = plan_rotation([older, newer], keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {older.path, newer.path}
    [kept] = plan.kept_because
    word = dict(COMPARED)[field]
    assert kept.reason == (
        f"it holds {getattr(GOOD, field)} {word}s, the newer {newer.path.name} "
        f"only {getattr(GOOD, field) - 1} {word}s"
    )


@pytest.mark.parametrize(
    "newer_counts",
    [
        GOOD,
        replace(GOOD, requests=413),
        replace(GOOD, messages=3000, files=761),
        replace(GOOD, authorities=1, attachments=1, status_changes=0),  # not compared
    ],
    ids=["equal", "more requests", "more messages and files", "fewer of the rest"],
)
def test_equal_or_more_lets_the_older_go(newer_counts: Counts) -> None:
    older = entry(NOW - timedelta(hours=1), GOOD)
    newer = entry(NOW, newer_counts)
    plan = plan_rotation([older, newer], keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {newer.path} and plan.kept_because == ()


def test_only_the_backups_the_rule_keeps_are_compared() -> None:
    """A small backup that is itself rotated out is no reason to keep an older one."""
    oldest = entry(NOW - timedelta(hours=2), GOOD)
    small = entry(NOW - timedelta(hours=1), EMPTIED)
    newest = entry(NOW, GOOD)
    plan = plan_rotation([oldest, small, newest], keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {newest.path} and plan.kept_because == ()


def test_the_nearest_newer_backup_holding_less_is_named() -> None:
    good = entry(NOW - timedelta(days=3), GOOD)
    less = entry(NOW - timedelta(days=1), replace(GOOD, requests=400))
    least = entry(NOW, EMPTIED)
    plan = plan_rotation([good, less, least], keep_daily=2, keep_weekly=0, now=NOW)
    assert plan.keep == {good.path, less.path, least.path}
    [kept] = plan.kept_because
    assert kept.backup == good and kept.newer == less
    assert kept.reason.endswith(f"the newer {less.path.name} only 400 requests")


def test_backups_kept_for_their_counts_take_no_place_from_the_rule() -> None:
    """Keeping a good backup longer never costs the rule one of its days."""
    days = [entry(NOW - timedelta(days=d), EMPTIED) for d in range(1, 4)]
    good = entry(NOW - timedelta(days=10), GOOD)
    plan = plan_rotation([*days, good], keep_daily=2, keep_weekly=0, now=NOW)
    assert plan.keep == {days[0].path, days[1].path, good.path}
    assert [k.backup for k in plan.kept_because] == [good]


def test_an_unreadable_backup_is_never_a_reason_to_remove_another() -> None:
    readable = entry(NOW - timedelta(hours=1), GOOD)
    unreadable = entry(NOW, None)  # the newest of the day: by dates alone, it would win
    plan = plan_rotation([readable, unreadable], keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {readable.path, unreadable.path}
    assert plan.kept_because == ()  # the dates alone keep the unreadable one: nothing to say


def test_an_unreadable_backup_takes_no_daily_place() -> None:
    unreadable = entry(NOW, None)
    days = [entry(NOW - timedelta(days=d), GOOD) for d in range(1, 4)]
    plan = plan_rotation([unreadable, *days], keep_daily=2, keep_weekly=0, now=NOW)
    assert plan.keep == {unreadable.path, days[0].path, days[1].path}


def test_an_unreadable_backup_is_kept_and_said_so() -> None:
    old = entry(NOW - timedelta(days=30), None)
    recent = entry(NOW, GOOD)
    plan = plan_rotation([old, recent], keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {old.path, recent.path}
    [kept] = plan.kept_because
    assert kept.newer is None
    assert kept.text == (
        "kept foidesk-20261101-180000.foidesk-backup: its manifest cannot be read, "
        "so it is left for you to check"
    )


def test_only_unreadable_backups_are_all_kept() -> None:
    backups = [entry(NOW - timedelta(days=d), None) for d in range(5)]
    plan = plan_rotation(backups, keep_daily=1, keep_weekly=0, now=NOW)
    assert plan.keep == {b.path for b in backups}


counts_or_unreadable = st.one_of(
    st.none(),
    st.builds(
        Counts,
        requests=st.integers(0, 4),
        messages=st.integers(0, 4),
        files=st.integers(0, 4),
    ),
)


@given(
    st.lists(
        st.tuples(st.integers(min_value=0, max_value=60 * 24), counts_or_unreadable),
        max_size=25,
        unique_by=lambda b: b[0],
    ),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=0, max_value=4),
)
def test_a_removed_backup_never_holds_more_than_a_newer_kept_one(
    backups: list[tuple[int, Counts | None]], daily: int, weekly: int
) -> None:
    entries = [entry(NOW - timedelta(hours=h), counts) for h, counts in backups]
    plan = plan_rotation(entries, daily, weekly, NOW)
    readable = [e for e in entries if e.counts is not None]
    same = [replace(e, counts=Counts()) for e in readable]
    by_rule = plan_rotation(same, daily, weekly, NOW).keep  # the dates alone, readable only
    assert by_rule <= plan.keep
    assert {e.path for e in entries if e.counts is None} <= plan.keep
    for removed in (e for e in readable if e.path not in plan.keep):
        assert removed.counts is not None
        for newer in (
            e for e in readable if e.path in by_rule and e.created_at > removed.created_at
        ):
            assert newer.counts is not None
            assert all(getattr(newer.counts, f) >= getattr(removed.counts, f) for f, _ in COMPARED)
    for kept in plan.kept_because:
        assert kept.path not in by_rule and kept.path in plan.keep
        if kept.newer is not None:
            assert kept.newer.path in by_rule
            assert kept.newer.created_at > kept.backup.created_at
    extra = plan.keep - by_rule - {e.path for e in entries if e.counts is None}
    assert extra == {k.path for k in plan.kept_because if k.newer is not None}
