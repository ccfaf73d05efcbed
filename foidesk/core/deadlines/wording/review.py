"""Sentences of the internal review: its clock and its extension."""

REVIEW_REQUESTED = "Review requested"
THE_REVIEW_REQUEST = "the review request"
REVIEW_EXTENDED = "The authority extended the review on {on}."
NAMED_IN_REVIEW_EXTENSION = "the date the authority named when it extended the review"
EXTENSION_NOTIFIED = "Extension notified"
