"""Errors the deadline engine raises for input a user or caller can get wrong."""

from __future__ import annotations

from collections.abc import Iterable

from foidesk.core.i18n import _


class UnknownRegime(ValueError):
    """A regime id that foidesk has no rules for.

    A ValueError, so a face that already turns bad input into one clear message
    handles it without knowing the engine; the message lists the valid ids so
    the user can correct a typo without reading the docs.
    """

    def __init__(self, regime: str, valid: Iterable[str]) -> None:
        self.regime = regime
        self.valid = tuple(sorted(valid))
        message = _("unknown regime {regime!r}; valid regimes: {valid}")
        super().__init__(message.format(regime=regime, valid=", ".join(self.valid)))
