"""What a reply from an authority can be, and what confirming each kind does.

The kinds are the answers to WhatDoTheyKnow's "what best describes the response?",
split where the law treats them differently: a fee notice and an extension move the
clock in their own ways, and a response's outcome decides the request's status.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from foidesk.core.deadlines.events import ClockEventKind
from foidesk.core.i18n import N_, _
from foidesk.core.vocabulary import MessageKind, RequestStatus


class ReplyKind(StrEnum):
    AUTO_REPLY = "auto_reply"
    ACKNOWLEDGEMENT = "acknowledgement"
    CLARIFICATION_REQUEST = "clarification_request"
    FEE_NOTICE = "fee_notice"
    EXTENSION = "extension"
    RESPONSE_SUCCESSFUL = "response_successful"
    RESPONSE_PARTIAL = "response_partial"
    RESPONSE_REFUSED = "response_refused"
    RESPONSE_NOT_HELD = "response_not_held"
    REVIEW_OUTCOME = "review_outcome"
    OTHER = "other"

    @property
    def label(self) -> str:
        """The kind as the bar names it ('a refusal')."""
        return _(_LABELS[self])

    @property
    def phrase(self) -> str:
        """The kind inside a sentence: "This looks like {phrase}" ('a refusal')."""
        return _(_PHRASES[self])

    @property
    def effect(self) -> Effect:
        return EFFECTS[self]


_LABELS = {
    ReplyKind.AUTO_REPLY: N_("Automatic reply"),
    ReplyKind.ACKNOWLEDGEMENT: N_("Acknowledgement"),
    ReplyKind.CLARIFICATION_REQUEST: N_("Clarification request"),
    ReplyKind.FEE_NOTICE: N_("Fee notice"),
    ReplyKind.EXTENSION: N_("Extension of time"),
    ReplyKind.RESPONSE_SUCCESSFUL: N_("Response: information given"),
    ReplyKind.RESPONSE_PARTIAL: N_("Response: partly given"),
    ReplyKind.RESPONSE_REFUSED: N_("Response: refusal"),
    ReplyKind.RESPONSE_NOT_HELD: N_("Response: information not held"),
    ReplyKind.REVIEW_OUTCOME: N_("Internal review outcome"),
    ReplyKind.OTHER: N_("Other correspondence"),
}


_PHRASES = {
    ReplyKind.AUTO_REPLY: N_("an automatic reply"),
    ReplyKind.ACKNOWLEDGEMENT: N_("an acknowledgement"),
    ReplyKind.CLARIFICATION_REQUEST: N_("a request for clarification"),
    ReplyKind.FEE_NOTICE: N_("a fee notice"),
    ReplyKind.EXTENSION: N_("an extension of time"),
    ReplyKind.RESPONSE_SUCCESSFUL: N_("a response giving the information"),
    ReplyKind.RESPONSE_PARTIAL: N_("a partial disclosure"),
    ReplyKind.RESPONSE_REFUSED: N_("a refusal"),
    ReplyKind.RESPONSE_NOT_HELD: N_("an answer that the information is not held"),
    ReplyKind.REVIEW_OUTCOME: N_("the outcome of an internal review"),
    ReplyKind.OTHER: N_("other correspondence"),
}


@dataclass(frozen=True)
class Effect:
    """What confirming a kind does: the message's kind, the request's status (None: it
    stays as it is), and the clock event recorded beside the message (None: the
    message's kind moves the clock by itself, or nothing moves it)."""

    message_kind: MessageKind
    status: RequestStatus | None
    clock_event: ClockEventKind | None = None


EFFECTS: dict[ReplyKind, Effect] = {
    ReplyKind.AUTO_REPLY: Effect(MessageKind.AUTO_REPLY, None),
    ReplyKind.ACKNOWLEDGEMENT: Effect(MessageKind.ACKNOWLEDGEMENT, None),
    # the message kind itself pauses (or restarts) the clock as the regime says
    ReplyKind.CLARIFICATION_REQUEST: Effect(
        MessageKind.CLARIFICATION_REQUEST, RequestStatus.WAITING_CLARIFICATION
    ),
    ReplyKind.FEE_NOTICE: Effect(MessageKind.FEE_NOTICE, None, ClockEventKind.FEE_NOTICE),
    ReplyKind.EXTENSION: Effect(MessageKind.EXTENSION, None, ClockEventKind.EXTENSION),
    ReplyKind.RESPONSE_SUCCESSFUL: Effect(MessageKind.RESPONSE, RequestStatus.SUCCESSFUL),
    ReplyKind.RESPONSE_PARTIAL: Effect(MessageKind.RESPONSE, RequestStatus.PARTIALLY_SUCCESSFUL),
    ReplyKind.RESPONSE_REFUSED: Effect(MessageKind.RESPONSE, RequestStatus.REJECTED),
    ReplyKind.RESPONSE_NOT_HELD: Effect(MessageKind.RESPONSE, RequestStatus.NOT_HELD),
    # the outcome's own status is proposed beside it (upheld refusal, released…)
    ReplyKind.REVIEW_OUTCOME: Effect(MessageKind.INTERNAL_REVIEW_RESPONSE, RequestStatus.REJECTED),
    ReplyKind.OTHER: Effect(MessageKind.FOLLOW_UP, None),
}

#: The statuses a review outcome can leave a request in.
REVIEW_STATUSES = (
    RequestStatus.SUCCESSFUL,
    RequestStatus.PARTIALLY_SUCCESSFUL,
    RequestStatus.REJECTED,
    RequestStatus.NOT_HELD,
)
