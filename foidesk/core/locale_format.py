"""Dates and numbers as the chosen language writes them, for human text only.

Babel's CLDR data names the weekdays and months and groups the digits of every
locale; the date patterns themselves are sentences of the catalogue, so a translator
picks the form their readers expect ("Mo., 17. März 2025" in German) while English
keeps "Mon 17 Mar 2025". Machine output (JSON, CSV, .ics dates) stays ISO and never
comes here. Babel is imported on first use: a command that prints no date (``foidesk
--version``) does not pay for loading it.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

from foidesk.core.i18n import current_language, pgettext

if TYPE_CHECKING:
    from babel import Locale


def format_day(day: date) -> str:
    """A day with its weekday: 'Fri 22 Mar 2024', 'Fr., 22. März 2024'."""
    # Translators: a CLDR date pattern (EEE weekday, d day, MMM/MMMM month, y year) for
    # the days of deadline explanations and lists; letters in quotes are kept as written.
    pattern = pgettext("date pattern", "EEE d MMM y")
    return _formatted(day, pattern, current_language())


def format_month(day: date) -> str:
    """A month and its year: 'February 2024', 'Februar 2024'."""
    # Translators: a CLDR date pattern for a month and its year.
    pattern = pgettext("date pattern", "MMMM y")
    return _formatted(day, pattern, current_language())


@lru_cache(maxsize=8192)
def _formatted(day: date, pattern: str, tag: str) -> str:
    """Babel takes ~40 µs a date; a calendar of 10,000 requests writes 65,000 dates,
    most of them the same few thousand days."""
    from babel.dates import format_date

    return format_date(day, pattern, locale=_locale(tag))


def format_number(value: int | float, decimals: int | None = None) -> str:
    """``1234`` → '1,234' in English, '1.234' in German; ``decimals`` fixes the places."""
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, pattern, locale=_locale(current_language()))


@lru_cache(maxsize=8)
def _locale(tag: str) -> Locale:
    from babel import Locale

    return Locale.parse(tag)
