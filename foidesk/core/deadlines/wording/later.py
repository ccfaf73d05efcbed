"""Sentences of the requester's later stages: what opened each one and what to do.

Start labels begin a line ("Final response Fri 22 Mar 2024."); anchors end a rule
("1 month after the final response"), so a translation gives each the case its
language needs there.
"""

from foidesk.core.i18n import N_, pgettext

FINAL_RESPONSE = N_("Final response")
PERIOD_ENDED = N_("Response period ended")
UNANSWERED = N_("Response period ended unanswered")
REVIEW_OUTCOME = N_("Review outcome")
REVIEW_UNANSWERED = N_("Review period ended unanswered")
APPLICATION = N_("Request received")
OBJECTION = N_("Review requested")

NO_ANSWER = N_(
    "No answer came by {due}, when the authority's time ran out{cited}: from {opens} you "
    "may {action}."
)
NO_REVIEW_ANSWER = N_("No review outcome came by {due}{cited}: from {opens} you may {action}.")
CITED = N_(" ({source})")
PERIOD_ENDED_IN_TIME = N_(
    "The answer came in time, so the window runs from the end of the response period, "
    "{due}, not from the answer."
)
NO_NOTICE = N_(
    "The decision did not say how to challenge it, so the longer period applies ({source})."
)
WITHOUT_NOTICE_HINT = N_(
    "If the decision did not say how to challenge it, the period is longer: {rule} "
    "({source}); record that with a no_appeal_notice event."
)
OPENS_LATER = N_("It opens on {opens}.")


def the_final_response() -> str:
    return pgettext("after", "the final response")


def the_end_of_the_period() -> str:
    return pgettext("after", "the end of the response period")


def the_review_outcome() -> str:
    return pgettext("after", "the review outcome")


def the_end_of_the_review_period() -> str:
    return pgettext("after", "the end of the review period")


def the_request() -> str:
    return pgettext("after", "the request")


def the_review_request() -> str:
    return pgettext("after", "the review request")
