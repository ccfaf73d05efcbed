"""A deadline of a request and where it stands on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from foidesk.core.deadlines.explanation import Explanation, format_day
from foidesk.core.deadlines.periods import PeriodUnit
from foidesk.core.deadlines.wording import status as say
from foidesk.core.deadlines.wording import units
from foidesk.core.deadlines.working_calendar import WorkingCalendar
from foidesk.core.i18n import _


class DeadlineKind(StrEnum):
    """Which deadline: the authority's (response, review) or the requester's (windows, fee)."""

    RESPONSE = "response"
    EXTENDED_RESPONSE = "extended_response"
    PROMISED = "promised"
    LONG_OVERDUE = "long_overdue"
    FEE_PAYMENT = "fee_payment"
    REVIEW_REQUEST_WINDOW = "review_request_window"
    INTERNAL_REVIEW = "internal_review"
    COMPLAINT_WINDOW = "complaint_window"
    COURT_WINDOW = "court_window"
    FAILURE_TO_ACT_ACTION = "failure_to_act_action"

    @property
    def label(self) -> str:
        """Short words for lists and calendar entries ('Response due')."""
        return _(_LABELS[self])

    @property
    def is_window(self) -> bool:
        """A chance the requester may take (pay, ask for a review, complain).

        Once its last day has passed the window is closed, not "overdue": no one
        is late, so it must not mark a finished request as needing action.
        """
        return self in _WINDOWS

    @property
    def is_opening(self) -> bool:
        """A right that opens on its date and stays open (an action for failure to act).

        Its date is the first day it may be used, not a last day: it is never
        overdue and never closes by itself.
        """
        return self is DeadlineKind.FAILURE_TO_ACT_ACTION


_LABELS = {kind: say.LABELS[kind.value] for kind in DeadlineKind}


_WINDOWS = frozenset(
    {
        DeadlineKind.FEE_PAYMENT,
        DeadlineKind.REVIEW_REQUEST_WINDOW,
        DeadlineKind.COMPLAINT_WINDOW,
        DeadlineKind.COURT_WINDOW,
    }
)


class DeadlineState(StrEnum):
    """Where a deadline stands on 'today'. Overdue starts the day after the due date."""

    UPCOMING = "upcoming"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    MET = "met"
    NOT_APPLICABLE = "not_applicable"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One deadline as a face shows it.

    `days_left` counts working days for a working-day rule and calendar days
    otherwise (`unit` says which): 0 on the due date, negative once overdue,
    None when met or not applicable. A deadline answered after its due date
    is `met` with `late_by` > 0 (same unit), so the lateness is not lost;
    `met_on` is the day it was answered. For a not-applicable deadline (clock
    stopped, request withdrawn) `due` is the date as it stood, for reference.
    `opens_on` is set while a stage is not open yet (it opens when the
    authority's time has run out without an answer).
    """

    kind: DeadlineKind
    due: date
    state: DeadlineState
    days_left: int | None
    explanation: Explanation
    label: str
    late_by: int | None = None
    met_on: date | None = None
    unit: PeriodUnit = PeriodUnit.WORKING_DAYS
    opens_on: date | None = None

    def status_text(self) -> str:
        """'3 working days left', 'due today', '2 days overdue', 'met 4 working days late'."""
        if self.state is DeadlineState.MET:
            if self.late_by:
                return _(say.MET_LATE).format(days=self._days(self.late_by))
            return _(say.MET)
        if self.opens_on is not None and self.state is DeadlineState.NOT_APPLICABLE:
            return _(say.OPENS).format(day=format_day(self.opens_on))
        if self.kind.is_opening and self.state is DeadlineState.UPCOMING:
            return _(say.POSSIBLE_SINCE).format(day=format_day(self.due))
        if self.state is DeadlineState.NOT_APPLICABLE or self.days_left is None:
            return _(say.CLOSED) if self.kind.is_window else _(say.NOT_APPLICABLE)
        if self.state is DeadlineState.DUE_TODAY:
            return _(say.DUE_TODAY)
        if self.state is DeadlineState.OVERDUE:
            return _(say.OVERDUE).format(days=self._days(-self.days_left))
        return _(say.LEFT).format(days=self._days(self.days_left))

    def _days(self, count: int) -> str:
        if self.unit is PeriodUnit.WORKING_DAYS:
            return units.working_days(count)
        return units.days(count)


def days_apart(cal: WorkingCalendar, unit: PeriodUnit, start: date, end: date) -> int:
    """Signed distance from `start` to `end` in the unit a face shows for this deadline."""
    if unit is PeriodUnit.WORKING_DAYS:
        return cal.working_days_between(start, end)
    return (end - start).days


class Standing(NamedTuple):
    """The state part of a `Deadline`: judged on every call, while the plan is cached."""

    state: DeadlineState
    days_left: int | None = None
    late_by: int | None = None


def judge(
    cal: WorkingCalendar,
    unit: PeriodUnit,
    due: date,
    today: date,
    met_on: date | None = None,
    applies: bool = True,
) -> Standing:
    """Met, not applicable, or upcoming / due today / overdue relative to `today`.

    Overdue by at least one: a deadline that passed on a Friday is overdue on
    Saturday although no working day has gone by.
    """
    if met_on is not None:
        if met_on <= due:
            return Standing(DeadlineState.MET)
        return Standing(DeadlineState.MET, None, max(days_apart(cal, unit, due, met_on), 1))
    if not applies:
        return Standing(DeadlineState.NOT_APPLICABLE)
    if today < due:
        return Standing(DeadlineState.UPCOMING, days_apart(cal, unit, today, due))
    if today == due:
        return Standing(DeadlineState.DUE_TODAY, 0)
    return Standing(DeadlineState.OVERDUE, min(days_apart(cal, unit, today, due), -1))
