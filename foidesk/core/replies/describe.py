"""Evidence as a sentence the user reads under the proposal ("cites section 43(2)")."""

from __future__ import annotations

from datetime import date

from foidesk.core.i18n import _
from foidesk.core.locale_format import format_day
from foidesk.core.replies.classify import Evidence


def describe_evidence(sign: Evidence) -> str:
    if sign.signal == "header":
        return _("header {header}").format(header=sign.text)
    if sign.signal == "exemption":
        return _("cites {section}").format(section=sign.text)
    if sign.signal == "not_held_section":
        return _("cites {section} (information not held)").format(section=sign.text)
    if sign.signal == "attachment":
        return _("attachments: {names}").format(names=sign.text)
    if sign.signal == "thread":
        return _("it answers your internal review request")
    if sign.signal == "date":
        return _("names the date {date}").format(date=format_day(date.fromisoformat(sign.text)))
    return _("says \u201c{phrase}\u201d").format(phrase=sign.text)
