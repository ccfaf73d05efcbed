"""A deadline's label and its standing in words: list columns, badges, calendar entries."""

from foidesk.core.i18n import N_

LABELS = {
    "response": N_("Response due"),
    "extended_response": N_("Extended response due"),
    "promised": N_("Promised response"),
    "long_overdue": N_("Long overdue"),
    "fee_payment": N_("Fee payment due"),
    "review_request_window": N_("Last day to ask for a review"),
    "internal_review": N_("Internal review due"),
    "complaint_window": N_("Last day to complain"),
    "court_window": N_("Last day to go to court"),
    "failure_to_act_action": N_("Court action for failure to act possible"),
}
# Translators: a deadline's standing, shown in lists ("met", "met 2 working days late").
MET = N_("met")
MET_LATE = N_("met {days} late")
OPENS = N_("opens {day}")
POSSIBLE_SINCE = N_("possible since {day}")
CLOSED = N_("closed")
NOT_APPLICABLE = N_("not applicable")
DUE_TODAY = N_("due today")
OVERDUE = N_("{days} overdue")
LEFT = N_("{days} left")
