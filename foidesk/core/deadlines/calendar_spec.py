"""Which public holidays a regime's calendar uses, and loading them from `holidays`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from foidesk.core.deadlines import eu_holidays

#: The one dated data set that is not in the `holidays` package (see `eu_holidays`).
EU_INSTITUTIONS = "eu-institutions"


@dataclass(frozen=True, slots=True)
class CalendarSpec:
    """A holiday calendar as the `holidays` package names it.

    `subdivisions` lists regions whose holidays are *all* non-working days (the
    UK FOIA counts a bank holiday in any UK nation); empty means national
    holidays only. `dataset` names foidesk's own dated list instead of the
    package (the EU institutions'). `excluded` drops holidays the package has
    but the law does not count (Texas's optional holidays).
    `nz_summer_break` adds the NZ OIA s.2 block of 25 December to 15 January.
    """

    country: str
    subdivisions: tuple[str, ...] = ()
    categories: tuple[str, ...] = ("public",)
    dataset: str | None = None
    excluded: tuple[str, ...] = ()
    nz_summer_break: bool = False
    description: str = ""

    @property
    def subdivision(self) -> str | None:
        """The one subdivision, if the calendar is one region's; None for national or union."""
        return self.subdivisions[0] if len(self.subdivisions) == 1 else None


@lru_cache(maxsize=4096)
def holiday_names(spec: CalendarSpec, year: int) -> Mapping[date, str]:
    """Every holiday in `year` with its name; cached because the package is slow to build.

    Constructing a `holidays` object costs about a millisecond, and loading the
    package far more; a deadline costs microseconds. So each calendar+year is built
    once per process, and kept for the next one (``holiday_cache.py``).
    """
    from foidesk.core.deadlines.holiday_cache import shared_cache

    return shared_cache().names(f"{spec!r}|{year}", lambda: _computed_names(spec, year))


def _computed_names(spec: CalendarSpec, year: int) -> Mapping[date, str]:
    if spec.dataset == EU_INSTITUTIONS:
        return eu_holidays.holidays_in(year)
    import holidays  # loaded on first use: it is a large package

    if len(spec.subdivisions) <= 1:
        found = holidays.country_holidays(
            spec.country, subdiv=spec.subdivision, years=year, categories=spec.categories
        )
        named = dict(found.items())
    else:
        named = _union_of_subdivisions(spec, year)
    return _without(named, spec.excluded) if spec.excluded else named


def _without(named: Mapping[date, str], excluded: tuple[str, ...]) -> dict[date, str]:
    """Drop the excluded holidays; a day sharing two names keeps the one that counts."""
    kept: dict[date, str] = {}
    for day, name in named.items():
        parts = [part for part in name.split("; ") if part not in excluded]
        if parts:
            kept[day] = "; ".join(parts)
    return kept


def unpublished_years(spec: CalendarSpec, first: date, last: date) -> tuple[int, ...]:
    """Years from `first` to `last` whose holidays foidesk does not fully know.

    Only a dated data set can have gaps; the package computes any year.
    """
    if spec.dataset != EU_INSTITUTIONS:
        return ()
    return eu_holidays.gaps(first, last)


def _union_of_subdivisions(spec: CalendarSpec, year: int) -> dict[date, str]:
    """Holidays of any listed subdivision, naming the regions where not all share it."""
    import holidays  # loaded on first use: it is a large package

    per_region = {
        sub: holidays.country_holidays(
            spec.country, subdiv=sub, years=year, categories=spec.categories
        )
        for sub in spec.subdivisions
    }
    labels = subdivision_labels(spec.country)
    days = sorted({day for found in per_region.values() for day in found})
    return {day: _union_name(day, per_region, labels) for day in days}


def _union_name(
    day: date, per_region: Mapping[str, Mapping[date, str]], labels: Mapping[str, str]
) -> str:
    """'Christmas Day' when every region has it; "Saint Andrew's Day (Scotland)" when not."""
    regions_by_name: dict[str, list[str]] = {}
    for sub, found in per_region.items():
        name = found.get(day)
        if name is not None:
            regions_by_name.setdefault(name, []).append(labels.get(sub, sub))
    parts = [
        name if len(regions) == len(per_region) else f"{name} ({', '.join(regions)})"
        for name, regions in regions_by_name.items()
    ]
    return "; ".join(parts)


@lru_cache(maxsize=256)
def subdivision_labels(country: str) -> Mapping[str, str]:
    """Code -> readable name ('SCT' -> 'Scotland') where the package knows one."""
    import holidays  # loaded on first use: it is a large package

    entity = holidays.country_holidays(country, years=())
    aliases: Mapping[str, str] = getattr(entity, "subdivisions_aliases", {})
    return {code: alias for alias, code in aliases.items()}


@lru_cache(maxsize=256)
def check_calendar(country: str, subdivision: str | None) -> None:
    """Raise ValueError, with the valid choices, if the package has no such calendar."""
    import holidays  # loaded on first use: it is a large package

    supported = holidays.list_supported_countries()
    if country not in supported:
        raise ValueError(
            f"unknown holiday country {country!r}; use an ISO 3166 code such as "
            f"GB, US, IE, NZ, AU, CA, DE or BE"
        )
    if subdivision is None:
        return
    try:
        holidays.country_holidays(country, subdiv=subdivision, years=())
    except NotImplementedError:
        codes = ", ".join(supported[country]) or "none"
        raise ValueError(
            f"unknown subdivision {subdivision!r} for {country}; valid subdivisions: {codes}"
        ) from None
