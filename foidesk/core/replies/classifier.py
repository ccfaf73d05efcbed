"""Proposing what an authority's reply is: the weighted rules at work.

Why rules and not a trained model: the user must be able to see *why* foidesk
thinks a reply is a refusal before they confirm it, and every sign shown must be
one they can check in the letter ("cites section 43(2)", "says “not held”").
Authorities write in set phrases that the laws themselves dictate (a refusal
notice must cite its exemption; an extension its section), so a few hundred
transparent phrase rules with weights recognise them well, in English and German,
offline, with nothing to train and nothing to send anywhere; a new phrase is a
line in ``rules.py``. The labelled set in ``benchmarks/data/replies`` measures them.

How a reply is scored: every kind sums the weights of the rules that match the
authority's own words (quoted text left out), the headers that mark automated
mail, the exemptions cited, the attachments and the reply's place in the thread
(an answer to an internal review request is a review outcome). The best score
wins when it clears ``MIN_SCORE`` (a tie between what was given and what was withheld
is a partial disclosure); otherwise the reply is "other" and the user
says what it is. A review outcome's status comes from the outcome rules
(upheld → refused, released → successful, varied → partly).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from foidesk.core.replies.citations import cited
from foidesk.core.replies.dates import new_date
from foidesk.core.replies.kinds import ReplyKind as K
from foidesk.core.replies.rules import OUTCOME_RULES, RULES, Rule
from foidesk.core.replies.text import normalised, own_words
from foidesk.core.vocabulary import RequestStatus

#: Below this a reply is "other": no sign is strong enough to name a kind.
MIN_SCORE = 2.5
_RESPONSES = (K.RESPONSE_SUCCESSFUL, K.RESPONSE_PARTIAL, K.RESPONSE_REFUSED, K.RESPONSE_NOT_HELD)
_OUTCOME_STATUS = {
    K.RESPONSE_SUCCESSFUL: RequestStatus.SUCCESSFUL,
    K.RESPONSE_PARTIAL: RequestStatus.PARTIALLY_SUCCESSFUL,
    K.RESPONSE_REFUSED: RequestStatus.REJECTED,
    K.RESPONSE_NOT_HELD: RequestStatus.NOT_HELD,
}


#: Signs listed at most: the strongest say enough.
MAX_SHOWN = 6
#: Which signs lead the list shown to the user.
_SHOWN_FIRST = {"exemption": 0, "not_held_section": 0, "header": 1, "thread": 2, "phrase": 3}


@dataclass(frozen=True)
class ReplyInput:
    """The reply as the classifier reads it: no database row, just what it says."""

    subject: str
    body_text: str
    headers: Mapping[str, str] = field(default_factory=dict)
    attachment_names: Sequence[str] = ()
    attachment_text: str = ""
    sent_on: date | None = None


@dataclass(frozen=True)
class ThreadPlace:
    """What came before the reply: the kind of the user's latest letter
    (``request``, ``clarification``, ``internal_review_request``…), the request's
    status and law."""

    last_sent: str | None = "request"
    status: str | None = None
    regime: str | None = None


@dataclass(frozen=True)
class Evidence:
    """One sign the proposal rests on. ``signal`` is header, phrase, exemption,
    not_held_section, attachment, thread or date; ``text`` is what was found, as
    written in the reply (a date in ISO form)."""

    signal: str
    text: str
    toward: K
    weight: float


@dataclass(frozen=True)
class Proposal:
    kind: K
    status: RequestStatus | None
    evidence: tuple[Evidence, ...]
    until: date | None = None
    score: float = 0.0

    @property
    def shown_evidence(self) -> tuple[Evidence, ...]:
        """The signs for the kind proposed, the ones a user can check most easily first
        (a section cited, a header), then phrases, strongest first (what the bar lists)."""
        mine = [e for e in self.evidence if _speaks_for(e, self.kind)]
        mine = [e for e in mine if not _inside_another(e, mine)]
        ranked = sorted(mine, key=lambda e: (_SHOWN_FIRST.get(e.signal, 9), -e.weight))
        once = {(e.signal, e.text): e for e in reversed(ranked)}  # the first of each kept
        return tuple(sorted(once.values(), key=ranked.index)[:MAX_SHOWN])


def _speaks_for(sign: Evidence, kind: K) -> bool:
    """A sign for ``kind``; for a partial disclosure or a review outcome also the
    sections cited and the documents sent, which speak for what was withheld and given."""
    if sign.toward is kind or kind is K.OTHER:
        return True
    shared = sign.signal in {"exemption", "not_held_section", "attachment"}
    return shared and kind in (K.RESPONSE_PARTIAL, K.REVIEW_OUTCOME) and sign.toward in _RESPONSES


def _inside_another(sign: Evidence, signs: Sequence[Evidence]) -> bool:
    """A phrase found inside a longer one shown ("redacted" in "has been redacted")."""
    return sign.signal == "phrase" and any(
        other is not sign
        and other.signal == "phrase"
        and sign.text in other.text
        and sign.text != other.text
        for other in signs
    )


def classify(reply: ReplyInput, place: ThreadPlace | None = None) -> Proposal:
    """What ``reply`` most likely is, the request's status after it, and why."""
    place = place or ThreadPlace()
    words = own_words(reply.body_text)
    text = normalised(f"{reply.subject}\n{words}")
    evidence = [
        *_header_signs(reply.headers),
        *_phrase_signs(text, RULES),
        *_citation_signs(f"{reply.subject}\n{words}", place.regime),
        *_attachment_signs(reply.attachment_names),
    ]
    scores = _scores(evidence)
    evidence += _thread_signs(place, scores)
    scores = _scores(evidence)
    kind, best = max(
        scores.items(),
        key=lambda item: (item[1], item[0] is K.RESPONSE_PARTIAL),
        default=(K.OTHER, 0.0),
    )
    if best < MIN_SCORE:
        return Proposal(K.OTHER, None, tuple(evidence), score=best)
    return _proposal(kind, best, evidence, text, reply, scores)


