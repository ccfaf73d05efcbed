"""The few words a letter needs in its own language, whatever language the window speaks.

A letter is written in the law's language (German for the IFG and the UIG, English
otherwise), so these words do not follow the user's choice of language: a German user
of a UK law writes in English, and an English-speaking user of the IFG in German.
"""

from __future__ import annotations

import gettext
from datetime import date
from functools import cache

from foidesk.core.deadlines import PeriodUnit
from foidesk.core.i18n import DOMAIN, LOCALE_DIR

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "de": [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
}

WORDS = {
    "en": {
        "ref_suffix": " (your reference: {reference})",
        "none_given": "none given",
        "web": "Web form: {url}",
        "email": "Email: {address}",
        "partially_successful": "Your response of {day} withheld part of the information I "
        "asked for.",
        "rejected": "Your response of {day} refused my request.",
        "not_held": "Your response of {day} said that the information is not held.",
        "silence": "I have received no response, although it was due by {day} ({source}).",
        "unsatisfied": "I am not satisfied with the answer to my request.",
        "review_answered": "I asked for {review} on {asked}; the outcome of {day} did not "
        "resolve the matter.",
        "review_silent": "I asked for {review} on {asked}; its outcome was due by {day} and "
        "has not come.",
        "fee_due_unknown": "the date in your notice",
        "no_authority": "Sir or Madam",
        "no_question": "[What you ask for]",
    },
    "de": {
        "ref_suffix": " (Ihr Zeichen: {reference})",
        "none_given": "nicht mitgeteilt",
        "web": "Webformular: {url}",
        "email": "E-Mail: {address}",
        "partially_successful": "Mit Ihrer Antwort vom {day} haben Sie mir die angefragten "
        "Informationen nur teilweise zugänglich gemacht.",
        "rejected": "Mit Ihrer Antwort vom {day} haben Sie meinen Antrag abgelehnt.",
        "not_held": "In Ihrer Antwort vom {day} teilen Sie mit, dass Ihnen die Informationen "
        "nicht vorliegen.",
        "silence": "Eine Antwort habe ich nicht erhalten, obwohl die Frist am {day} abgelaufen "
        "ist ({source}).",
        "unsatisfied": "Mit der Antwort auf meine Anfrage bin ich nicht einverstanden.",
        "review_answered": "Meinen Widerspruch vom {asked} haben Sie am {day} beschieden, "
        "ohne dass die Sache damit erledigt ist.",
        "review_silent": "Über meinen Widerspruch vom {asked} haben Sie bis zum {day} nicht "
        "entschieden.",
        "fee_due_unknown": "dem in Ihrer Mitteilung genannten Tag",
        "no_authority": "Damen und Herren",
        "no_question": "[Was Sie erfragen]",
    },
}


def day(on: date | None, language: str) -> str:
    """'3 April 2025' or '3. April 2025'; empty for no day."""
    if on is None:
        return ""
    month = _MONTHS[language][on.month - 1]
    if language == "de":
        return f"{on.day}. {month} {on.year}"
    return f"{on.day} {month} {on.year}"


def late(count: int, unit: PeriodUnit, language: str) -> str:
    """'12 working days', '1 day', '12 Arbeitstage', '1 Tag'."""
    working = unit is PeriodUnit.WORKING_DAYS
    if language == "de":
        word = (
            ("Arbeitstag" if count == 1 else "Arbeitstage")
            if working
            else ("Tag" if count == 1 else "Tage")
        )
    else:
        word = (
            ("working day" if count == 1 else "working days")
            if working
            else ("day" if count == 1 else "days")
        )
    return f"{count} {word}"


@cache
def translator(language: str) -> gettext.NullTranslations:
    """The catalogue for a letter's language (for the regulators' lists)."""
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
