"""Counting one period on one calendar: the arithmetic every deadline shares.

Working days: day 0 is the start, day 1 the next working day, and paused
working days (a fees notice until payment, both days included, FOIA s.10(2))
are not counted. Calendar days and months: the nominal last day, moved past
paused days, then rolled forward to a working day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import NamedTuple

from foidesk.core.deadlines import eu_holidays
from foidesk.core.deadlines.calendar_spec import unpublished_years
from foidesk.core.deadlines.explanation import Pause, SkippedDay, format_day, format_month
from foidesk.core.deadlines.periods import PeriodUnit, add_months, corresponding_date_exists
from foidesk.core.deadlines.regime_rule import Rule
from foidesk.core.deadlines.wording import counting as say
from foidesk.core.deadlines.wording import units
from foidesk.core.deadlines.wording.holidays import day_name
from foidesk.core.deadlines.working_calendar import WorkingCalendar
from foidesk.core.i18n import _

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class PauseSpan:
    """A stretch, both ends included, during which the clock did not run."""

    start: date
    end: date
    reason: str


class Counted(NamedTuple):
    """The due date of one period and the facts an explanation needs.

    A named tuple rather than a frozen dataclass: it is built for every
    deadline and never leaves the engine, so construction speed wins.
    """

    due: date
    day_one: date | None
    skipped: tuple[SkippedDay, ...]
    pauses: tuple[Pause, ...]
    notes: tuple[str, ...]


def count_period(
    cal: WorkingCalendar,
    rule: Rule,
    start: date,
    spans: tuple[PauseSpan, ...] = (),
    roll_source: str | None = None,
) -> Counted:
    """When `rule` ends if counted from `start` on `cal`, with `spans` not counted."""
    counted = _count(cal, rule, start, spans, roll_source)
    if cal.spec.dataset is None:
        return counted
    gaps = unpublished_years(cal.spec, start, counted.due)
    if not gaps:
        return counted
    return counted._replace(notes=(*counted.notes, _unpublished_note(gaps)))


def _count(
    cal: WorkingCalendar,
    rule: Rule,
    start: date,
    spans: tuple[PauseSpan, ...],
    roll_source: str | None,
) -> Counted:
    origin = start - ONE_DAY if rule.from_day_before else start
    count = rule.period.count
    unit = rule.period.unit
    if unit is PeriodUnit.WORKING_DAYS:
        return _count_working_days(cal, count, origin, spans)
    if unit is PeriodUnit.CALENDAR_DAYS:
        nominal = origin + timedelta(days=count)
        day_one: date | None = origin + ONE_DAY
        notes: tuple[str, ...] = ()
    else:
        nominal = add_months(origin, count)
        day_one = None
        notes = _month_end_notes(origin, count, nominal)
    if rule.extra_days:
        nominal += timedelta(days=rule.extra_days)
        period = rule.period.describe()
        extra_days = units.days(rule.extra_days)
        extra = _(say.EXTRA_DAYS).format(days=extra_days, period=period, source=rule.source)
        notes = (*notes, extra)
    return _roll(cal, origin, nominal, day_one, spans, notes, roll_source)


def _count_working_days(
    cal: WorkingCalendar, count: int, start: date, spans: tuple[PauseSpan, ...]
) -> Counted:
    """The `count`th unpaused working day after `start`.

    Paused days push the due date on, which may bring more paused days into
    range; repeat until the count is stable (it only grows, so it stops).
    """
    if not spans:
        day_one, due, skipped = cal.count_from(start, count)
        return Counted(due, day_one, skipped, (), ())
    paused: list[int] = []
    extra = 0
    while True:
        due = cal.add_working_days(start, count + extra)
        paused = [_paused_working_days(cal, span, start, due) for span in spans]
        if sum(paused) == extra:
            break
        extra = sum(paused)
    return Counted(
        due=due,
        day_one=cal.add_working_days(start, 1),
        skipped=cal.non_working_days(start + ONE_DAY, due - ONE_DAY),
        pauses=_pauses(spans, paused, PeriodUnit.WORKING_DAYS),
        notes=(),
    )


def _paused_working_days(cal: WorkingCalendar, span: PauseSpan, start: date, due: date) -> int:
    """Working days of `span` that would otherwise have counted (after start, up to due)."""
    first, last = max(span.start, start + ONE_DAY), min(span.end, due)
    return cal.working_days_between(first - ONE_DAY, last) if first <= last else 0


def _roll(
    cal: WorkingCalendar,
    start: date,
    nominal: date,
    day_one: date | None,
    spans: tuple[PauseSpan, ...],
    notes: tuple[str, ...],
    roll_source: str | None,
) -> Counted:
    """Extend a calendar period past paused days, then roll it forward to a working day."""
    paused: list[int] = []
    end = nominal
    while True:
        paused = [_paused_calendar_days(span, start, end) for span in spans]
        moved = nominal + timedelta(days=sum(paused))
        if moved == end:
            break
        end = moved
    due = cal.roll_forward(end)
    skipped = cal.non_working_days(end, due - ONE_DAY)
    if skipped:
        notes = (*notes, _roll_note(end, due, skipped[0].name, roll_source))
    return Counted(
        due=due,
        day_one=day_one,
        skipped=skipped,
        pauses=_pauses(spans, paused, PeriodUnit.CALENDAR_DAYS),
        notes=notes,
    )


def _paused_calendar_days(span: PauseSpan, start: date, end: date) -> int:
    first, last = max(span.start, start + ONE_DAY), min(span.end, end)
    return (last - first).days + 1 if first <= last else 0


def _pauses(spans: tuple[PauseSpan, ...], days: list[int], unit: PeriodUnit) -> tuple[Pause, ...]:
    return tuple(
        Pause(span.start, span.end, span.reason, count, unit)
        for span, count in zip(spans, days, strict=True)
    )


def _roll_note(end: date, due: date, reason: str, source: str | None) -> str:
    cited = _(say.CITED).format(source=source) if source else ""
    return _(say.ROLL).format(
        end=format_day(end), reason=day_name(reason), due=format_day(due), cited=cited
    )


def _month_end_notes(origin: date, count: int, nominal: date) -> tuple[str, ...]:
    if corresponding_date_exists(origin, count):
        return ()
    note = _(say.MONTH_END).format(
        month=format_month(nominal), day=origin.day, end=format_day(nominal)
    )
    return (note,)


def _unpublished_note(years: tuple[int, ...]) -> str:
    """Which years of the institutions' list are missing or partial, said plainly."""
    parts = []
    for year in years:
        found = eu_holidays.PUBLISHED.get(year)
        if found is None:
            parts.append(_(say.NOT_PUBLISHED).format(year=year))
        else:
            parts.append(_(say.KNOWN_PART).format(year=year, known=found.known))
    listed = ", ".join(str(year) for year in years)
    return _(say.UNPUBLISHED_YEAR).format(years=listed, known="; ".join(parts))