def _proposal(
    kind: K,
    score: float,
    evidence: list[Evidence],
    text: str,
    reply: ReplyInput,
    scores: Mapping[K, float],
) -> Proposal:
    if kind is K.REVIEW_OUTCOME:
        outcome, signs = _review_outcome(text, scores)
        evidence += signs
        return Proposal(kind, _OUTCOME_STATUS[outcome], tuple(evidence), score=score)
    until = new_date(text, reply.sent_on) if kind is K.EXTENSION else None
    if until is not None:
        evidence.append(Evidence("date", until.isoformat(), kind, 0))
    return Proposal(kind, kind.effect.status, tuple(evidence), until, score)


def _scores(evidence: Sequence[Evidence]) -> dict[K, float]:
    """Each kind's weights summed; a phrase found inside a longer one for the same kind
    ("in full" in "released in full") counts once, as the longer one."""
    scores: dict[K, float] = defaultdict(float)
    for sign in evidence:
        same = [e for e in evidence if e.toward is sign.toward]
        if not _inside_another(sign, same):
            scores[sign.toward] += sign.weight
    _combine_responses(scores)
    return dict(scores)


def _combine_responses(scores: dict[K, float]) -> None:
    """Response outcomes share their signs: a partial disclosure says both "withheld
    under section 40(2)" and "please find attached", and "not held" beats a refusal's
    wording ("I refuse … as the documents do not exist")."""
    given, withheld = scores[K.RESPONSE_SUCCESSFUL], scores[K.RESPONSE_REFUSED]
    if given >= 1 and withheld >= 1.5:
        scores[K.RESPONSE_PARTIAL] += min(given, withheld) + 0.5
    if scores[K.RESPONSE_NOT_HELD] >= 4:
        scores[K.RESPONSE_NOT_HELD] += withheld
    for kind in _RESPONSES:
        scores.setdefault(kind, 0.0)


