"""A regime's rules as data: one `Regime` value per law, read by one counting engine."""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.periods import Period, PeriodUnit


@dataclass(frozen=True, slots=True)
class Rule:
    """One period of a regime with the citation a test or a user can check.

    `wording` replaces the plain '20 working days after {anchor}' where the
    law words it differently ('4 weeks', 'one calendar month ...'); it may use
    `{anchor}`. `from_day_before` marks a period 'beginning with' its start
    day (the fees window), which is counted from the day before.
    """

    period: Period
    source: str
    wording: str | None = None
    from_day_before: bool = False

    def describe(self, anchor: str) -> str:
        """The rule in words, counted from `anchor` ('receipt', 'the review request')."""
        if self.wording is not None:
            return self.wording.format(anchor=anchor)
        return f"{self.period.describe()} after {anchor}"


def working_days(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for the commonest rule."""
    return Rule(Period(count, PeriodUnit.WORKING_DAYS), source, wording)


def calendar_days(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for a rule in calendar days (rolled forward off non-working days)."""
    return Rule(Period(count, PeriodUnit.CALENDAR_DAYS), source, wording)


def months(count: int, source: str, wording: str | None = None) -> Rule:
    """Shorthand for a rule in months (corresponding date, rolled forward)."""
    return Rule(Period(count, PeriodUnit.MONTHS), source, wording)


@dataclass(frozen=True, slots=True)
class Regime:
    """Everything foidesk knows about the deadlines of one law.

    Periods that follow an event are counted from it: `extension` and
    `long_overdue` from the response clock's start (receipt, or the day a
    clarification arrived), `review_request` and `complaint` from the final
    response, `review` from the review request. `extension` is the *total*
    period when the authority extends without naming a date; None means the
    law only allows a 'reasonable' or no extension (`extension_note` says
    which). A field left None is a stage the law does not time.
    """

    id: str
    name: str
    calendar: CalendarSpec
    response: Rule
    extension: Rule | None = None
    extension_note: str | None = None
    school_response: Rule | None = None
    school_long_overdue: Rule | None = None
    school_note: str | None = None
    long_overdue: Rule | None = None
    review_request: Rule | None = None
    review: Rule | None = None
    review_extension: Rule | None = None
    complaint: Rule | None = None
    complaint_needs_review: bool = False
    clarification_source: str | None = None
    fee_source: str | None = None
    fee_payment: Rule | None = None
    roll_source: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def country(self) -> str:
        """Country (or, for the EU, jurisdiction) of the holiday calendar."""
        return self.calendar.country

    @property
    def subdivision(self) -> str | None:
        """The calendar's one subdivision; None for national holidays or a union of regions."""
        return self.calendar.subdivision

    @property
    def sources(self) -> tuple[str, ...]:
        """Every legal source this regime cites, for an 'about this law' view."""
        rules = (
            self.response,
            self.extension,
            self.school_response,
            self.long_overdue,
            self.review_request,
            self.review,
            self.review_extension,
            self.complaint,
            self.fee_payment,
        )
        cited = [rule.source for rule in rules if rule is not None]
        extra = (self.clarification_source, self.fee_source, self.roll_source)
        cited.extend(source for source in extra if source is not None)
        return tuple(dict.fromkeys(cited))

    def response_rule(self, school: bool) -> Rule:
        """The response period, using the school variant where the law has one."""
        if school and self.school_response is not None:
            return self.school_response
        return self.response

    def long_overdue_rule(self, school: bool) -> Rule | None:
        """When a request counts as long overdue, if the regime has that idea."""
        if school and self.school_long_overdue is not None:
            return self.school_long_overdue
        return self.long_overdue

    def extension_rule(self, school: bool) -> Rule | None:
        """The fixed extension; schools already get the longest period, so none for them."""
        if school and self.school_response is not None:
            return None
        return self.extension
