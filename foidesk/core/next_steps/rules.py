"""A request's next steps, from its law, its status and its judged deadlines.

Pure: the deadlines come from the engine (``request_deadlines``), already judged on the
day the face asks about, so the dates here are the dates ``request show`` prints. The
engine says *when* a window is open; ``laws.py`` says what the law calls the step and
who the regulator is.
"""

from __future__ import annotations

from collections.abc import Sequence

from foidesk.core.deadlines import Deadline, DeadlineKind, DeadlineState
from foidesk.core.next_steps import wording
from foidesk.core.next_steps.laws import LawSteps, law_of
from foidesk.core.next_steps.model import NextStep, StepKind
from foidesk.core.next_steps.regulators import REGULATORS
from foidesk.core.next_steps.urgency import within_horizon
from foidesk.core.vocabulary import OPEN_STATUSES, RequestStatus

#: The authority's own deadlines: one that has passed is chased.
_AUTHORITY = (
    DeadlineKind.RESPONSE,
    DeadlineKind.EXTENDED_RESPONSE,
    DeadlineKind.PROMISED,
    DeadlineKind.INTERNAL_REVIEW,
)
#: Answers the requester may contest.
ADVERSE = frozenset(
    {RequestStatus.REJECTED, RequestStatus.PARTIALLY_SUCCESSFUL, RequestStatus.NOT_HELD}
)
#: Nothing more to do: the requester has what they asked for, or has stopped.
_FINISHED = frozenset(
    {RequestStatus.SUCCESSFUL, RequestStatus.CLOSED, RequestStatus.USER_WITHDRAWN}
)
_RUNNING = frozenset({DeadlineState.UPCOMING, DeadlineState.DUE_TODAY})


def next_steps(regime: str, status: str, deadlines: Sequence[Deadline]) -> tuple[NextStep, ...]:
    """The moves open to the requester now, the most pressing first."""
    state = RequestStatus(status)
    if state in _FINISHED:
        return ()
    law = law_of(regime)
    if state is RequestStatus.DRAFT:
        return (NextStep(StepKind.REQUEST, None, wording.request(law, False), due=True),)
    steps: list[NextStep] = []
    if state is RequestStatus.ERROR_MESSAGE:
        steps.append(NextStep(StepKind.REQUEST, None, wording.request(law, True), due=True))
    if state is RequestStatus.WAITING_CLARIFICATION:
        steps.append(NextStep(StepKind.CLARIFICATION, None, wording.clarification(law), due=True))
    missed = _missed(deadlines)
    if missed is not None:
        steps.append(NextStep(StepKind.FOLLOW_UP, missed.due, wording.follow_up(missed), due=True))
    steps += _fee(law, deadlines)
    steps += _review(law, state, deadlines, missed)
    steps += _complaint(law, state, deadlines, missed)
    steps += _court(law, state, deadlines, missed)
    if state in OPEN_STATUSES:
        steps.append(NextStep(StepKind.WITHDRAW, None, wording.withdraw()))
    return tuple(sorted(steps, key=_order))


def needs_action(regime: str, status: str, deadlines: Sequence[Deadline]) -> bool:
    """Whether any next step is due (``urgency.py``): the *Needs action* filter's rule."""
    return any(step.due for step in next_steps(regime, status, deadlines))


def _order(step: NextStep) -> tuple[int, str, int]:
    """Due steps first, then by date (undated last), then in the order of a request's life."""
    return (0 if step.due else 1, step.by.isoformat() if step.by else "9999", _RANK[step.kind])


_RANK = {kind: index for index, kind in enumerate(StepKind)}


def _running(deadlines: Sequence[Deadline], kind: DeadlineKind) -> Deadline | None:
    return next((d for d in deadlines if d.kind is kind and d.state in _RUNNING), None)


def _missed(deadlines: Sequence[Deadline]) -> Deadline | None:
    """The latest-stage authority deadline that has passed unanswered, if any."""
    overdue = [d for d in deadlines if d.kind in _AUTHORITY and d.state is DeadlineState.OVERDUE]
    return overdue[-1] if overdue else None


