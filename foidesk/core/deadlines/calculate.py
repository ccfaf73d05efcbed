"""The plain calculator: when is a request under a regime due, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foidesk.core.deadlines.closures import NO_CLOSURES, Closures
from foidesk.core.deadlines.counting import count_period
from foidesk.core.deadlines.custom import CustomRule
from foidesk.core.deadlines.explanation import Explanation, SkippedDay
from foidesk.core.deadlines.registry import resolve_regime
from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for


@dataclass(frozen=True, slots=True)
class Calculation:
    """The response deadline of a request received on `received`, with its reasons.

    `skipped` lists every non-working day passed over before `due` (weekends
    and holidays, each named); for calendar-day and month rules, whose
    weekends count, that is only the days the last day was rolled over.
    `extended_due` is None where the law has no fixed extension.
    """

    regime: str
    received: date
    due: date
    extended_due: date | None
    skipped: tuple[SkippedDay, ...]
    explanation: Explanation


def calculate(
    regime: str,
    received: date,
    *,
    custom: CustomRule | None = None,
    closures: Closures = NO_CLOSURES,
    school: bool = False,
) -> Calculation:
    """The statutory response deadline for a request received on `received`.

    Raises UnknownRegime (a ValueError) listing the valid ids.
    """
    rules = resolve_regime(regime, custom)
    cal = calendar_for(rules.calendar, closures)
    rule = rules.response_rule(school)
    counted = count_period(cal, rule, received, (), rules.roll_source)
    extension = rules.extension_rule(school)
    extended_due = None
    if extension is not None:
        extended_due = count_period(cal, extension, received, (), rules.roll_source).due
    notes = (rules.school_note,) if school and rules.school_note else ()
    explanation = Explanation(
        rule=rule.describe("receipt"),
        source=rule.source,
        start=received,
        skipped=counted.skipped,
        pauses=(),
        notes=counted.notes + notes + rules.notes,
        due=counted.due,
        day_one=counted.day_one,
    )
    return Calculation(regime, received, counted.due, extended_due, counted.skipped, explanation)


def calendar_for_regime(
    regime: str, *, custom: CustomRule | None = None, closures: Closures = NO_CLOSURES
) -> WorkingCalendar:
    """The working calendar a regime counts on, for 'N working days left' in a face."""
    rules = resolve_regime(regime, custom)
    return calendar_for(rules.calendar, closures)


def working_days_between(
    regime: str,
    start: date,
    end: date,
    *,
    custom: CustomRule | None = None,
    closures: Closures = NO_CLOSURES,
) -> int:
    """Working days in (start, end] on the regime's calendar; negative if end is earlier."""
    return calendar_for_regime(regime, custom=custom, closures=closures).working_days_between(
        start, end
    )
