"""How a date was computed, in data and in words, so every deadline can explain itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.wording import explanation as say
from foidesk.core.deadlines.wording import units
from foidesk.core.deadlines.wording.holidays import day_name
from foidesk.core.i18n import _
from foidesk.core.locale_format import format_day, format_month

__all__ = ["Explanation", "Pause", "SkippedDay", "format_day", "format_month"]

WEEKEND_NAMES = ("Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A non-working day passed over, with why: a holiday, a weekend or a closure;
    ``country`` is the holiday calendar's (its names may be had in another language)."""

    date: date
    name: str
    country: str = field(default="", compare=False)  # how to name it, not what it is

    @property
    def is_weekend(self) -> bool:
        """True for a plain Saturday or Sunday, which explanations count rather than list."""
        return self.name in WEEKEND_NAMES


@dataclass(frozen=True, slots=True)
class Pause:
    """Time the clock stood still (a fees notice until payment).

    `days` is in the unit of the rule it paused: working days for a
    working-day rule, calendar days otherwise. `end` is None while the pause
    is still running (fee not yet paid).
    """

    start: date
    end: date | None
    reason: str
    days: int
    unit: PeriodUnit = PeriodUnit.WORKING_DAYS


@dataclass(frozen=True, slots=True)
class Explanation:
    """The rule, its legal source and the facts that produced one due date.

    `start` is the day the count ran from (day 0): receipt, or the day a
    clarification arrived, or a final response for a review window.
    `start_label` says which, `day_one` is the first counted day where that
    idea applies, and `due` is the result.
    """

    rule: str
    source: str
    start: date
    skipped: tuple[SkippedDay, ...]
    pauses: tuple[Pause, ...]
    notes: tuple[str, ...]
    due: date | None = None
    start_label: str = "Received"
    day_one: date | None = None

    def text(self) -> str:
        """A readable multi-line account, shown in the GUI and written into .ics files."""
        rule = self.rule[:1].upper() + self.rule[1:]
        if self.source:
            lines = [_(say.RULE_WITH_SOURCE).format(rule=rule, source=self.source)]
        else:
            lines = [_(say.RULE).format(rule=rule)]
        lines.append(self._start_line())
        if self.skipped:
            lines.append(self._skipped_line())
        lines.extend(_pause_line(pause) for pause in self.pauses)
        if self.due is not None:
            lines.append(_(say.DUE).format(day=format_day(self.due)))
        lines.extend(self.notes)
        return "\n".join(lines)

    def _start_line(self) -> str:
        label, day = self.start_label, format_day(self.start)
        if self.day_one is None:
            return _(say.START).format(label=label, day=day)
        day_one = format_day(self.day_one)
        return _(say.START_WITH_DAY_ONE).format(label=label, day=day, day_one=day_one)

    def _skipped_line(self) -> str:
        named = [day for day in self.skipped if not day.is_weekend]
        weekend = len(self.skipped) - len(named)
        template = _(say.SKIPPED_DAY)
        parts = [
            template.format(day=format_day(d.date), name=day_name(d.name, d.date, d.country))
            for d in named
        ]
        if weekend:
            parts.append(units.weekend_days(weekend))
        return _(say.SKIPPED).format(days=_join(parts))


def _pause_line(pause: Pause) -> str:
    counted = Period(pause.days, pause.unit).describe()
    start = format_day(pause.start)
    if pause.end is None:
        return _(say.PAUSED_OPEN).format(start=start, reason=pause.reason, counted=counted)
    end = format_day(pause.end)
    return _(say.PAUSED).format(start=start, end=end, reason=pause.reason, counted=counted)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return _(say.LIST_SEPARATOR).join(parts[:-1]) + _(say.AND) + parts[-1]
