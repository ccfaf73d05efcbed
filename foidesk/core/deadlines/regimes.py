"""Every regime foidesk knows, by id, in the order the faces list them.

The rules themselves live in one module per region of the world; each
citation is the one a user (or a test) can check, and docs/deadlines.md lists
them with the public sources they were checked against.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.regime import Regime, working_days
from foidesk.core.deadlines.regimes_europe import DE_IFG, DE_UIG, EU_1049
from foidesk.core.deadlines.regimes_uk import (
    IM_FOI,
    SCOT_EIR,
    SCOT_FOISA,
    UK_EIR,
    UK_FOIA,
    UK_SAR,
)
from foidesk.core.deadlines.regimes_us_states import US_CA_CPRA, US_IL_FOIA, US_NY_FOIL, US_TX_PIA
from foidesk.core.deadlines.regimes_world import (
    AU_FOI,
    AU_NSW_GIPA,
    CA_ATI,
    CA_PRIVACY,
    IE_FOI,
    NZ_LGOIMA,
    NZ_OIA,
    US_FOIA,
)
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.i18n import N_

CUSTOM = Regime(
    id="custom",
    name="Custom rule",
    calendar=CalendarSpec("GB", ("ENG",), description=N_("chosen by the custom rule")),
    response=working_days(20, "custom rule"),
    region=RegionRule("GB", False, N_("a custom rule names its own calendar")),
    notes=(
        N_(
            "A template: a request under 'custom' carries its own CustomRule (count, unit and "
            "holiday calendar), which replaces these values."
        ),
    ),
)

REGIMES: Mapping[str, Regime] = MappingProxyType(
    {
        regime.id: regime
        for regime in (
            UK_FOIA,
            UK_EIR,
            SCOT_FOISA,
            SCOT_EIR,
            UK_SAR,
            IM_FOI,
            US_FOIA,
            US_CA_CPRA,
            US_NY_FOIL,
            US_IL_FOIA,
            US_TX_PIA,
            IE_FOI,
            NZ_OIA,
            NZ_LGOIMA,
            AU_FOI,
            AU_NSW_GIPA,
            CA_ATI,
            CA_PRIVACY,
            DE_IFG,
            DE_UIG,
            EU_1049,
            CUSTOM,
        )
    }
)
