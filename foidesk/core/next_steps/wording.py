"""The ``why`` of each step: one translatable sentence naming the law's section.

Sections, law names and regulators' names are the law's own words and are never
translated; the sentence around them is.
"""

from __future__ import annotations

from foidesk.core.deadlines import Deadline, PeriodUnit, format_day
from foidesk.core.deadlines.wording import units
from foidesk.core.i18n import _
from foidesk.core.next_steps.laws import LawSteps
from foidesk.core.next_steps.model import Regulator


def late_by(deadline: Deadline) -> str:
    """'3 working days' (or '5 days'): how far past its due date an overdue deadline is."""
    count = max(-(deadline.days_left or 0), 1)
    if deadline.unit is PeriodUnit.WORKING_DAYS:
        return units.working_days(count)
    return units.days(count)


#: A section cited on its own ("section 21") needs the law's name after it; one that
#: names its law already ("§ 12 IFG", "5 U.S.C. § 552(h)") does not.
_BARE = ("section", "regulation", "Article", "the ")


def _basis(law: LawSteps, section: str | None) -> str:
    """'section 21, Freedom of Information Act 2014', or the law alone."""
    if section and law.law and section.startswith(_BARE):
        return _("{section}, {law}").format(section=section, law=law.law)
    return section or law.law or _("the law")


def request(law: LawSteps, failed: bool) -> str:
    basis = _basis(law, law.request_section)
    if failed:
        return _(
            "The request did not reach the authority: send it again to a working address; "
            "the time for an answer runs from receipt ({basis})."
        ).format(basis=basis)
    return _(
        "The request has not been sent: the authority's time to answer runs from its "
        "receipt ({basis})."
    ).format(basis=basis)


def clarification(law: LawSteps) -> str:
    return _(
        "The authority asked you to clarify the request; its time to answer waits for "
        "your reply ({basis})."
    ).format(basis=_basis(law, law.clarification_section))


def follow_up(deadline: Deadline) -> str:
    return _(
        "The answer was due on {day} ({source}) and is {late} late: remind the authority "
        "of its duty to answer."
    ).format(
        day=format_day(deadline.due), source=deadline.explanation.source, late=late_by(deadline)
    )


def fee(law: LawSteps, deadline: Deadline) -> str:
    return _("The authority asked for a fee: pay it, or contest it, by {day} ({basis}).").format(
        day=format_day(deadline.due), basis=_basis(law, law.fee_section)
    )


def review(law: LawSteps, deadline: Deadline | None) -> str:
    what = _(law.review) if law.review else ""
    basis = _basis(law, law.review_section)
    if deadline is None:
        return _("You may {review}; the law sets no time limit ({basis}).").format(
            review=what, basis=basis
        )
    return _("Until {day} you may {review} ({basis}).").format(
        review=what, day=format_day(deadline.due), basis=basis
    )


def complaint(law: LawSteps, regulator: Regulator, deadline: Deadline | None) -> str:
    basis = _basis(law, law.complaint_section)
    if deadline is None:
        return _(
            "You may complain to the regulator, {regulator}; there is no time limit ({basis})."
        ).format(regulator=regulator.name, basis=basis)
    return _("You may complain to the regulator, {regulator}, until {day} ({basis}).").format(
        regulator=regulator.name, day=format_day(deadline.due), basis=basis
    )


def silent_complaint(law: LawSteps, regulator: Regulator) -> str:
    return _(
        "No answer came in time: the regulator, {regulator}, also takes complaints about "
        "requests left unanswered ({basis})."
    ).format(regulator=regulator.name, basis=_basis(law, law.complaint_section))


def court(law: LawSteps, deadline: Deadline) -> str:
    basis = _basis(law, law.court_section or deadline.explanation.source)
    if deadline.kind.is_opening:
        return _(
            "An action in court for failure to act has been possible since {day} ({basis})."
        ).format(day=format_day(deadline.due), basis=basis)
    return _("You may go to court until {day} ({basis}).").format(
        day=format_day(deadline.due), basis=basis
    )


def court_untimed(law: LawSteps) -> str:
    return _("You may go to court; the law sets no time limit ({basis}).").format(
        basis=_basis(law, law.court_section)
    )


def withdraw() -> str:
    return _(
        "You may withdraw the request at any time; the authority's deadlines then no longer apply."
    )
