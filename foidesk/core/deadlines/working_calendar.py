"""Working days of one calendar, fast enough to compute deadlines for thousands of requests.

Each calendar keeps an immutable table over whole years: one flag per day,
the sorted ordinals of its working days and a running count of them. Adding
N working days is then two list look-ups instead of a day-by-day loop. The
table grows by whole years when a date outside it is asked for, and is
swapped in under a lock, so readers on other threads never see half of it.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from foidesk.core.deadlines.calendar_spec import CalendarSpec, holiday_names
from foidesk.core.deadlines.closures import NO_CLOSURES, Closures
from foidesk.core.deadlines.explanation import WEEKEND_NAMES, SkippedDay

NZ_SUMMER_BREAK = "NZ summer break"
# Years of margin kept beyond any date asked about, so that a period running
# over New Year does not trigger a rebuild.
_MARGIN_YEARS = 1


def _day_name(
    day: date, spec: CalendarSpec, found: Mapping[date, str], closures: Closures
) -> str | None:
    """Why `day` is not a working day, or None if it is one.

    A user's closure wins, then a holiday (unless the user removed it), then
    the NZ summer block, then the weekend: the most specific reason is shown.
    """
    added = closures.added.get(day)
    if added is not None:
        return added
    if day not in closures.removed:
        holiday = found.get(day)
        if holiday is not None:
            return holiday
        if spec.nz_summer_break and _in_nz_summer_break(day):
            return NZ_SUMMER_BREAK
    weekday = day.weekday()
    return WEEKEND_NAMES[weekday - 5] if weekday >= 5 else None


def _in_nz_summer_break(day: date) -> bool:
    """25 December to 15 January inclusive (OIA 1982 s.2, 'working day' (b))."""
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day <= 15)


@dataclass(frozen=True, slots=True)
class _Table:
    """Whole years first_year..last_year; offsets are ordinals minus `base`."""

    first_year: int
    last_year: int
    base: int
    closed_flags: bytes
    working: list[int]
    working_rank: list[int]  # [i] = working days with offset < i
    closed: list[SkippedDay]
    closed_rank: list[int]  # [i] = non-working days with offset < i

    end: int  # one past the last ordinal covered


def _build_table(spec: CalendarSpec, closures: Closures, first_year: int, last_year: int) -> _Table:
    found: dict[date, str] = {}
    for year in range(max(first_year - 1, 1), last_year + 2):  # observed days cross New Year
        found.update(holiday_names(spec, year))
    base = date(first_year, 1, 1).toordinal()
    end = date(last_year, 12, 31).toordinal() + 1
    flags = bytearray(end - base)
    working: list[int] = []
    working_rank = [0]
    closed: list[SkippedDay] = []
    closed_rank = [0]
    for ordinal in range(base, end):
        day = date.fromordinal(ordinal)
        name = _day_name(day, spec, found, closures)
        if name is None:
            working.append(ordinal)
        else:
            flags[ordinal - base] = 1
            closed.append(SkippedDay(day, name, spec.country))
        working_rank.append(len(working))
        closed_rank.append(len(closed))
    return _Table(
        first_year, last_year, base, bytes(flags), working, working_rank, closed, closed_rank, end
    )


class WorkingCalendar:
    """The working days of one regime calendar plus the user's closures.

    Get one with `calendar_for` so that the table is shared; every method is
    safe to call from several threads.
    """

    def __init__(self, spec: CalendarSpec, closures: Closures = NO_CLOSURES) -> None:
        self.spec = spec
        self.closures = closures
        self._lock = threading.Lock()
        self._table: _Table | None = None

    def __repr__(self) -> str:
        return f"WorkingCalendar({self.spec.country!r}, {self.spec.subdivisions!r})"

    # -- questions about one day ---------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        """Not a weekend, holiday or closure."""
        ordinal = day.toordinal()
        table = self._covering(ordinal, ordinal)
        return not table.closed_flags[ordinal - table.base]

    def non_working_reason(self, day: date) -> str | None:
        """The holiday's name, 'Saturday', a closure's name — or None on a working day."""
        found = self.non_working_days(day, day)
        return found[0].name if found else None

    def roll_forward(self, day: date) -> date:
        """`day` itself if it is a working day, else the next one (BGB §193 and the like)."""
        ordinal = day.toordinal()
        table = self._covering(ordinal, ordinal)
        index = table.working_rank[ordinal - table.base]
        while index >= len(table.working):
            table = self._covering(ordinal, table.end + 366)
            index = table.working_rank[ordinal - table.base]
        return date.fromordinal(table.working[index])

    # -- questions about a stretch of days -----------------------------------------------

    def add_working_days(self, start: date, count: int) -> date:
        """The `count`th working day after `start` (day 0); `start` itself for count 0.

        Day 1 is the first working day strictly after `start`, so a start on a
        Saturday gives the same answer as the Friday before — the ICO's rule.
        """
        if count < 0:
            raise ValueError(f"cannot add a negative number of working days ({count})")
        if count == 0:
            return start
        ordinal = start.toordinal()
        table = self._covering(ordinal, ordinal)
        while True:
            index = table.working_rank[ordinal - table.base + 1] + count - 1
            if index < len(table.working):
                return date.fromordinal(table.working[index])
            # Roughly 250 working days a year: grow enough to reach the answer.
            table = self._covering(ordinal, table.end + 366 * (1 + count // 200))

    def count_from(self, start: date, count: int) -> tuple[date, date, tuple[SkippedDay, ...]]:
        """Day 1, the `count`th working day after `start`, and the non-working days between.

        The three facts a working-day deadline and its explanation need, found
        with one table look-up because this is the engine's hottest path.
        """
        if count < 1:
            raise ValueError(f"a working-day period needs at least one day, not {count}")
        ordinal = start.toordinal()
        table = self._covering(ordinal, ordinal)
        while True:
            first = table.working_rank[ordinal - table.base + 1]
            if first + count - 1 < len(table.working):
                break
            table = self._covering(ordinal, table.end + 366 * (1 + count // 200))
        due = table.working[first + count - 1]
        rank = table.closed_rank
        skipped = table.closed[rank[ordinal - table.base + 1] : rank[due - table.base]]
        return date.fromordinal(table.working[first]), date.fromordinal(due), tuple(skipped)

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: how many are left from `start` until `end`.

        Negative when `end` is before `start`, so it reads as 'days left' in
        both directions.
        """
        if end < start:
            return -self.working_days_between(end, start)
        low, high = start.toordinal(), end.toordinal()
        table = self._covering(low, high)
        rank = table.working_rank
        return rank[high - table.base + 1] - rank[low - table.base + 1]

    def non_working_days(self, first: date, last: date) -> tuple[SkippedDay, ...]:
        """Every non-working day from `first` to `last` inclusive, each with its name."""
        if last < first:
            return ()
        low, high = first.toordinal(), last.toordinal()
        table = self._covering(low, high)
        rank = table.closed_rank
        return tuple(table.closed[rank[low - table.base] : rank[high - table.base + 1]])

    # -- the table -----------------------------------------------------------------------

    def _covering(self, low: int, high: int) -> _Table:
        """A table that covers ordinals low..high, growing the current one if needed."""
        table = self._table
        if table is not None and table.base <= low and high < table.end:
            return table
        with self._lock:
            table = self._table
            first = date.fromordinal(low).year - _MARGIN_YEARS
            last = date.fromordinal(min(high, date.max.toordinal())).year + _MARGIN_YEARS
            if table is not None:
                first, last = min(first, table.first_year), max(last, table.last_year)
                if (first, last) == (table.first_year, table.last_year):
                    return table
            table = _build_table(self.spec, self.closures, max(first, 1), min(last, 9998))
            self._table = table
            return table


def calendar_for(spec: CalendarSpec, closures: Closures = NO_CLOSURES) -> WorkingCalendar:
    """The shared calendar for a spec and a set of closures (cached: tables are costly)."""
    # Always pass both arguments: lru_cache keys f(x) and f(x, default) apart.
    return _shared_calendar(spec, closures)


@lru_cache(maxsize=256)
def _shared_calendar(spec: CalendarSpec, closures: Closures) -> WorkingCalendar:
    return WorkingCalendar(spec, closures)
