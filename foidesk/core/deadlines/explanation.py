"""How a date was computed, in data and in words, so every deadline can explain itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.wording import explanation as say

# English names by hand: strftime's %a/%b follow the process locale, which a GUI may change.
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKEND_NAMES = ("Saturday", "Sunday")


def format_day(day: date) -> str:
    """'Fri 22 Mar 2024' — unambiguous in every English-speaking country."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {_MONTHS[day.month - 1]} {day.year}"


def format_month(day: date) -> str:
    """'February 2024'."""
    return f"{_MONTH_NAMES[day.month - 1]} {day.year}"


@dataclass(frozen=True, slots=True)
class SkippedDay:
    """A non-working day passed over, with why: a holiday, a weekend or a closure."""

    date: date
    name: str

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
            lines = [say.RULE_WITH_SOURCE.format(rule=rule, source=self.source)]
        else:
            lines = [say.RULE.format(rule=rule)]
        lines.append(self._start_line())
        if self.skipped:
            lines.append(self._skipped_line())
        lines.extend(_pause_line(pause) for pause in self.pauses)
        if self.due is not None:
            lines.append(say.DUE.format(day=format_day(self.due)))
        lines.extend(self.notes)
        return "\n".join(lines)

    def _start_line(self) -> str:
        line = say.START.format(label=self.start_label, day=format_day(self.start))
        if self.day_one is not None:
            line += say.DAY_ONE.format(day=format_day(self.day_one))
        return line + "."

    def _skipped_line(self) -> str:
        named = [day for day in self.skipped if not day.is_weekend]
        weekend = len(self.skipped) - len(named)
        parts = [say.SKIPPED_DAY.format(day=format_day(d.date), name=d.name) for d in named]
        if weekend:
            template = say.WEEKEND_DAY if weekend == 1 else say.WEEKEND_DAYS
            parts.append(template.format(count=weekend))
        return say.SKIPPED.format(days=_join(parts))


def _pause_line(pause: Pause) -> str:
    counted = Period(pause.days, pause.unit).describe()
    start = format_day(pause.start)
    if pause.end is None:
        return say.PAUSED_OPEN.format(start=start, reason=pause.reason, counted=counted)
    end = format_day(pause.end)
    return say.PAUSED.format(start=start, end=end, reason=pause.reason, counted=counted)


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return say.LIST_SEPARATOR.join(parts[:-1]) + say.AND + parts[-1]
