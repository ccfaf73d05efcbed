"""Sentences of the response stage: receipt, clarification, fees, extensions, promises."""

RECEIVED = "Received"
RECEIPT = "receipt"
COUNTED_AS_RECEIVED = "Counted as received"
CLARIFICATION_RECEIVED = "Clarification received"
RECEIPT_OF_CLARIFICATION = "receipt of the clarification"
FEE_RECEIVED = "Fee received"
RECEIPT_OF_FEE = "receipt of the fee"

SCHOOL_CHANGES_NOTHING = "The school setting changes nothing for this regime."
RECEIPT_MOVED = (
    "The request arrived on {arrived}, which is not a working day ({reason}), so it counts "
    "as received on the next working day, {received} ({source})."
)
FRESH_PERIOD = "A fresh full period started when the clarification arrived{cited}."
FRESH_PERIOD_FEE = "The period runs from the day the fee was received{cited}."
CITED = " ({source})"
CLOCK_STOPPED_RESTART = (
    "Clock stopped on {asked}: the authority asked for clarification{cited}. "
    "A fresh {period} start when it receives your reply."
)
CLOCK_STOPPED_PAUSE = (
    "Clock stopped on {asked}: the authority asked for information{cited}. "
    "The days already counted stay used: {left} {unit} will remain once it has your reply."
)
CLARIFICATION_PAUSED = "request for information until the reply"
CLARIFICATION_IGNORED = (
    "The request for information of {asked} did not stop the clock: the law lets only one "
    "such request toll the period{cited}."
)
FEE_PAUSED = "fees notice until payment"
FEE_UNPAID_PAUSE = (
    "Clock stopped on {notice} by a fees notice{cited}; the fee is unpaid. "
    "{left} {unit} will remain once it is paid."
)
FEE_UNPAID_RESTART = (
    "Clock stopped on {notice} by a fees notice{cited}; the fee is unpaid. "
    "The period starts afresh on the day the fee is received."
)
FEE_DOES_NOT_PAUSE = "The fees notice of {notice} does not stop the clock under this law: {why}"
EXTENDED = "The authority extended the deadline on {on}."
NO_FIXED_EXTENSION = "This regime sets no fixed extension."
FEE_NOT_PAID_IN_TIME = "If the fee is not paid by then, the authority need not answer."
FEES_NOTICE = "Fees notice"
THE_FEES_NOTICE = "the fees notice"
NAMED_IN_EXTENSION = "the date the authority named in its extension notice"
EXTENSION_NOTICE_SOURCE = "the authority's extension notice"
EXTENSION_NOTIFIED = "Extension notified"
THE_EXTENSION_NOTICE = "the extension notice"
PROMISED_DATE = "the date the authority promised"
PROMISE_SOURCE = "the authority's own promise, kept beside the statutory deadline"
PROMISE_MADE = "Promise made"
WORKING_DAY = "working day"
WORKING_DAYS = "working days"
DAY = "day"
DAYS = "days"
