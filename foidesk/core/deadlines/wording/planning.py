"""Sentences every stage may add."""

WITHDRAWN = "The request was withdrawn or closed, so this deadline no longer applies."
