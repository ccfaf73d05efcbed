"""The new date an extension names ("by 31 March 2026", "bis zum 30.04.2026")."""

from __future__ import annotations

import re
from contextlib import suppress
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "januar", "jan"),
            ("february", "februar", "feb"),
            ("march", "m\u00e4rz", "mar"),
            ("april", "apr"),
            ("may", "mai"),
            ("june", "juni", "jun"),
            ("july", "juli", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oktober", "oct", "okt"),
            ("november", "nov"),
            ("december", "dezember", "dec", "dez"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\.? ({_MONTH})\.? (\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b({_MONTH})\.? (\d{{1,2}}),? (\d{{4}})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


def dates_in(text: str) -> list[date]:
    """Every date written in ``text`` (normalised), in the order found; day-first for
    numeric dates, as every law foidesk knows writes them outside the US."""
    found: list[tuple[int, date]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        _add(found, match.start(), match.group(3), _MONTHS[match.group(2)], match.group(1))
    for match in _MONTH_DAY_YEAR.finditer(text):
        _add(found, match.start(), match.group(3), _MONTHS[match.group(1)], match.group(2))
    for match in _NUMERIC.finditer(text):
        _add(found, match.start(), match.group(3), int(match.group(2)), match.group(1))
    for match in _ISO.finditer(text):
        _add(found, match.start(), match.group(1), int(match.group(2)), match.group(3))
    return [day for _, day in sorted(found)]


def _add(found: list[tuple[int, date]], at: int, year: str, month: int, day: str) -> None:
    with suppress(ValueError):  # "31.02.2026" is no date
        found.append((at, date(int(year), month, int(day))))


def new_date(text: str, after: date | None) -> date | None:
    """The latest date the text names that lies after ``after`` (the reply's own day):
    an extension's new deadline is the furthest date it speaks of."""
    later = [d for d in dates_in(text) if after is None or d > after]
    return max(later) if later else None
