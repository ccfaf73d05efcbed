"""The EU institutions' own holidays, as dated data per year with the Official Journal source.

Regulation (EEC, Euratom) No 1182/71 art 2(2) makes the institutions' working
days all days other than public holidays, Sundays and Saturdays; the public
holidays are the ones each institution adopts and publishes in the Official
Journal (C series) for staff in Brussels and Luxembourg. They are not in the
`holidays` package and no rule predicts them (bridge days and the end-of-year
block change from year to year), so only published lists are kept here, day by
day. A year that is missing or only partly known is said to be so in every
explanation that touches it; nothing is guessed.

The Brussels list is used: the Luxembourg list differs only by its national
day (23 June instead of 21 July).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class PublishedYear:
    """One year's list: its days, where it was published, and whether it is whole.

    `known` says, for an incomplete year, which part of it foidesk has;
    `known_until` is the last day up to which its list is whole, if any.
    """

    year: int
    source: str
    days: Mapping[date, str]
    complete: bool = True
    known: str = ""
    known_until: date | None = None


def _days(*entries: tuple[date, str]) -> Mapping[date, str]:
    return MappingProxyType(dict(entries))


def _run(first: date, last: date, name: str) -> tuple[tuple[date, str], ...]:
    """The weekdays from `first` to `last`: the lists count the working days of a block."""
    days = (first + timedelta(days=n) for n in range((last - first).days + 1))
    return tuple((day, name) for day in days if day.weekday() < 5)


_END_OF_YEAR = "End-of-year days"

_YEARS = (
    PublishedYear(
        2014,
        "Commission Decision of 21 December 2012 on public holidays for 2014 for the "
        "institutions of the European Union, OJ C 39, 12.2.2013, p. 26",
        _days(
            (date(2014, 1, 1), "New Year's Day"),
            (date(2014, 1, 2), "Day after New Year's Day"),
            (date(2014, 4, 17), "Maundy Thursday"),
            (date(2014, 4, 18), "Good Friday"),
            (date(2014, 4, 21), "Easter Monday"),
            (date(2014, 5, 1), "Labour Day"),
            (date(2014, 5, 9), "Anniversary of the Schuman Declaration"),
            (date(2014, 5, 29), "Ascension Day"),
            (date(2014, 5, 30), "Day after Ascension Day"),
            (date(2014, 6, 9), "Whit Monday"),
            (date(2014, 7, 21), "Belgian National Day"),
            (date(2014, 8, 15), "Assumption"),
            *_run(date(2014, 12, 24), date(2014, 12, 31), _END_OF_YEAR),
        ),
    ),
    PublishedYear(
        2015,
        "Commission Decision of 21 December 2012 (the 2014 list), OJ C 39, 12.2.2013, p. 26",
        _days((date(2015, 1, 2), "Day after New Year's Day")),
        complete=False,
        known="only 2 January 2015, which the 2014 list fixed in advance",
    ),
    PublishedYear(
        2023,
        "Commission Decision of 25 May 2021 on public holidays in 2023 for staff of the "
        "European institutions in Brussels and Luxembourg, OJ C 201 I, 28.5.2021, p. 2",
        _days(
            (date(2023, 1, 2), "Day after New Year's Day"),
            (date(2023, 4, 6), "Maundy Thursday"),
            (date(2023, 4, 7), "Good Friday"),
            (date(2023, 4, 10), "Easter Monday"),
            (date(2023, 5, 1), "Labour Day"),
            (date(2023, 5, 9), "Anniversary of the Schuman Declaration"),
            (date(2023, 5, 18), "Ascension Day"),
            (date(2023, 5, 19), "Day after Ascension Day"),
            (date(2023, 5, 29), "Whit Monday"),
            (date(2023, 7, 21), "Belgian National Day"),
            (date(2023, 8, 15), "Assumption"),
            (date(2023, 11, 1), "All Saints' Day"),
            (date(2023, 11, 2), "All Souls' Day"),
            *_run(date(2023, 12, 25), date(2023, 12, 29), _END_OF_YEAR),
        ),
    ),
    PublishedYear(
        2024,
        "Commission Decision of 17 November 2022 on public holidays for 2024 for staff in "
        "Brussels and Luxembourg, OJ C 440, 21.11.2022, p. 15",
        _days(
            (date(2024, 1, 1), "New Year's Day"),
            (date(2024, 1, 2), "Day after New Year's Day"),
            (date(2024, 3, 28), "Maundy Thursday"),
            (date(2024, 3, 29), "Good Friday"),
            (date(2024, 4, 1), "Easter Monday"),
            (date(2024, 5, 1), "Labour Day"),
            (date(2024, 5, 9), "Anniversary of the Schuman Declaration; Ascension Day"),
            (date(2024, 5, 10), "Day after Ascension Day"),
            (date(2024, 5, 20), "Whit Monday"),
        ),
        complete=False,
        known="the days up to Whit Monday, 20 May 2024",
        known_until=date(2024, 5, 20),
    ),
)

PUBLISHED: Mapping[int, PublishedYear] = MappingProxyType({y.year: y for y in _YEARS})
COMPLETE_YEARS: tuple[int, ...] = tuple(y.year for y in _YEARS if y.complete)


def holidays_in(year: int) -> Mapping[date, str]:
    """The known holidays of `year`; empty for a year foidesk has no list for."""
    found = PUBLISHED.get(year)
    return found.days if found is not None else {}


def gaps(first: date, last: date) -> tuple[int, ...]:
    """Years from `first` to `last` whose list foidesk lacks for the part of them counted."""
    return tuple(year for year in range(first.year, last.year + 1) if not _known(year, last))


def _known(year: int, last: date) -> bool:
    found = PUBLISHED.get(year)
    if found is None:
        return False
    if found.complete:
        return True
    counted_until = min(last, date(year, 12, 31))
    return found.known_until is not None and counted_until <= found.known_until
