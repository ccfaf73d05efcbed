"""Notes the counting itself adds: a roll past a non-working day, a short month, missing data."""

from foidesk.core.i18n import N_

ROLL = N_(
    "The period ends on {end}, which is not a working day ({reason}), "
    "so it runs to the next working day, {due}{cited}."
)
CITED = N_(" ({source})")
MONTH_END = N_("{month} has no day {day}, so the period ends on its last day, {end}.")
EXTRA_DAYS = N_("{days} are added to the {period} ({source}).")
UNPUBLISHED_YEAR = N_(
    "The EU institutions' published holiday list for {years} is not in foidesk in full "
    "({known}), so only weekends and the days it has were skipped there and this date may "
    "be too early. Add the institution's holidays for that year with `foidesk closure add`."
)
KNOWN_PART = N_("for {year} it has {known}")
NOT_PUBLISHED = N_("for {year} it has none")
