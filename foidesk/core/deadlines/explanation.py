"""How a date was computed, in data and in words, so every deadline can explain itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foidesk.core.deadlines.periods import Period, PeriodUnit

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
        lines = [f"{rule} ({self.source})." if self.source else f"{rule}."]
        lines.append(self._start_line())
        if self.skipped:
            lines.append(self._skipped_line())
        lines.extend(_pause_line(pause) for pause in self.pauses)
        if self.due is not None:
            lines.append(f"Due {format_day(self.due)}.")
        lines.extend(self.notes)
        return "\n".join(lines)

    def _start_line(self) -> str:
        line = f"{self.start_label} {format_day(self.start)}"
        if self.day_one is not None:
            line += f"; day 1 = {format_day(self.day_one)}"
        return line + "."

    def _skipped_line(self) -> str:
        named = [day for day in self.skipped if not day.is_weekend]
        weekend = len(self.skipped) - len(named)
        parts = [f"{format_day(day.date)} {day.name}" for day in named]
        if weekend:
            parts.append(f"{weekend} weekend day{'s' if weekend != 1 else ''}")
        return "Skipped: " + _join(parts) + "."


def _pause_line(pause: Pause) -> str:
    counted = Period(pause.days, pause.unit).describe()
    if pause.end is None:
        return (
            f"Paused from {format_day(pause.start)}, not yet ended: {pause.reason}; "
            f"{counted} not counted so far."
        )
    return (
        f"Paused {format_day(pause.start)} to {format_day(pause.end)}: {pause.reason}; "
        f"{counted} not counted."
    )


def _join(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]
