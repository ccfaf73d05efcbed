"""Notes the counting itself adds: a roll past a non-working day, a short month, missing data."""

ROLL = (
    "The period ends on {end}, which is not a working day ({reason}), "
    "so it runs to the next working day, {due}{cited}."
)
CITED = " ({source})"
MONTH_END = "{month} has no day {day}, so the period ends on its last day, {end}."
EXTRA_DAYS = "{days} days are added to the {period} ({source})."
UNPUBLISHED_YEAR = (
    "The EU institutions' published holiday list for {years} is not in foidesk in full "
    "({known}), so only weekends and the days it has were skipped there and this date may "
    "be too early. Add the institution's holidays for that year with `foidesk closure add`."
)
KNOWN_PART = "for {year} it has {known}"
NOT_PUBLISHED = "for {year} it has none"
