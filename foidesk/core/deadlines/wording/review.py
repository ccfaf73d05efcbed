"""Sentences of the internal review: its clock and its extension."""

from foidesk.core.i18n import N_, pgettext

REVIEW_REQUESTED = N_("Review requested")
REVIEW_EXTENDED = N_("The authority extended the review on {on}.")
NAMED_IN_REVIEW_EXTENSION = N_("the date the authority named when it extended the review")
EXTENSION_NOTIFIED = N_("Extension notified")


def the_review_request() -> str:
    return pgettext("after", "the review request")