def _header_signs(headers: Mapping[str, str]) -> list[Evidence]:
    """RFC 3834: "auto-replied" is an out-of-office or robot answer; "auto-generated"
    is a system's message, such as a case system's acknowledgement."""
    lowered = {name.lower(): value for name, value in headers.items()}
    signs: list[Evidence] = []
    submitted = _token(lowered.get("auto-submitted"))
    shown = f"Auto-Submitted: {lowered.get('auto-submitted', '').strip()}"
    if submitted == "auto-replied":
        signs.append(Evidence("header", shown, K.AUTO_REPLY, 3))
    elif submitted and submitted != "no":
        signs.append(Evidence("header", shown, K.ACKNOWLEDGEMENT, 2))
        signs.append(Evidence("header", shown, K.AUTO_REPLY, 1))
    if _token(lowered.get("x-autoreply")) not in {"", "no", "false", "0"}:
        signs.append(Evidence("header", f"X-Autoreply: {lowered['x-autoreply']}", K.AUTO_REPLY, 2))
    if "x-autorespond" in lowered:
        signs.append(Evidence("header", "X-Autorespond", K.AUTO_REPLY, 2))
    if _token(lowered.get("precedence")) in {"auto_reply", "bulk", "junk"}:
        shown = f"Precedence: {lowered['precedence']}"
        signs.append(Evidence("header", shown, K.AUTO_REPLY, 2))
    return signs


def _token(value: str | None) -> str:
    return (value or "").split(";", 1)[0].split("(", 1)[0].strip().lower()


def _phrase_signs(text: str, rules: Sequence[Rule]) -> list[Evidence]:
    signs: dict[tuple[K, str], Evidence] = {}
    for rule in rules:
        match = rule.search(text)
        if match is not None:
            found = match.group(0).strip()
            key = (rule.kind, found)
            if key not in signs or signs[key].weight < rule.weight:
                signs[key] = Evidence("phrase", found, rule.kind, rule.weight)
    return list(signs.values())


def _citation_signs(text: str, regime: str | None) -> list[Evidence]:
    """Each exemption cited points to a refusal (beside what is given: a partial
    disclosure, ``_combine_responses``); three count at most, since a long schedule of
    them is still one refusal."""
    found = cited(text, regime)
    signs = [Evidence("exemption", e, K.RESPONSE_REFUSED, 1.5) for e in found.exemptions[:3]]
    signs += [Evidence("not_held_section", s, K.RESPONSE_NOT_HELD, 4) for s in found.not_held]
    return signs


def _attachment_signs(names: Sequence[str]) -> list[Evidence]:
    """Documents come with responses and review outcomes, seldom with anything else."""
    if not names:
        return []
    shown = ", ".join(names[:3]) + (", \u2026" if len(names) > 3 else "")
    signs = [Evidence("attachment", shown, K.RESPONSE_SUCCESSFUL, 1)]
    lowered = " ".join(names).lower()
    if any(w in lowered for w in ("redact", "geschwaerzt", "geschw\u00e4rzt", "part")):
        signs.append(Evidence("attachment", shown, K.RESPONSE_PARTIAL, 1.5))
    if any(w in lowered for w in ("refusal", "ablehnung")):
        signs.append(Evidence("attachment", shown, K.RESPONSE_REFUSED, 1.5))
    return signs


def _thread_signs(place: ThreadPlace, scores: Mapping[K, float]) -> list[Evidence]:
    """An answer to an internal review request that reads as a decision, or sends
    documents, is the review's outcome."""
    signs: list[Evidence] = []
    decision = max(scores.get(k, 0.0) for k in _RESPONSES)
    if place.last_sent == "internal_review_request" and decision >= 1:
        # documents sent back, or any answer's wording, after a review request
        signs.append(Evidence("thread", "internal_review_request", K.REVIEW_OUTCOME, decision + 2))
    return signs


def _review_outcome(text: str, scores: Mapping[K, float]) -> tuple[K, list[Evidence]]:
    """What the review decided: its own outcome phrases first, else the response
    wording it shares with a first answer, else an upheld refusal (the usual case)."""
    signs = _phrase_signs(text, OUTCOME_RULES)
    totals: dict[K, float] = defaultdict(float)
    for sign in signs:
        totals[sign.toward] += sign.weight
    if totals:
        best = max(totals.items(), key=lambda item: item[1])[0]
    else:
        best = max(_RESPONSES, key=lambda k: scores.get(k, 0.0))
        if scores.get(best, 0.0) == 0:
            best = K.RESPONSE_REFUSED
    return best, [Evidence(s.signal, s.text, K.REVIEW_OUTCOME, s.weight) for s in signs]
