"""Filling a template from a request's facts: every placeholder gets a plain string.

The values are worked out here once, in the letter's language; the template decides
which it uses. A law without the step asked for (no review, no regulator) and a chase
with nothing overdue are refused in one sentence rather than written half-empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from string import Template

from foidesk.core.deadlines import Deadline, DeadlineKind, DeadlineState
from foidesk.core.i18n import _
from foidesk.core.letters import language as words
from foidesk.core.letters.errors import LetterError
from foidesk.core.letters.kinds import LetterKind
from foidesk.core.letters.letter import Letter, LetterFacts
from foidesk.core.letters.placeholders import SUBJECT_PREFIX, check
from foidesk.core.next_steps.laws import LawSteps, law_of
from foidesk.core.next_steps.model import Regulator
from foidesk.core.next_steps.regulators import REGULATORS

_RESPONSES = (DeadlineKind.RESPONSE, DeadlineKind.EXTENDED_RESPONSE, DeadlineKind.PROMISED)
_AUTHORITY = (*_RESPONSES, DeadlineKind.INTERNAL_REVIEW)
_BARE = ("section", "regulation", "Article", "the ")
#: A custom rule's law has no name foidesk knows (English: only English letters have it).
_UNNAMED_LAW = "the applicable freedom of information law"


def fill(template: str, kind: LetterKind, facts: LetterFacts, *, custom: bool = False) -> Letter:
    """The letter of ``kind`` for the request ``facts`` describes."""
    check(template)
    law = law_of(facts.regime)
    regulator = _regulator(kind, law)
    if kind is LetterKind.INTERNAL_REVIEW_REQUEST and law.review is None:
        raise LetterError(_("this law has no review to ask for"))
    missed = _missed(facts.deadlines)
    if kind is LetterKind.FOLLOW_UP and missed is None:
        raise LetterError(_("no deadline of the authority has passed: there is nothing to chase"))
    values = _values(facts, law, regulator, missed, kind)
    text = Template(template).substitute(values)
    subject, _sep, body = text.partition("\n")
    complaint = kind is LetterKind.COMPLAINT
    return Letter(
        kind=kind,
        regime=facts.regime,
        language=law.language,
        # a complaint goes to the regulator (by post or web form when it has no address)
        to=(regulator.email if regulator else None) if complaint else facts.authority_email,
        subject=subject.removeprefix(SUBJECT_PREFIX).strip(),
        body=body.strip("\n") + "\n",
        from_addr=facts.from_addr,
        from_name=facts.from_name,
        in_reply_to=None if kind is LetterKind.REQUEST else facts.request_message_id,
        custom_template=custom,
    )


def _regulator(kind: LetterKind, law: LawSteps) -> Regulator | None:
    regulator = REGULATORS.get(law.regulator or "")
    if kind is LetterKind.COMPLAINT and regulator is None:
        raise LetterError(_("this law has no regulator to complain to; a court decides instead"))
    return regulator


def _values(
    facts: LetterFacts,
    law: LawSteps,
    regulator: Regulator | None,
    missed: Deadline | None,
    kind: LetterKind,
) -> dict[str, str]:
    lang = law.language
    say = words.WORDS[lang]
    response = _last(facts.deadlines, _RESPONSES)
    fee = _last(facts.deadlines, (DeadlineKind.FEE_PAYMENT,))
    ref = facts.reference or ""
    return {
        "title": facts.title,
        "authority": facts.authority,
        "reference": ref,
        "reference_or_none": ref or say["none_given"],
        "ref_suffix": say["ref_suffix"].format(reference=ref) if ref else "",
        "sent_on": words.day(facts.sent_on, lang),
        "received_on": words.day(facts.received_on or facts.sent_on, lang),
        "today": words.day(facts.today, lang),
        "law": law.law,
        "request_basis": _basis(law, law.request_section),
        "clarification_basis": _basis(law, law.clarification_section),
        "fee_basis": _basis(law, law.fee_section),
        "review_basis": _basis(law, law.review_section),
        "review_noun": law.review_noun,
        "complaint_basis": _basis(law, law.complaint_section),
        "response_source": response.explanation.source if response else law.law or _UNNAMED_LAW,
        "response_due": words.day(response.due if response else None, lang),
        "missed_deadline": words.day(missed.due if missed else None, lang),
        "late_by": _late(missed, lang),
        "fee_due": words.day(fee.due, lang) if fee else say["fee_due_unknown"],
        "review_reason": _review_reason(facts, response, lang),
        "complaint_reason": _complaint_reason(facts, law, response, lang),
        "regulator": regulator.name if regulator else "",
        "regulator_address": _address(regulator, lang),
        "regulator_include": _include(regulator, lang),
        "question": _question(facts, kind),
        "requester": facts.from_name,
    }


def _basis(law: LawSteps, section: str | None) -> str:
    """'section 1 of the Freedom of Information Act 2000'; '§ 1 Abs. 1 IFG'; the law alone."""
    if not law.law:
        return _UNNAMED_LAW
    if not section:
        bare = law.law.startswith("Regulation") or law.language == "de"
        return law.law if bare else f"the {law.law}"
    if law.law and section.startswith(_BARE):
        article = "" if law.law.startswith(("Regulation", "UK GDPR")) else "the "
        return f"{section} of {article}{law.law}"
    return section


def _last(deadlines: Sequence[Deadline], kinds: Sequence[DeadlineKind]) -> Deadline | None:
    found = [d for d in deadlines if d.kind in kinds]
    return found[-1] if found else None


def _missed(deadlines: Sequence[Deadline]) -> Deadline | None:
    overdue = [d for d in deadlines if d.kind in _AUTHORITY and d.state is DeadlineState.OVERDUE]
    return overdue[-1] if overdue else None


def _late(missed: Deadline | None, lang: str) -> str:
    if missed is None:
        return ""
    return words.late(max(-(missed.days_left or 0), 1), missed.unit, lang)


def _review_reason(facts: LetterFacts, response: Deadline | None, lang: str) -> str:
    say = words.WORDS[lang]
    answered = response.met_on if response else None
    if response is not None and response.state is DeadlineState.OVERDUE:
        return say["silence"].format(
            day=words.day(response.due, lang), source=response.explanation.source
        )
    if facts.status in ("partially_successful", "rejected", "not_held"):
        return say[facts.status].format(day=words.day(answered, lang))
    return say["unsatisfied"]


def _complaint_reason(
    facts: LetterFacts, law: LawSteps, response: Deadline | None, lang: str
) -> str:
    say = words.WORDS[lang]
    review = _last(facts.deadlines, (DeadlineKind.INTERNAL_REVIEW,))
    if review is not None and review.state in (DeadlineState.MET, DeadlineState.OVERDUE):
        key = "review_answered" if review.state is DeadlineState.MET else "review_silent"
        shown = review.met_on if review.state is DeadlineState.MET else review.due
        return say[key].format(
            review=law.review_noun,
            asked=words.day(review.explanation.start, lang),
            day=words.day(shown, lang),
        )
    return _review_reason(facts, response, lang)


def _address(regulator: Regulator | None, lang: str) -> str:
    if regulator is None:
        return ""
    say = words.WORDS[lang]
    lines = [regulator.address, say["web"].format(url=regulator.form or regulator.web)]
    if regulator.email:
        lines.append(say["email"].format(address=regulator.email))
    return "\n".join(lines)


def _include(regulator: Regulator | None, lang: str) -> str:
    if regulator is None:
        return ""
    translate = words.translator(lang).gettext
    return "\n".join(f"- {translate(item)}" for item in regulator.include)


def _question(facts: LetterFacts, kind: LetterKind) -> str:
    """The request as asked: as it stands in the request letter, quoted in every other."""
    text = (facts.body or facts.title).strip()
    if kind is LetterKind.REQUEST:
        return text
    return "\n".join(f"> {line}".rstrip() for line in text.splitlines())
