"""The holiday calendars the regimes count on, named once and shared."""

from __future__ import annotations

from foidesk.core.deadlines.calendar_spec import EU_INSTITUTIONS, CalendarSpec
from foidesk.core.i18n import N_

UK_NATIONS = ("ENG", "NIR", "SCT", "WLS")

UK_ANY_NATION = CalendarSpec(
    "GB", UK_NATIONS, description=N_("Saturdays, Sundays and bank holidays of any UK nation")
)
ENGLAND = CalendarSpec(
    "GB", ("ENG",), description=N_("Saturdays, Sundays and bank holidays of England")
)
SCOTLAND = CalendarSpec(
    "GB", ("SCT",), description=N_("Saturdays, Sundays and Scottish bank holidays")
)
ISLE_OF_MAN = CalendarSpec(
    "IM", description=N_("Saturdays, Sundays and Isle of Man bank holidays (Tynwald Day, TT)")
)
US_FEDERAL = CalendarSpec(
    "US", description=N_("Saturdays, Sundays and US federal legal public holidays (observed days)")
)
IRELAND = CalendarSpec("IE", description=N_("Saturdays, Sundays and Irish public holidays"))
NEW_ZEALAND = CalendarSpec(
    "NZ",
    nz_summer_break=True,
    description=N_("Saturdays, Sundays, NZ national holidays and 25 December to 15 January"),
)
AUSTRALIA_ACT = CalendarSpec(
    "AU", ("ACT",), description=N_("Saturdays, Sundays and public holidays in the ACT (Canberra)")
)
NEW_SOUTH_WALES = CalendarSpec(
    "AU", ("NSW",), description=N_("Saturdays, Sundays and New South Wales public holidays")
)
CANADA_FEDERAL = CalendarSpec(
    "CA",
    categories=("government",),
    description=N_("Saturdays, Sundays and federal holidays of Canada"),
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
CALIFORNIA = CalendarSpec(
    "US", ("CA",), description=N_("Saturdays, Sundays and California holidays")
)
NEW_YORK = CalendarSpec(
    "US", ("NY",), description=N_("Saturdays, Sundays and New York State holidays")
)
ILLINOIS = CalendarSpec(
    "US", ("IL",), description=N_("Saturdays, Sundays and Illinois State holidays")
)
TEXAS = CalendarSpec(
    "US",
    ("TX",),
    excluded=("Good Friday", "Cesar Chavez Day"),
    description=(
        N_(
            "Saturdays, Sundays, national holidays and Texas state holidays "
            "(not its optional holidays)"
        )
    ),
)
