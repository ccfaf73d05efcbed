"""Finding the rules for a regime id, including a request's own custom rule."""

from __future__ import annotations

from functools import lru_cache

from foidesk.core.deadlines.custom import CustomRule
from foidesk.core.deadlines.errors import UnknownRegime
from foidesk.core.deadlines.regime import Regime
from foidesk.core.deadlines.regimes import REGIMES
from foidesk.core.i18n import _

CUSTOM_ID = "custom"


def resolve_regime(regime: str, custom: CustomRule | None = None) -> Regime:
    """The regime to count with; for 'custom', built from the request's rule.

    A custom rule given with any other regime is refused rather than
    ignored: it means the caller mixed up two requests' settings.
    """
    found = REGIMES.get(regime)
    if found is None:
        raise UnknownRegime(regime, REGIMES)
    if regime == CUSTOM_ID:
        if custom is None:
            raise ValueError(_("regime 'custom' needs a CustomRule (count, unit and country)"))
        return _custom_regime(custom)
    if custom is not None:
        raise ValueError(
            _("a custom rule was given for regime {regime!r}; use regime 'custom'").format(
                regime=regime
            )
        )
    return found


@lru_cache(maxsize=256)
def _custom_regime(custom: CustomRule) -> Regime:
    """Cached per rule: many requests share the same few custom rules."""
    return custom.as_regime(REGIMES[CUSTOM_ID])
