"""The words foidesk shares with its users: statuses, message kinds, directions, regimes.

They follow the vocabulary FOI requesters already know from the big public FOI
platforms, so a status read here means the same thing it means there.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

E = TypeVar("E", bound="StrEnum")


class RequestStatus(StrEnum):
    """Where a request stands. "Overdue" is computed from deadlines, never stored."""

    DRAFT = "draft"
    WAITING_RESPONSE = "waiting_response"
    WAITING_CLARIFICATION = "waiting_clarification"
    GONE_POSTAL = "gone_postal"
    NOT_HELD = "not_held"
    REJECTED = "rejected"
    PARTIALLY_SUCCESSFUL = "partially_successful"
    SUCCESSFUL = "successful"
    INTERNAL_REVIEW = "internal_review"
    ERROR_MESSAGE = "error_message"
    USER_WITHDRAWN = "user_withdrawn"
    COMPLAINT = "complaint"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """True while the requester is still waiting on the authority."""
        return self in OPEN_STATUSES


_STATUS_LABELS = {
    RequestStatus.DRAFT: "Draft",
    RequestStatus.WAITING_RESPONSE: "Awaiting response",
    RequestStatus.WAITING_CLARIFICATION: "Clarification needed",
    RequestStatus.GONE_POSTAL: "Gone postal",
    RequestStatus.NOT_HELD: "Information not held",
    RequestStatus.REJECTED: "Refused",
    RequestStatus.PARTIALLY_SUCCESSFUL: "Partially successful",
    RequestStatus.SUCCESSFUL: "Successful",
    RequestStatus.INTERNAL_REVIEW: "Awaiting internal review",
    RequestStatus.ERROR_MESSAGE: "Delivery error",
    RequestStatus.USER_WITHDRAWN: "Withdrawn",
    RequestStatus.COMPLAINT: "Complaint to regulator",
    RequestStatus.CLOSED: "Closed",
}

OPEN_STATUSES = frozenset(
    {
        RequestStatus.WAITING_RESPONSE,
        RequestStatus.WAITING_CLARIFICATION,
        RequestStatus.GONE_POSTAL,
        RequestStatus.INTERNAL_REVIEW,
        RequestStatus.COMPLAINT,
    }
)

#: Statuses under which the requester has stopped the clock themselves.
STOPPED_STATUSES = frozenset({RequestStatus.USER_WITHDRAWN, RequestStatus.CLOSED})


class Direction(StrEnum):
    INCOMING = "incoming"
    OUTGOING = "outgoing"


class MessageKind(StrEnum):
    REQUEST = "request"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION_REQUEST = "clarification_request"
    CLARIFICATION = "clarification"
    RESPONSE = "response"
    FOLLOW_UP = "follow_up"
    INTERNAL_REVIEW_REQUEST = "internal_review_request"
    INTERNAL_REVIEW_RESPONSE = "internal_review_response"
    COMPLAINT = "complaint"
    NOTE = "note"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


REGIME_IDS: tuple[str, ...] = (
    "uk-foia",
    "uk-eir",
    "scot-foisa",
    "scot-eir",
    "uk-sar",
    "im-foi",
    "us-foia",
    "us-ca-cpra",
    "us-ny-foil",
    "us-il-foia",
    "us-tx-pia",
    "ie-foi",
    "nz-oia",
    "nz-lgoima",
    "au-foi",
    "au-nsw-gipa",
    "ca-ati",
    "ca-privacy",
    "de-ifg",
    "de-uig",
    "eu-1049",
    "custom",
)

DEFAULT_REGIME = "uk-foia"


def parse_choice(enum: type[E], value: str, what: str) -> E:
    """Turn user text into a vocabulary member, or fail with the valid choices listed."""
    try:
        return enum(value.strip().lower().replace("-", "_"))
    except ValueError:
        choices = ", ".join(member.value for member in enum)
        raise ValueError(f"unknown {what} {value!r}; choose one of: {choices}") from None
