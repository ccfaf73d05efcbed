"""Sentences of the response stage: receipt, clarification, fees, extensions, promises."""

from foidesk.core.i18n import N_, pgettext

RECEIVED = N_("Received")
COUNTED_AS_RECEIVED = N_("Counted as received")
CLARIFICATION_RECEIVED = N_("Clarification received")
FEE_RECEIVED = N_("Fee received")

SCHOOL_CHANGES_NOTHING = N_("The school setting changes nothing for this regime.")
RECEIPT_MOVED = N_(
    "The request arrived on {arrived}, which is not a working day ({reason}), so it counts "
    "as received on the next working day, {received} ({source})."
)
FRESH_PERIOD = N_("A fresh full period started when the clarification arrived{cited}.")
FRESH_PERIOD_FEE = N_("The period runs from the day the fee was received{cited}.")
CITED = N_(" ({source})")
CLOCK_STOPPED_RESTART = N_(
    "Clock stopped on {asked}: the authority asked for clarification{cited}. "
    "A fresh {period} start when it receives your reply."
)
CLOCK_STOPPED_PAUSE = N_(
    "Clock stopped on {asked}: the authority asked for information{cited}. "
    "The days already counted stay used: {left} will remain once it has your reply."
)
CLARIFICATION_PAUSED = N_("request for information until the reply")
CLARIFICATION_IGNORED = N_(
    "The request for information of {asked} did not stop the clock: the law lets only one "
    "such request toll the period{cited}."
)
FEE_PAUSED = N_("fees notice until payment")
FEE_UNPAID_PAUSE = N_(
    "Clock stopped on {notice} by a fees notice{cited}; the fee is unpaid. "
    "{left} will remain once it is paid."
)
FEE_UNPAID_RESTART = N_(
    "Clock stopped on {notice} by a fees notice{cited}; the fee is unpaid. "
    "The period starts afresh on the day the fee is received."
)
FEE_DOES_NOT_PAUSE = N_("The fees notice of {notice} does not stop the clock under this law: {why}")
FEE_WHY_WITH_SOURCE = N_("{why} ({source}).")
EXTENDED = N_("The authority extended the deadline on {on}.")
NO_FIXED_EXTENSION = N_("This regime sets no fixed extension.")
FEE_NOT_PAID_IN_TIME = N_("If the fee is not paid by then, the authority need not answer.")
FEES_NOTICE = N_("Fees notice")
NAMED_IN_EXTENSION = N_("the date the authority named in its extension notice")
EXTENSION_NOTICE_SOURCE = N_("the authority's extension notice")
EXTENSION_NOTIFIED = N_("Extension notified")
PROMISED_DATE = N_("the date the authority promised")
PROMISE_SOURCE = N_("the authority's own promise, kept beside the statutory deadline")
PROMISE_MADE = N_("Promise made")
RULE = N_("{period} after {anchor}")
REASON_WITH_SOURCE = N_("{reason} ({source})")


def receipt() -> str:
    return pgettext("after", "receipt")


def receipt_of_clarification() -> str:
    return pgettext("after", "receipt of the clarification")


def receipt_of_fee() -> str:
    return pgettext("after", "receipt of the fee")


def the_fees_notice() -> str:
    return pgettext("after", "the fees notice")


def the_extension_notice() -> str:
    return pgettext("after", "the extension notice")
