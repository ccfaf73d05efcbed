"""One line per regime — its response period and its calendar — for `foidesk regimes` and docs.

The table in docs/deadlines.md is this table; a test keeps the two the same,
so the reference and the program cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.deadlines.regime import Regime
from foidesk.core.deadlines.regimes import REGIMES
from foidesk.core.deadlines.regions import region_label
from foidesk.core.deadlines.wording.response import receipt
from foidesk.core.i18n import _


@dataclass(frozen=True, slots=True)
class RegimeSummary:
    """What a reader needs first about a law: its name, response period and calendar."""

    id: str
    name: str
    response: str
    source: str
    calendar: str


def summarize(regime: Regime) -> RegimeSummary:
    """The summary line of one regime."""
    rule = regime.response
    return RegimeSummary(
        regime.id,
        regime.name,
        rule.describe(receipt()),
        rule.source,
        _calendar(regime),
    )


def regime_summaries() -> list[RegimeSummary]:
    """Every statutory regime, in the order foidesk lists them (the template is left out)."""
    return [summarize(regime) for regime in REGIMES.values() if regime.id != "custom"]


def _calendar(regime: Regime) -> str:
    region = regime.region
    words = _(regime.calendar.description)
    if not region.choosable:
        return words
    if region.default is None:
        return _("{calendar}; the authority's region adds its own").format(calendar=words)
    return _(
        "Saturdays, Sundays and public holidays of the authority's region; {region} if not set"
    ).format(region=region_label(region.default))
