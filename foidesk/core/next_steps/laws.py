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


_UK = LawSteps(
    law="Freedom of Information Act 2000",
    request_section="section 1",
    clarification_section="section 1(3)",
    fee_section="section 9",
    review=N_("ask for an internal review"),
    review_section="the section 45 Code of Practice, part 5",
    regulator="ico",
    complaint_section="section 50",
    silence_complaint=True,
)

LAWS: dict[str, LawSteps] = {
    "uk-foia": _UK,
    "uk-eir": LawSteps(
        law="Environmental Information Regulations 2004",
        request_section="regulation 5",
        clarification_section="regulation 9",
        fee_section="regulation 8",
        review=N_("ask for a reconsideration"),
        review_section="regulation 11",
        regulator="ico",
        complaint_section="section 50 of the FOIA, applied by regulation 18",
        silence_complaint=True,
        review_noun="a reconsideration",
    ),
    "scot-foisa": LawSteps(
        law="Freedom of Information (Scotland) Act 2002",
        request_section="section 1",
        clarification_section="section 1(3)",
        fee_section="section 9",
        review=N_("require a review"),
        review_section="section 20",
        regulator="sic",
        complaint_section="section 47",
        review_noun="a review of the decision (a requirement for review)",
    ),
    "scot-eir": LawSteps(
        law="Environmental Information (Scotland) Regulations 2004",
        request_section="regulation 5",
        clarification_section="regulation 9",
        fee_section="regulation 8",
        review=N_("require a review"),
        review_section="regulation 16",
        regulator="sic",
        complaint_section="section 47 of FOISA, applied by regulation 17",
        review_noun="a review of the decision (a requirement for review)",
    ),
    "uk-sar": LawSteps(
        law="UK GDPR",
        request_section="Article 15",
        clarification_section="Article 12A",
        regulator="ico",
        complaint_section="Article 77 and section 165 of the Data Protection Act 2018",
        silence_complaint=True,
    ),
    "im-foi": LawSteps(
        law="Freedom of Information Act 2015 (Isle of Man)",
        request_section="",
        clarification_section="",
        review=N_("ask for an internal review"),
        review_section="",
        review_untimed=True,
        regulator="im-ic",
        complaint_section="",
        complaint_untimed=True,
    ),
    "us-foia": LawSteps(
        law="Freedom of Information Act, 5 U.S.C. § 552",
        request_section="5 U.S.C. § 552(a)(3)",
        clarification_section="5 U.S.C. § 552(a)(6)(A)(ii)(I)",
        fee_section="5 U.S.C. § 552(a)(4)(A)",
        review=N_("file an administrative appeal"),
        review_section="5 U.S.C. § 552(a)(6)(A)(i)(III)",
        regulator="ogis",
        complaint_section="5 U.S.C. § 552(h)(3)",
        complaint_untimed=True,
        silence_complaint=True,
        court_section="5 U.S.C. § 552(a)(4)(B) and (a)(6)(C)(i)",
        review_noun="an administrative appeal",
    ),
    "us-ca-cpra": LawSteps(
        law="California Public Records Act",
        request_section="Gov. Code § 7922.525",
        clarification_section="",
        court_section="Gov. Code § 7923.000",
    ),
    "us-ny-foil": LawSteps(
        law="New York Freedom of Information Law",
        request_section="Public Officers Law § 89(3)(a)",
        clarification_section="",
        review=N_("file an appeal"),
        review_section="Public Officers Law § 89(4)(a)",
        court_section="Public Officers Law § 89(4)(b) and CPLR Article 78",
        review_noun="an appeal",
    ),
    "us-il-foia": LawSteps(
        law="Illinois Freedom of Information Act (5 ILCS 140)",
        request_section="5 ILCS 140/3",
        clarification_section="",
        regulator="il-pac",
        complaint_section="5 ILCS 140/9.5(a)",
        silence_complaint=True,
    ),
    "us-tx-pia": LawSteps(
        law="Texas Public Information Act",
        request_section="Gov't Code § 552.221",
        clarification_section="Gov't Code § 552.222(b)",
        fee_section="Gov't Code § 552.263",
    ),
    "ie-foi": LawSteps(
        law="Freedom of Information Act 2014",
        request_section="section 12",
        clarification_section="",
        fee_section="section 27",
        review=N_("ask for an internal review"),
        review_section="section 21",
        regulator="ie-oic",
        complaint_section="section 22",
    ),
    "nz-oia": LawSteps(
        law="Official Information Act 1982",
        request_section="section 12",
        clarification_section="section 15(1AA)",
        fee_section="section 15(1A)",
        regulator="nz-ombudsman",
        complaint_section="section 28",
        complaint_untimed=True,
        silence_complaint=True,
    ),
    "nz-lgoima": LawSteps(
        law="Local Government Official Information and Meetings Act 1987",
        request_section="section 10",
        clarification_section="",
        fee_section="section 13",
        regulator="nz-ombudsman",
        complaint_section="section 27",
        complaint_untimed=True,
        silence_complaint=True,
    ),
    "au-foi": LawSteps(
        law="Freedom of Information Act 1982",
        request_section="section 15",
        clarification_section="",
        fee_section="section 29",
        review=N_("ask for an internal review"),
        review_section="section 54B",
        regulator="oaic",
        complaint_section="section 54S",
    ),
    "au-nsw-gipa": LawSteps(
        law="Government Information (Public Access) Act 2009",
        request_section="section 41",
        clarification_section="",
        fee_section="section 64",
        review=N_("ask for an internal review"),
        review_section="section 83",
        regulator="nsw-ipc",
        complaint_section="section 89",
        court_section="section 100 (NCAT)",
    ),
    "ca-ati": LawSteps(
        law="Access to Information Act",
        request_section="section 6",
        clarification_section="",
        regulator="ca-oic",
        complaint_section="section 30",
        silence_complaint=True,
    ),
    "ca-privacy": LawSteps(
        law="Privacy Act",
        request_section="section 12",
        clarification_section="",
        regulator="ca-opc",
        complaint_section="section 29",
        complaint_untimed=True,
        silence_complaint=True,
    ),
    "de-ifg": LawSteps(
        law="Informationsfreiheitsgesetz (IFG)",
        request_section="§ 1 Abs. 1 IFG",
        clarification_section="",
        fee_section="§ 10 IFG",
        review=N_("lodge an objection (Widerspruch)"),
        review_section="§ 9 Abs. 4 IFG, §§ 68 ff. VwGO",
        regulator="bfdi",
        complaint_section="§ 12 IFG",
        complaint_untimed=True,
        silence_complaint=True,
        court_section="§§ 42, 74, 75 VwGO",
        language="de",
        review_noun="Widerspruch",
    ),
    "de-uig": LawSteps(
        law="Umweltinformationsgesetz (UIG)",
        request_section="§ 3 Abs. 1 UIG",
        clarification_section="§ 4 Abs. 2 UIG",
        fee_section="§ 12 UIG",
        review=N_("lodge an objection (Widerspruch)"),
        review_section="§ 6 Abs. 2 UIG, §§ 68 ff. VwGO",
        court_section="§ 6 Abs. 1 UIG, §§ 42, 74, 75 VwGO",
        language="de",
        review_noun="Widerspruch",
    ),
    "eu-1049": LawSteps(
        law="Regulation (EC) No 1049/2001",
        request_section="Article 6",
        clarification_section="Article 6(2)",
        review=N_("make a confirmatory application"),
        review_section="Article 7(2) and 7(4)",
        regulator="eu-ombudsman",
        complaint_section="Article 8(1) and (3)",
        court_section="Article 8(1) and Article 263 TFEU",
        review_noun="a confirmatory application",
    ),
}

#: Any other law (a custom rule): the request and the chase, nothing the law names.
GENERIC = LawSteps(
    law="",
    request_section="",
    clarification_section="",
)


def law_of(regime: str) -> LawSteps:
    return LAWS.get(regime, GENERIC)
