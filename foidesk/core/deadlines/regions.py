"""Where an authority is: an ISO 3166-2 region, and which holiday calendar it picks.

Holidays depend on place for some laws and not for others. The UK FOIA counts
a bank holiday in any part of the UK wherever the authority is (s.10(6)); an
Australian agency counts the holidays of its own state (Acts Interpretation Act
1901 s.36(2)); a German authority those of its Land (BGB §193). Each regime
says which, with a default for an authority whose region is not known.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

from foidesk.core.deadlines.calendar_spec import CalendarSpec, check_calendar
from foidesk.core.i18n import N_, _

_CODE = re.compile(r"^([A-Z]{2})(?:-([A-Z0-9]{1,3}))?$")

#: Regions whose holidays some regime counts, with their English names, for forms and
#: notes (`region_label` translates them).
REGION_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "GB-ENG": "England",
        "GB-NIR": N_("Northern Ireland"),
        "GB-SCT": N_("Scotland"),
        "GB-WLS": "Wales",
        "AU-ACT": "Australian Capital Territory",
        "AU-NSW": "New South Wales",
        "AU-NT": "Northern Territory",
        "AU-QLD": "Queensland",
        "AU-SA": "South Australia",
        "AU-TAS": "Tasmania",
        "AU-VIC": "Victoria",
        "AU-WA": "Western Australia",
        "DE-BB": "Brandenburg",
        "DE-BE": "Berlin",
        "DE-BW": "Baden-Württemberg",
        "DE-BY": N_("Bavaria"),
        "DE-HB": "Bremen",
        "DE-HE": N_("Hesse"),
        "DE-HH": "Hamburg",
        "DE-MV": "Mecklenburg-Vorpommern",
        "DE-NI": N_("Lower Saxony"),
        "DE-NW": N_("North Rhine-Westphalia"),
        "DE-RP": N_("Rhineland-Palatinate"),
        "DE-SH": "Schleswig-Holstein",
        "DE-SL": "Saarland",
        "DE-SN": N_("Saxony"),
        "DE-ST": N_("Saxony-Anhalt"),
        "DE-TH": N_("Thuringia"),
        "IM": N_("Isle of Man"),
    }
)


class RegionError(ValueError):
    """A region code that is malformed, unknown, or outside a regime's country."""


def normalize_region(code: str) -> str:
    """'au-nsw ' -> 'AU-NSW'; RegionError unless it is an ISO 3166 code the package knows."""
    text = code.strip().upper()
    found = _CODE.match(text)
    if found is None:
        raise RegionError(
            f"{code!r} is not a region code; use ISO 3166-2, such as AU-NSW, DE-BY or GB-SCT"
        )
    country, sub = found.group(1), found.group(2)
    try:
        check_calendar(country, sub)
    except ValueError as error:
        raise RegionError(f"region {text} is not one foidesk knows: {error}") from None
    return text


def region_label(code: str) -> str:
    """'New South Wales (AU-NSW)', or the code alone when foidesk has no name for it."""
    name = REGION_NAMES.get(code)
    return f"{_(name)} ({code})" if name else code


@dataclass(frozen=True, slots=True)
class RegionRule:
    """How a regime's calendar depends on where the authority is.

    `country` is the country whose regions are meaningful. With `choosable`
    the region's own holidays are counted and `default` (a region code, or
    None for the national holidays alone) stands in for an unknown one;
    otherwise the law fixes the calendar and a region changes nothing. `why`
    is the reason, with its source, in one sentence.
    """

    country: str
    choosable: bool
    why: str
    default: str | None = None


@dataclass(frozen=True, slots=True)
class RegionChoice:
    """The calendar a request counts on and how the region led to it."""

    calendar: CalendarSpec
    region: str | None
    used: str | None  # the region whose holidays are counted, if any
    given: bool  # the authority's region was known and used
    fitting: bool  # the given region belongs to the regime's country


def choose_calendar(rule: RegionRule, base: CalendarSpec, region: str | None) -> RegionChoice:
    """The calendar for an authority in `region` (None: not known) under `rule`."""
    fitting = region is None or _country_of(region) == rule.country
    if not rule.choosable or not fitting:
        return RegionChoice(base, region, None, False, fitting)
    chosen = region if region is not None and _sub_of(region) else rule.default
    if chosen is None:
        return RegionChoice(base, region, None, False, True)
    spec = replace(
        base,
        subdivisions=(_sub_of(chosen),),
        description=_("Saturdays, Sundays and public holidays of {region}").format(
            region=region_label(chosen)
        ),
    )
    return RegionChoice(spec, region, chosen, chosen == region, True)


def check_region_for(rule: RegionRule, regime_id: str, region: str) -> str:
    """The normalized region, or RegionError if it lies outside the regime's country."""
    code = normalize_region(region)
    if _country_of(code) != rule.country:
        raise RegionError(
            f"region {code} is not in {rule.country}, where {regime_id} applies; "
            f"use a code that starts with {rule.country}-"
        )
    return code


def _country_of(code: str) -> str:
    return code.split("-", 1)[0]


def _sub_of(code: str) -> str:
    return code.split("-", 1)[1] if "-" in code else ""
