"""Counts of days and months in words, each with its plural forms.

Every language has its own plural rule (German and English two forms, others up to
six), so a count is never glued to a fixed word: each phrase is one ``ngettext``
sentence with the number inside it.
"""

from foidesk.core.i18n import ngettext


def working_days(count: int) -> str:
    """'1 working day', '3 working days'."""
    return ngettext("{count} working day", "{count} working days", count).format(count=count)


def calendar_days(count: int) -> str:
    """'1 calendar day', '30 calendar days': a statute's own words for its period."""
    return ngettext("{count} calendar day", "{count} calendar days", count).format(count=count)


def days(count: int) -> str:
    """'1 day', '5 days': calendar days where the unit is already plain."""
    return ngettext("{count} day", "{count} days", count).format(count=count)


def months(count: int) -> str:
    """'1 month', '3 months'."""
    return ngettext("{count} month", "{count} months", count).format(count=count)


def weekend_days(count: int) -> str:
    """'1 weekend day', '4 weekend days': weekends are counted, not listed."""
    return ngettext("{count} weekend day", "{count} weekend days", count).format(count=count)
