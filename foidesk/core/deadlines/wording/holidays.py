"""Names of the days an explanation skips, in the reader's language.

The holiday tables hold the `holidays` package's English names (and "Saturday",
"Sunday"), which the counting compares; they are translated only where they are
shown. A day with two holidays carries both names, joined by "; ".

A name foidesk's catalogue translates (the German and EU holidays below) is shown
so. Any other is asked of the `holidays` package in the reader's language, when the
holiday's country offers it (`language=`: Canada's in French, Austria's in German);
a country that does not offer the reader's language keeps its own names, which are
the right ones for its holidays (a German reader sees "May Day" for the UK's).
"""

from collections.abc import Mapping
from datetime import date
from functools import lru_cache

from foidesk.core.i18n import N_, SOURCE_LANGUAGE, _, current_language

NAMES = (
    N_("Saturday"),
    N_("Sunday"),
    N_("New Year's Day"),
    N_("Epiphany"),
    N_("Women's Day"),
    N_("Good Friday"),
    N_("Easter Sunday"),
    N_("Easter Monday"),
    N_("Labor Day"),
    N_("Ascension Day"),
    N_("Pentecost"),
    N_("Pentecost Monday"),
    N_("Corpus Christi"),
    N_("Augsburg Peace Festival"),
    N_("Assumption Day"),
    N_("World Children's Day"),
    N_("German Unity Day"),
    N_("Reformation Day"),
    N_("All Saints' Day"),
    N_("Repentance and Prayer Day"),
    N_("Christmas Day"),
    N_("Second Day of Christmas"),
    # the EU institutions' own list
    N_("Day after New Year's Day"),
    N_("Maundy Thursday"),
    N_("Labour Day"),
    N_("Anniversary of the Schuman Declaration"),
    N_("Day after Ascension Day"),
    N_("Whit Monday"),
    N_("Belgian National Day"),
    N_("Assumption"),
    N_("All Souls' Day"),
    N_("End-of-year days"),
    # Luxembourg's, for the General Court
    N_("Europe Day"),
    N_("National Day"),
    N_("Saint Stephen's Day"),
    # the places a holiday of only some of a country's regions names
    N_("England"),
    N_("Northern Ireland"),
    N_("Scotland"),
    N_("Wales"),
)


def day_name(name: str, day: date | None = None, country: str = "") -> str:
    """A skipped day's name as the reader's language has it (as stored when it has none);
    ``day`` and ``country`` let the `holidays` package name it where the catalogue does not."""
    return "; ".join(_one(part, day, country) for part in name.split("; "))


def _one(name: str, day: date | None, country: str) -> str:
    """'Easter Monday (England, Wales)' keeps its places and translates its name."""
    translated = _(name)
    if translated != name:
        return translated
    head, bracket, places = name.partition(" (")
    own = _(head) if bracket else name
    if own == head and day is not None and country:
        own = _package_names(country, day.year, current_language()).get((day, head), head)
    if not bracket:
        return own
    regions = places.removesuffix(")").split(", ")
    return f"{own} ({', '.join(_(region) for region in regions)})"


@lru_cache(maxsize=64)
def _package_names(country: str, year: int, language: str) -> Mapping[tuple[date, str], str]:
    """(day, English name) -> the name in ``language``, for a country whose holidays the
    package has in that language; empty when it has not (or for the source language)."""
    if language == SOURCE_LANGUAGE:
        return {}
    import holidays  # loaded on first use: it is a large package

    try:
        english = holidays.country_holidays(country, years=year, language="en_US")
    except NotImplementedError:
        return {}
    offered = getattr(english, "supported_languages", ())
    wanted = next((tag for tag in (language, language.split("_")[0]) if tag in offered), None)
    if wanted is None:
        return {}
    local = holidays.country_holidays(country, years=year, language=wanted)
    found: dict[tuple[date, str], str] = {}
    for day, names in english.items():
        theirs = local.get(day, "").split("; ")
        ours = names.split("; ")
        if len(theirs) == len(ours):
            found.update({(day, en): it for en, it in zip(ours, theirs, strict=True)})
    return found
