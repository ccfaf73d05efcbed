"""The requester's later stages as data: what opens each one and how long it stays open.

A stage is a window the requester may use after the authority's answer — or
after its silence: a review request, a complaint to the regulator, a court
action. Laws differ on what opens it (the answer, the end of the period
without one, the review's outcome or its failure to come), so each stage
lists its openings and `later_stage` finds the one a request has reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.regime_rule import Rule


class Opens(StrEnum):
    """What can open a stage, checked against a request's history."""

    RESPONSE = "response"  # the final response
    RESPONSE_PERIOD = "response_period"  # FOISA s.20(5): the period's end, or a late answer
    UNANSWERED = "unanswered"  # the response period ended with no answer (deemed refusal)
    REVIEW_OUTCOME = "review_outcome"  # the internal review's outcome
    REVIEW_UNANSWERED = "review_unanswered"  # the review's time ended with no outcome
    APPLICATION = "application"  # the request itself (VwGO §75)
    OBJECTION = "objection"  # the review request, while it is unanswered (VwGO §75)


#: Openings that belong to the review: while a review is pending only these count.
REVIEW_OPENINGS = frozenset({Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED, Opens.OBJECTION})


@dataclass(frozen=True, slots=True)
class Stage:
    """One later stage of a regime.

    `action` says what the requester may do, to follow 'you may'
    ('apply to the Scottish Information Commissioner'). `silence_source` is
    the law that lets the authority's silence open the stage (a deemed
    refusal). `review_overdue` is when an unanswered review counts as overdue for this
    stage, where that differs from the review deadline (the ICO's 40 working
    days). `without_notice` is the longer period when the decision did not say
    how to challenge it (VwGO §58(2)). `calendar` is a court's own calendar,
    where the stage is counted on it. `note` adds a sentence of its own.
    """

    kind: DeadlineKind
    rule: Rule
    opens: tuple[Opens, ...]
    action: str
    silence_source: str = ""
    review_overdue: Rule | None = None
    without_notice: Rule | None = None
    calendar: CalendarSpec | None = None
    note: str | None = None
