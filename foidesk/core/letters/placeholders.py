"""The placeholders a letter template may use, and why ``string.Template``.

A template is text with ``$name`` (or ``${name}``) placeholders, filled by
``string.Template.substitute``: it only ever replaces names with strings, never
evaluates an expression, reads an attribute or calls anything — unlike ``str.format``
(``{0.__class__}`` reaches into objects) or a template engine with code in it. A user's
edited template is checked against this list when it is saved, so a typo is reported
then, in one sentence, instead of surfacing in a letter.
"""

from __future__ import annotations

from string import Template

from foidesk.core.i18n import _
from foidesk.core.letters.errors import LetterError

PLACEHOLDERS: dict[str, str] = {
    "title": "the request's title",
    "authority": "the authority's name",
    "reference": "the authority's reference, or nothing",
    "reference_or_none": "the authority's reference, or 'none given'",
    "ref_suffix": "' (your reference: …)' after a subject, or nothing",
    "sent_on": "the day the request was sent",
    "received_on": "the day the authority received it",
    "today": "today",
    "law": "the law's name",
    "request_basis": "the law's section for the request",
    "clarification_basis": "the section on clarifications",
    "fee_basis": "the section on fees",
    "review_basis": "the section on reviews",
    "review_noun": "what the law calls its review",
    "complaint_basis": "the section on complaints to the regulator",
    "response_source": "the section setting the time for an answer",
    "response_due": "the day the answer was (or is) due",
    "missed_deadline": "the deadline the authority missed",
    "late_by": "how late the answer is ('12 working days')",
    "fee_due": "the last day to pay a fee",
    "review_reason": "one sentence on what happened that calls for a review",
    "complaint_reason": "one sentence on what happened that calls for a complaint",
    "regulator": "the regulator's name",
    "regulator_address": "the regulator's postal address, web form and email",
    "regulator_include": "what a complaint must include, one item a line",
    "question": "the original request, quoted",
    "requester": "your name (from the mail account)",
}

SUBJECT_PREFIX = "Subject:"


def check(text: str) -> None:
    """Raise ``LetterError`` unless ``text`` is a template foidesk can fill."""
    first, _sep, _rest = text.partition("\n")
    if not first.startswith(SUBJECT_PREFIX):
        raise LetterError(_("a letter template must begin with a line 'Subject: …'"))
    template = Template(text)
    if not template.is_valid():
        raise LetterError(
            _("the template has a '$' that is not a placeholder; write '$$' for a dollar sign")
        )
    unknown = sorted(set(template.get_identifiers()) - PLACEHOLDERS.keys())
    if unknown:
        raise LetterError(
            _(
                "unknown placeholder ${name} in the template; `foidesk letter --help` lists them"
            ).format(name=unknown[0])
        )
