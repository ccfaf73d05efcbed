"""When a step needs the requester now — the one rule the panel and the list share.

A request *needs action* exactly when one of its next steps is due: the step's reply is
awaited (a request to send, a clarification asked for), the authority's deadline it
chases has passed, or the step's own last day is within the horizon — two weeks,
counted as 10 working days for a window counted in working days and 14 days otherwise.
Two weeks leave time to write and post a letter; a window that closes later is shown
in the panel but does not yet call for action.
"""

from __future__ import annotations

from foidesk.core.deadlines import Deadline, DeadlineState, PeriodUnit

HORIZON_WORKING_DAYS = 10
HORIZON_DAYS = 14


def within_horizon(deadline: Deadline) -> bool:
    """The deadline is overdue, due today, or due within the horizon."""
    if deadline.state in (DeadlineState.OVERDUE, DeadlineState.DUE_TODAY):
        return True
    if deadline.state is not DeadlineState.UPCOMING or deadline.days_left is None:
        return False
    if deadline.unit is PeriodUnit.WORKING_DAYS:
        return deadline.days_left <= HORIZON_WORKING_DAYS
    return deadline.days_left <= HORIZON_DAYS
