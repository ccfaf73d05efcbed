"""The holiday calendars the regimes count on, named once and shared."""

from __future__ import annotations

from foidesk.core.deadlines.calendar_spec import EU_INSTITUTIONS, CalendarSpec
from foidesk.core.i18n import N_

UK_NATIONS = ("ENG", "NIR", "SCT", "WLS")

UK_ANY_NATION = CalendarSpec(
    "GB", UK_NATIONS, description="Saturdays, Sundays and bank holidays of any UK nation"
)
ENGLAND = CalendarSpec(
    "GB", ("ENG",), description="Saturdays, Sundays and bank holidays of England"
)
SCOTLAND = CalendarSpec("GB", ("SCT",), description="Saturdays, Sundays and Scottish bank holidays")
ISLE_OF_MAN = CalendarSpec(
    "IM", description="Saturdays, Sundays and Isle of Man bank holidays (Tynwald Day, TT)"
)
US_FEDERAL = CalendarSpec(
    "US", description="Saturdays, Sundays and US federal legal public holidays (observed days)"
)
IRELAND = CalendarSpec("IE", description="Saturdays, Sundays and Irish public holidays")
NEW_ZEALAND = CalendarSpec(
    "NZ",
    nz_summer_break=True,
    description="Saturdays, Sundays, NZ national holidays and 25 December to 15 January",
)
AUSTRALIA_ACT = CalendarSpec(
    "AU", ("ACT",), description="Saturdays, Sundays and public holidays in the ACT (Canberra)"
)
NEW_SOUTH_WALES = CalendarSpec(
    "AU", ("NSW",), description="Saturdays, Sundays and New South Wales public holidays"
)
CANADA_FEDERAL = CalendarSpec(
    "CA",
    categories=("government",),
    description="Saturdays, Sundays and federal holidays of Canada",
)
GERMANY = CalendarSpec(
    "DE", description=N_("Saturdays, Sundays and nationwide German public holidays")
)
EU_INSTITUTIONS_CALENDAR = CalendarSpec(
    "EU",
    dataset=EU_INSTITUTIONS,
    description=N_("Saturdays, Sundays and the EU institutions' published holidays (Brussels)"),
)
LUXEMBOURG = CalendarSpec("LU", description=N_("Saturdays, Sundays and Luxembourg public holidays"))
CALIFORNIA = CalendarSpec("US", ("CA",), description="Saturdays, Sundays and California holidays")
NEW_YORK = CalendarSpec("US", ("NY",), description="Saturdays, Sundays and New York State holidays")
ILLINOIS = CalendarSpec("US", ("IL",), description="Saturdays, Sundays and Illinois State holidays")
TEXAS = CalendarSpec(
    "US",
    ("TX",),
    excluded=("Good Friday", "Cesar Chavez Day"),
    description=(
        "Saturdays, Sundays, national holidays and Texas state holidays (not its optional holidays)"
    ),
)
