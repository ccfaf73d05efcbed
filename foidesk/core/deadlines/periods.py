"""Lengths of time as the statutes state them: N working days, N calendar days, N months."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from foidesk.core.deadlines.wording import units


class PeriodUnit(StrEnum):
    """How a statute counts. The values match `CustomRule.unit`, so the two compare equal."""

    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    MONTHS = "months"


_UNIT_WORDS = {
    PeriodUnit.WORKING_DAYS: units.working_days,
    PeriodUnit.CALENDAR_DAYS: units.calendar_days,
    PeriodUnit.MONTHS: units.months,
}


@dataclass(frozen=True, slots=True)
class Period:
    """A count of units; the counting rules for each unit live in `counting`."""

    count: int
    unit: PeriodUnit

    def describe(self) -> str:
        """'20 working days', '1 month' — the words an explanation starts with."""
        return _UNIT_WORDS[self.unit](self.count)


def add_months(start: date, months: int) -> date:
    """The corresponding date `months` later, or the last day of that month if there is none.

    This is both the ICO's subject-access rule and BGB §188(2)-(3): 31 Jan plus
    one month is the last day of February, never a day in March.
    """
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last_day))


def corresponding_date_exists(start: date, months: int) -> bool:
    """False when `add_months` had to fall back to a month's last day (31 Jan -> Feb)."""
    return add_months(start, months).day == start.day
