"""The letters foidesk writes: one kind for each step that leads to a letter."""

from __future__ import annotations

from enum import StrEnum

from foidesk.core.i18n import N_, _


class LetterKind(StrEnum):
    """Named as the message kind the letter becomes once sent (``MessageKind``)."""

    REQUEST = "request"
    FOLLOW_UP = "follow_up"
    CLARIFICATION = "clarification"
    INTERNAL_REVIEW_REQUEST = "internal_review_request"
    COMPLAINT = "complaint"
    FEE_ANSWER = "fee_answer"

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    LetterKind.REQUEST: N_("Request"),
    LetterKind.FOLLOW_UP: N_("Reminder of an overdue reply"),
    LetterKind.CLARIFICATION: N_("Clarification"),
    LetterKind.INTERNAL_REVIEW_REQUEST: N_("Review request"),
    LetterKind.COMPLAINT: N_("Complaint to the regulator"),
    LetterKind.FEE_ANSWER: N_("Answer to a fee notice"),
}
