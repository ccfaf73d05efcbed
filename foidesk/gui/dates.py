"""Dates and numbers as the window shows them: in the chosen language's words and order.

Qt's default locale is the one ``language.apply_language`` chose, so weekday and
month names come from it; the pattern itself is translatable (German writes
"Do., 18. Apr. 2024" where English writes "Thu 18 Apr 2024"). Files and exports keep
ISO dates: these are for reading only.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from foidesk.core.i18n import pgettext


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qdatetime(moment: datetime) -> QDateTime:
    local = moment.astimezone()
    return QDateTime(_qdate(local.date()), QTime(local.hour, local.minute, local.second))


def day_text(day: date) -> str:
    """'Thu 18 Apr 2024': a deadline's day, its weekday first."""
    # Translators: a Qt date pattern (ddd = weekday, d = day, MMM = month, yyyy = year).
    return QLocale().toString(_qdate(day), pgettext("date format", "ddd d MMM yyyy"))


def short_day_text(day: date) -> str:
    """'Thu 18 Apr': the same without the year, for a narrow column."""
    # Translators: a Qt date pattern (ddd = weekday, d = day, MMM = month).
    return QLocale().toString(_qdate(day), pgettext("date format", "ddd d MMM"))


def date_text(day: date) -> str:
    """'08 Apr 2024'."""
    # Translators: a Qt date pattern (dd = day with a leading zero, MMM = month, yyyy = year).
    return QLocale().toString(_qdate(day), pgettext("date format", "dd MMM yyyy"))


def month_day_text(day: date) -> str:
    """'18 Apr'."""
    # Translators: a Qt date pattern (d = day, MMM = month).
    return QLocale().toString(_qdate(day), pgettext("date format", "d MMM"))


def month_text(day: date) -> str:
    """'April 2024'."""
    # Translators: a Qt date pattern (MMMM = the month's name, yyyy = year).
    return QLocale().toString(_qdate(day), pgettext("date format", "MMMM yyyy"))


def moment_text(moment: datetime) -> str:
    """'Mon 08 Apr 2024, 14:05' in the machine's time zone."""
    # Translators: a Qt date-time pattern (HH:mm = 24-hour time).
    pattern = pgettext("date format", "ddd dd MMM yyyy, HH:mm")
    return QLocale().toString(_qdatetime(moment), pattern)


def long_moment_text(moment: datetime) -> str:
    """'08 April 2024 at 14:05' in the machine's time zone."""
    # Translators: a Qt date-time pattern; words in single quotes are kept as written.
    pattern = pgettext("date format", "dd MMMM yyyy 'at' HH:mm")
    return QLocale().toString(_qdatetime(moment), pattern)


def short_moment_text(moment: datetime) -> str:
    """'18 Apr 2024 14:05' in the machine's time zone."""
    # Translators: a Qt date-time pattern (d = day, MMM = month, HH:mm = time).
    pattern = pgettext("date format", "d MMM yyyy HH:mm")
    return QLocale().toString(_qdatetime(moment), pattern)


def number_text(number: int) -> str:
    """'12,345' (English), '12.345' (German)."""
    return QLocale().toString(number)


def date_edit_format() -> str:
    """The display pattern of the date edits: the same as ``day_text``."""
    return pgettext("date format", "ddd d MMM yyyy")


def date_time_edit_format() -> str:
    return pgettext("date format", "ddd d MMM yyyy, HH:mm")
