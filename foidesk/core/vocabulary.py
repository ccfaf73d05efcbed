"""The words foidesk shares with its users: statuses, message kinds, directions, regimes.

They follow the vocabulary FOI requesters already know from the big public FOI
platforms, so a status read here means the same thing it means there.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from foidesk.core.i18n import N_, _

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
        """The status as people read it, in the chosen language ('Awaiting response')."""
        return _(_STATUS_LABELS[self])

    @property
    def is_open(self) -> bool:
        """True while the requester is still waiting on the authority."""
        return self in OPEN_STATUSES


_STATUS_LABELS = {
    RequestStatus.DRAFT: N_("Draft"),
    RequestStatus.WAITING_RESPONSE: N_("Awaiting response"),
    RequestStatus.WAITING_CLARIFICATION: N_("Clarification needed"),
    RequestStatus.GONE_POSTAL: N_("Gone postal"),
    RequestStatus.NOT_HELD: N_("Information not held"),
    RequestStatus.REJECTED: N_("Refused"),
    RequestStatus.PARTIALLY_SUCCESSFUL: N_("Partially successful"),
    RequestStatus.SUCCESSFUL: N_("Successful"),
    RequestStatus.INTERNAL_REVIEW: N_("Awaiting internal review"),
    RequestStatus.ERROR_MESSAGE: N_("Delivery error"),
    RequestStatus.USER_WITHDRAWN: N_("Withdrawn"),
    RequestStatus.COMPLAINT: N_("Complaint to regulator"),
    RequestStatus.CLOSED: N_("Closed"),
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
    #: An authority's reply not yet confirmed by the user: it moves no clock and no
    #: status until they say what it is (``core/replies``).
    REPLY = "reply"
    AUTO_REPLY = "auto_reply"
    EXTENSION = "extension"
    FEE_NOTICE = "fee_notice"

    @property
    def label(self) -> str:
        """The kind as people read it, in the chosen language ('Clarification request')."""
        return _(_KIND_LABELS[self])


_KIND_LABELS = {
    MessageKind.REQUEST: N_("Request"),
    MessageKind.ACKNOWLEDGEMENT: N_("Acknowledgement"),
    MessageKind.CLARIFICATION_REQUEST: N_("Clarification request"),
    MessageKind.CLARIFICATION: N_("Clarification"),
    MessageKind.RESPONSE: N_("Response"),
    MessageKind.FOLLOW_UP: N_("Follow up"),
    MessageKind.INTERNAL_REVIEW_REQUEST: N_("Internal review request"),
    MessageKind.INTERNAL_REVIEW_RESPONSE: N_("Internal review response"),
    MessageKind.COMPLAINT: N_("Complaint"),
    MessageKind.NOTE: N_("Note"),
    MessageKind.REPLY: N_("Reply (not yet confirmed)"),
    MessageKind.AUTO_REPLY: N_("Automatic reply"),
    MessageKind.EXTENSION: N_("Extension"),
    MessageKind.FEE_NOTICE: N_("Fee notice"),
}


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
        raise ValueError(
            _("unknown {what} {value!r}; choose one of: {choices}").format(
                what=what, value=value, choices=choices
            )
        ) from None
