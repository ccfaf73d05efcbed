"""A regime's rules as data: one `Regime` value per law, read by one counting engine."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.regime_rule import Rule, calendar_days, months, working_days
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.deadlines.stages import Stage
from foidesk.core.i18n import N_

__all__ = [
    "Clarification",
    "ClarificationEffect",
    "FeeEffect",
    "Fees",
    "Regime",
    "Rule",
    "calendar_days",
    "months",
    "working_days",
]


class ClarificationEffect(StrEnum):
    """What a clarification does to the response clock."""

    RESTART = "restart"  # a fresh full period from the day the clarification arrives
    PAUSE = "pause"  # the clock stands still until the answer; days already run stay used


@dataclass(frozen=True, slots=True)
class Clarification:
    """A regime's clarification rule; `once` lets only the first request stop the clock."""

    effect: ClarificationEffect
    source: str
    once: bool = False


class FeeEffect(StrEnum):
    """What a fees notice does to the response clock."""

    PAUSE = "pause"  # days from the notice to the payment are not counted
    RESTART = "restart"  # the period starts on the day the fee is received
    NONE = "none"  # the clock runs on: the law has no pause for a fee


@dataclass(frozen=True, slots=True)
class Fees:
    """Whether a fees notice stops the clock under a regime, and why, with the source."""

    effect: FeeEffect
    source: str
    why: str


_NO_FEE_PAUSE = Fees(
    FeeEffect.NONE, "", N_("foidesk knows no provision of this law that stops the clock for a fee.")
)
_RESTART_ON_CLARIFICATION = Clarification(ClarificationEffect.RESTART, "")
_NATIONAL = RegionRule("", False, "")


@dataclass(frozen=True, slots=True)
class Regime:
    """Everything foidesk knows about the deadlines of one law.

    Periods are counted from the event they follow: `extension` and
    `long_overdue` from the response clock's start (receipt, or the day a
    clarification arrived) — or `extension` from the extension notice where
    `extension_from_notice` says so (NY FOIL) — and `review` from the review
    request. `extension` is the *total* period when the authority extends
    without naming a date; None means the law only allows a 'reasonable' or
    no extension (`extension_note` says which). `stages` are the requester's
    later windows in the order of a request's life. `receipt_source` is set
    where a request arriving on a non-working day counts as received on the
    next working day. A field left None is a stage the law does not time.
    """

    id: str
    name: str
    calendar: CalendarSpec
    response: Rule
    extension: Rule | None = None
    extension_note: str | None = None
    extension_from_notice: bool = False
    school_response: Rule | None = None
    school_long_overdue: Rule | None = None
    school_note: str | None = None
    long_overdue: Rule | None = None
    review: Rule | None = None
    review_extension: Rule | None = None
    stages: tuple[Stage, ...] = ()
    clarification: Clarification = _RESTART_ON_CLARIFICATION
    fees: Fees = _NO_FEE_PAUSE
    fee_payment: Rule | None = None
    roll_source: str | None = None
    receipt_source: str | None = None
    region: RegionRule = _NATIONAL
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
    def clarification_source(self) -> str | None:
        """The citation of the clarification rule, if the regime has one."""
        return self.clarification.source or None

    @property
    def fee_source(self) -> str | None:
        """The citation of the fee rule, if the regime has one."""
        return self.fees.source or None

    @property
    def sources(self) -> tuple[str, ...]:
        """Every legal source this regime cites, for an 'about this law' view."""
        rules = (
            self.response,
            self.extension,
            self.school_response,
            self.long_overdue,
            self.review,
            self.review_extension,
            self.fee_payment,
            *(stage.rule for stage in self.stages),
        )
        cited = [rule.source for rule in rules if rule is not None]
        extra = (self.clarification.source, self.fees.source, self.roll_source)
        cited.extend(source for source in (*extra, self.receipt_source) if source)
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
