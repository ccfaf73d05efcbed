"""Evidence as a sentence the user reads under the proposal ("cites section 43(2)")."""

from __future__ import annotations

from datetime import date

from foidesk.core.i18n import _
from foidesk.core.locale_format import format_day


def describe_evidence(signal: str, text: str) -> str:
    """``signal`` and ``text`` as in ``Evidence`` (or a stored ``ProposalSign``)."""
    if signal == "header":
        return _("header {header}").format(header=text)
    if signal == "exemption":
        return _("cites {section}").format(section=text)
    if signal == "not_held_section":
        return _("cites {section} (information not held)").format(section=text)
    if signal == "attachment":
        return _("attachments: {names}").format(names=text)
    if signal == "thread":
        return _("it answers your internal review request")
    if signal == "date":
        return _("names the date {date}").format(date=format_day(date.fromisoformat(text)))
    return _("says \u201c{phrase}\u201d").format(phrase=text)
