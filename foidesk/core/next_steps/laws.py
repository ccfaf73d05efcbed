"""What each law offers after a request, for the steps and the letters that cite it.

The deadline engine knows *when* (its windows come with the plan); this table knows
*what*: what the law calls a review, who the regulator is, and the sections a letter
cites. Each row was written from the same sources as the engine's rules
(docs/deadlines.md); the response section itself comes from the plan's explanation.
"""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.i18n import N_


@dataclass(frozen=True)
class LawSteps:
    """One law's moves.

    ``review`` is what the law lets the requester do against an answer ('ask for an
    internal review'), None where
    there is none; ``review_untimed`` is a review the law allows without a time limit
    (so no window in the plan). ``regulator`` is an id in ``REGULATORS``;
    ``silence_complaint`` says the regulator takes a complaint about no answer at all
    without a review first; ``complaint_untimed`` that the complaint has no time limit.
    ``language`` is the language of the letters (``en`` or ``de``)."""

    law: str
    request_section: str
    clarification_section: str
    fee_section: str | None = None
    review: str | None = None
    review_section: str | None = None
    review_untimed: bool = False
    regulator: str | None = None
    complaint_section: str | None = None
    complaint_untimed: bool = False
    silence_complaint: bool = False
    court_section: str | None = None
    language: str = "en"
    #: The review as a letter names it, in the letter's language ("an internal review").
    review_noun: str = "an internal review"


@dataclass(frozen=True)
class _Review:
    """What a law calls the review against an answer: the step's words (translated when
    shown) and the letter's noun, in the letter's language."""

    verb: str
    noun: str
    language: str = "en"


_INTERNAL = _Review(N_("ask for an internal review"), "an internal review")
_RECONSIDERATION = _Review(N_("ask for a reconsideration"), "a reconsideration")
_SCOTTISH = _Review(N_("require a review"), "a review of the decision (a requirement for review)")
_US_APPEAL = _Review(N_("file an administrative appeal"), "an administrative appeal")
_APPEAL = _Review(N_("file an appeal"), "an appeal")
_WIDERSPRUCH = _Review(N_("lodge an objection (Widerspruch)"), "Widerspruch", "de")
_CONFIRMATORY = _Review(N_("make a confirmatory application"), "a confirmatory application")

#: Notes on a row: the regulator hears a complaint about silence without a review first;
#: the complaint, or the review, has no time limit.
_SILENCE, _UNTIMED, _REVIEW_UNTIMED = "silence", "untimed", "review-untimed"

_Row = tuple[
    str,  # regime
    str,  # law
    str,  # request section
    str,  # clarification section
    str | None,  # fee section
    _Review | None,  # the review
    str | None,  # review section
    str | None,  # regulator (an id in REGULATORS)
    str | None,  # complaint section
    str | None,  # court section
    frozenset[str],  # notes
]

