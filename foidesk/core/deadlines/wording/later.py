"""Sentences of the requester's later stages: what opened each one and what to do."""

FINAL_RESPONSE = "Final response"
THE_FINAL_RESPONSE = "the final response"
PERIOD_ENDED = "Response period ended"
THE_END_OF_THE_PERIOD = "the end of the response period"
UNANSWERED = "Response period ended unanswered"
REVIEW_OUTCOME = "Review outcome"
THE_REVIEW_OUTCOME = "the review outcome"
REVIEW_UNANSWERED = "Review period ended unanswered"
THE_END_OF_THE_REVIEW_PERIOD = "the end of the review period"
APPLICATION = "Request received"
THE_REQUEST = "the request"
OBJECTION = "Review requested"
THE_REVIEW_REQUEST = "the review request"

NO_ANSWER = (
    "No answer came by {due}, when the authority's time ran out{cited}: from {opens} you "
    "may {action}."
)
NO_REVIEW_ANSWER = "No review outcome came by {due}{cited}: from {opens} you may {action}."
CITED = " ({source})"
PERIOD_ENDED_IN_TIME = (
    "The answer came in time, so the window runs from the end of the response period, "
    "{due}, not from the answer."
)
NO_NOTICE = "The decision did not say how to challenge it, so the longer period applies ({source})."
WITHOUT_NOTICE_HINT = (
    "If the decision did not say how to challenge it, the period is longer: {rule} "
    "({source}); record that with a no_appeal_notice event."
)
OPENS_LATER = "It opens on {opens}."
