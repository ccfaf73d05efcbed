"""Sentences every stage may add."""

from foidesk.core.i18n import N_

WITHDRAWN = N_("The request was withdrawn or closed, so this deadline no longer applies.")