# fmt: off
_ROWS: tuple[_Row, ...] = (
    ("uk-foia", "Freedom of Information Act 2000",
     "section 1", "section 1(3)", "section 9",
     _INTERNAL, "the section 45 Code of Practice, part 5",
     "ico", "section 50", None, frozenset({_SILENCE})),
    ("uk-eir", "Environmental Information Regulations 2004",
     "regulation 5", "regulation 9", "regulation 8",
     _RECONSIDERATION, "regulation 11",
     "ico", "section 50 of the FOIA, applied by regulation 18", None, frozenset({_SILENCE})),
    ("scot-foisa", "Freedom of Information (Scotland) Act 2002",
     "section 1", "section 1(3)", "section 9",
     _SCOTTISH, "section 20",
     "sic", "section 47", None, frozenset()),
    ("scot-eir", "Environmental Information (Scotland) Regulations 2004",
     "regulation 5", "regulation 9", "regulation 8",
     _SCOTTISH, "regulation 16",
     "sic", "section 47 of FOISA, applied by regulation 17", None, frozenset()),
    ("uk-sar", "UK GDPR",
     "Article 15", "Article 12A", None,
     None, None,
     "ico", "Article 77 and section 165 of the Data Protection Act 2018", None,
     frozenset({_SILENCE})),
    ("im-foi", "Freedom of Information Act 2015 (Isle of Man)",
     "", "", None,
     _INTERNAL, "",
     "im-ic", "", None, frozenset({_REVIEW_UNTIMED, _UNTIMED})),
    ("us-foia", "Freedom of Information Act, 5 U.S.C. § 552",
     "5 U.S.C. § 552(a)(3)", "5 U.S.C. § 552(a)(6)(A)(ii)(I)", "5 U.S.C. § 552(a)(4)(A)",
     _US_APPEAL, "5 U.S.C. § 552(a)(6)(A)(i)(III)",
     "ogis", "5 U.S.C. § 552(h)(3)", "5 U.S.C. § 552(a)(4)(B) and (a)(6)(C)(i)",
     frozenset({_UNTIMED, _SILENCE})),
    ("us-ca-cpra", "California Public Records Act",
     "Gov. Code § 7922.525", "", None,
     None, None,
     None, None, "Gov. Code § 7923.000", frozenset()),
    ("us-ny-foil", "New York Freedom of Information Law",
     "Public Officers Law § 89(3)(a)", "", None,
     _APPEAL, "Public Officers Law § 89(4)(a)",
     None, None, "Public Officers Law § 89(4)(b) and CPLR Article 78", frozenset()),
    ("us-il-foia", "Illinois Freedom of Information Act (5 ILCS 140)",
     "5 ILCS 140/3", "", None,
     None, None,
     "il-pac", "5 ILCS 140/9.5(a)", None, frozenset({_SILENCE})),
    ("us-tx-pia", "Texas Public Information Act",
     "Gov't Code § 552.221", "Gov't Code § 552.222(b)", "Gov't Code § 552.263",
     None, None,
     None, None, None, frozenset()),
    ("ie-foi", "Freedom of Information Act 2014",
     "section 12", "", "section 27",
     _INTERNAL, "section 21",
     "ie-oic", "section 22", None, frozenset()),
    ("nz-oia", "Official Information Act 1982",
     "section 12", "section 15(1AA)", "section 15(1A)",
     None, None,
     "nz-ombudsman", "section 28", None, frozenset({_UNTIMED, _SILENCE})),
    ("nz-lgoima", "Local Government Official Information and Meetings Act 1987",
     "section 10", "", "section 13",
     None, None,
     "nz-ombudsman", "section 27", None, frozenset({_UNTIMED, _SILENCE})),
    ("au-foi", "Freedom of Information Act 1982",
     "section 15", "", "section 29",
     _INTERNAL, "section 54B",
     "oaic", "section 54S", None, frozenset()),
    ("au-nsw-gipa", "Government Information (Public Access) Act 2009",
     "section 41", "", "section 64",
     _INTERNAL, "section 83",
     "nsw-ipc", "section 89", "section 100 (NCAT)", frozenset()),
    ("ca-ati", "Access to Information Act",
     "section 6", "", None,
     None, None,
     "ca-oic", "section 30", None, frozenset({_SILENCE})),
    ("ca-privacy", "Privacy Act",
     "section 12", "", None,
     None, None,
     "ca-opc", "section 29", None, frozenset({_UNTIMED, _SILENCE})),
    ("de-ifg", "Informationsfreiheitsgesetz (IFG)",
     "§ 1 Abs. 1 IFG", "", "§ 10 IFG",
     _WIDERSPRUCH, "§ 9 Abs. 4 IFG, §§ 68 ff. VwGO",
     "bfdi", "§ 12 IFG", "§§ 42, 74, 75 VwGO", frozenset({_UNTIMED, _SILENCE})),
    ("de-uig", "Umweltinformationsgesetz (UIG)",
     "§ 3 Abs. 1 UIG", "§ 4 Abs. 2 UIG", "§ 12 UIG",
     _WIDERSPRUCH, "§ 6 Abs. 2 UIG, §§ 68 ff. VwGO",
     None, None, "§ 6 Abs. 1 UIG, §§ 42, 74, 75 VwGO", frozenset()),
    ("eu-1049", "Regulation (EC) No 1049/2001",
     "Article 6", "Article 6(2)", None,
     _CONFIRMATORY, "Article 7(2) and 7(4)",
     "eu-ombudsman", "Article 8(1) and (3)", "Article 8(1) and Article 263 TFEU", frozenset()),
)
# fmt: on


def _law(row: _Row) -> LawSteps:
    """One row of the table as the law's steps; a law without a review writes English."""
    _regime, law, request, clarification, fee, review, review_section = row[:7]
    regulator, complaint, court, notes = row[7:]
    return LawSteps(
        law=law,
        request_section=request,
        clarification_section=clarification,
        fee_section=fee,
        review=review.verb if review else None,
        review_section=review_section,
        review_untimed=_REVIEW_UNTIMED in notes,
        regulator=regulator,
        complaint_section=complaint,
        complaint_untimed=_UNTIMED in notes,
        silence_complaint=_SILENCE in notes,
        court_section=court,
        language=review.language if review else "en",
        review_noun=review.noun if review else LawSteps.review_noun,
    )


LAWS: dict[str, LawSteps] = {row[0]: _law(row) for row in _ROWS}

#: Any other law (a custom rule): the request and the chase, nothing the law names.
GENERIC = LawSteps(
    law="",
    request_section="",
    clarification_section="",
)


def law_of(regime: str) -> LawSteps:
    return LAWS.get(regime, GENERIC)
