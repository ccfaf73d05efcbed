"""A deadline's label and its standing in words: list columns, badges, calendar entries."""

LABELS = {
    "response": "Response due",
    "extended_response": "Extended response due",
    "promised": "Promised response",
    "long_overdue": "Long overdue",
    "fee_payment": "Fee payment due",
    "review_request_window": "Last day to ask for a review",
    "internal_review": "Internal review due",
    "complaint_window": "Last day to complain",
    "court_window": "Last day to go to court",
    "failure_to_act_action": "Court action for failure to act possible",
}
MET = "met"
MET_LATE = "met {days} late"
OPENS = "opens {day}"
POSSIBLE_SINCE = "possible since {day}"
CLOSED = "closed"
NOT_APPLICABLE = "not applicable"
DUE_TODAY = "due today"
OVERDUE = "{days} overdue"
LEFT = "{days} left"
WORKING_DAY = "{count} working day"
WORKING_DAYS = "{count} working days"
DAY = "{count} day"
DAYS = "{count} days"
