"""What a next step is: a move open to the requester, with its last day and its law."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from foidesk.core.i18n import N_, _


class StepKind(StrEnum):
    """The steps foidesk offers. Each but ``court`` and ``withdraw`` leads to a letter of the
    same name (``core/letters``); a withdrawal is one line, and a court action is a
    lawyer's document, not a letter foidesk writes."""

    REQUEST = "request"
    FOLLOW_UP = "follow_up"
    CLARIFICATION = "clarification"
    FEE_ANSWER = "fee_answer"
    INTERNAL_REVIEW_REQUEST = "internal_review_request"
    COMPLAINT = "complaint"
    COURT = "court"
    WITHDRAW = "withdraw"

    @property
    def label(self) -> str:
        """The step as a short instruction, in the current language."""
        return _(_LABELS[self])

    @property
    def has_letter(self) -> bool:
        return self not in (StepKind.COURT, StepKind.WITHDRAW)


_LABELS = {
    StepKind.REQUEST: N_("Send the request"),
    StepKind.FOLLOW_UP: N_("Chase the overdue reply"),
    StepKind.CLARIFICATION: N_("Answer the clarification request"),
    StepKind.FEE_ANSWER: N_("Pay or contest the fee"),
    StepKind.INTERNAL_REVIEW_REQUEST: N_("Ask for a review"),
    StepKind.COMPLAINT: N_("Complain to the regulator"),
    StepKind.COURT: N_("Go to court"),
    StepKind.WITHDRAW: N_("Withdraw the request"),
}


@dataclass(frozen=True)
class Regulator:
    """Who reviews an authority's handling of a request, and how to reach them.

    ``include`` lists what a complaint must contain, as the regulator or the law asks;
    ``source`` is where these facts were checked (also in docs/deadlines.md)."""

    id: str
    name: str
    web: str
    form: str | None
    email: str | None
    address: str
    section: str
    include: tuple[str, ...]
    source: str

    def described_include(self) -> tuple[str, ...]:
        """What to include, in the current language."""
        return tuple(_(item) for item in self.include)


@dataclass(frozen=True)
class NextStep:
    """One move open to the requester.

    ``by`` is the last day the law gives for it — the same date as the deadline it comes
    from in ``request show`` — or, for a chase, the authority's missed deadline; None
    when the law sets no time. ``due`` says whether the step needs the requester now:
    its reply is awaited, the deadline it chases has passed, or its own last day is
    within ``ACTION_HORIZON`` (``urgency.py``)."""

    kind: StepKind
    by: date | None
    why: str
    regulator: Regulator | None = None
    due: bool = False
