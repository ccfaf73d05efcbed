"""One period of a law with its citation, and the shorthands the regime tables use."""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.wording import response as say
from foidesk.core.i18n import _


@dataclass(frozen=True, slots=True)
class Rule:
    """One period of a regime with the citation a test or a user can check.

    `wording` replaces the plain '20 working days after {anchor}' where the
    law words it differently ('4 weeks', 'one calendar month ...'); it may use
    `{anchor}`. `from_day_before` marks a period 'beginning with' its start
    day (the fees window), which is counted from the day before. `extra_days`
    adds calendar days after a month period (the General Court's 10 days on
    account of distance).
    """

    period: Period
    source: str
    wording: str | None = None
    from_day_before: bool = False
    extra_days: int = 0

    def describe(self, anchor: str) -> str:
        """The rule in words, counted from `anchor` ('receipt', 'the review request')."""
        if self.wording is not None:
            return _(self.wording).format(anchor=anchor)
        return _(say.RULE).format(period=self.period.describe(), anchor=anchor)


def working_days(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for the commonest rule."""
    return Rule(Period(count, PeriodUnit.WORKING_DAYS), source, wording)


def calendar_days(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for a rule in calendar days (rolled forward off non-working days)."""
    return Rule(Period(count, PeriodUnit.CALENDAR_DAYS), source, wording)


def months(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for a rule in months (corresponding date, rolled forward)."""
    return Rule(Period(count, PeriodUnit.MONTHS), source, wording)