def _fee(law: LawSteps, deadlines: Sequence[Deadline]) -> list[NextStep]:
    window = _running(deadlines, DeadlineKind.FEE_PAYMENT)
    if window is None:
        return []
    return [NextStep(StepKind.FEE_ANSWER, window.due, wording.fee(law, window), None, True)]


def _review(
    law: LawSteps, state: RequestStatus, deadlines: Sequence[Deadline], missed: Deadline | None
) -> list[NextStep]:
    if law.review is None or state in (RequestStatus.INTERNAL_REVIEW, RequestStatus.COMPLAINT):
        return []
    window = _running(deadlines, DeadlineKind.REVIEW_REQUEST_WINDOW)
    if window is not None:
        text = wording.review(law, window)
        return [NextStep(StepKind.INTERNAL_REVIEW_REQUEST, window.due, text, None, _due(window))]
    if law.review_untimed and (state in ADVERSE or missed is not None) and not _reviewed(deadlines):
        return [NextStep(StepKind.INTERNAL_REVIEW_REQUEST, None, wording.review(law, None))]
    return []


def _complaint(
    law: LawSteps, state: RequestStatus, deadlines: Sequence[Deadline], missed: Deadline | None
) -> list[NextStep]:
    regulator = REGULATORS.get(law.regulator or "")
    if regulator is None or state is RequestStatus.COMPLAINT:
        return []
    window = _running(deadlines, DeadlineKind.COMPLAINT_WINDOW)
    if window is not None:
        text = wording.complaint(law, regulator, window)
        return [NextStep(StepKind.COMPLAINT, window.due, text, regulator, _due(window))]
    if _has(deadlines, DeadlineKind.COMPLAINT_WINDOW, DeadlineState.NOT_APPLICABLE, opening=False):
        return []  # its window has closed
    contested = state in ADVERSE or state is RequestStatus.INTERNAL_REVIEW or _reviewed(deadlines)
    if law.complaint_untimed and (contested or (missed is not None and law.silence_complaint)):
        return [
            NextStep(StepKind.COMPLAINT, None, wording.complaint(law, regulator, None), regulator)
        ]
    if law.silence_complaint and missed is not None:
        text = wording.silent_complaint(law, regulator)
        return [NextStep(StepKind.COMPLAINT, None, text, regulator)]
    return []


def _court(
    law: LawSteps, state: RequestStatus, deadlines: Sequence[Deadline], missed: Deadline | None
) -> list[NextStep]:
    window = _running(deadlines, DeadlineKind.COURT_WINDOW)
    if window is not None:
        return [
            NextStep(StepKind.COURT, window.due, wording.court(law, window), None, _due(window))
        ]
    if _untimed_court(law, state, deadlines, missed):
        return [NextStep(StepKind.COURT, None, wording.court_untimed(law))]
    opened = next(
        (
            d
            for d in deadlines
            if d.kind is DeadlineKind.FAILURE_TO_ACT_ACTION
            and d.state is DeadlineState.UPCOMING
            and d.opens_on is None
        ),
        None,
    )
    if opened is None:
        return []
    return [NextStep(StepKind.COURT, None, wording.court(law, opened))]


def _untimed_court(
    law: LawSteps, state: RequestStatus, deadlines: Sequence[Deadline], missed: Deadline | None
) -> bool:
    """A law whose only remedy is a court without a time limit (the CPRA's petition,
    Gov. Code § 7923.000): open once the answer is adverse or overdue."""
    if law.court_section is None or law.review is not None or law.regulator is not None:
        return False
    if any(d.kind is DeadlineKind.COURT_WINDOW for d in deadlines):
        return False
    return state in ADVERSE or missed is not None


def _due(deadline: Deadline) -> bool:
    return within_horizon(deadline)


def _reviewed(deadlines: Sequence[Deadline]) -> bool:
    """The review has been answered (its deadline met)."""
    return _has(deadlines, DeadlineKind.INTERNAL_REVIEW, DeadlineState.MET)


def _has(
    deadlines: Sequence[Deadline], kind: DeadlineKind, state: DeadlineState, *, opening: bool = True
) -> bool:
    """A deadline of this kind in this state; ``opening=False`` leaves out one that has
    not opened yet (a not-applicable window that silence will open)."""
    return any(
        d.kind is kind and d.state is state and (opening or d.opens_on is None) for d in deadlines
    )
