"""US federal, Irish, New Zealand, Australian and Canadian laws, as data.

Sources for every rule are listed in docs/deadlines.md.
"""

from __future__ import annotations

from foidesk.core.deadlines.calendars import (
    AUSTRALIA_ACT,
    CANADA_FEDERAL,
    IRELAND,
    NEW_SOUTH_WALES,
    NEW_ZEALAND,
    US_FEDERAL,
)
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.regime import (
    Clarification,
    ClarificationEffect,
    FeeEffect,
    Fees,
    Regime,
    calendar_days,
    months,
    working_days,
)
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.deadlines.stages import Opens, Stage
from foidesk.core.i18n import N_

_ANY_ANSWER = (Opens.RESPONSE, Opens.UNANSWERED, Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED)
_AFTER_REVIEW = (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED)

US_FOIA = Regime(
    id="us-foia",
    name="Freedom of Information Act, 5 U.S.C. § 552 (US federal)",
    calendar=US_FEDERAL,
    response=working_days(20, "5 U.S.C. 552(a)(6)(A)(i)"),
    extension=working_days(
        30,
        "5 U.S.C. 552(a)(6)(B)(i)",
        N_("20 working days plus 10 for unusual circumstances: 30 working days after {anchor}"),
    ),
    review=working_days(20, "5 U.S.C. 552(a)(6)(A)(ii)"),
    review_extension=working_days(
        30,
        "5 U.S.C. 552(a)(6)(B)(i): the unusual-circumstances extension applies to appeals too",
        N_("20 working days plus 10 for unusual circumstances: 30 working days after {anchor}"),
    ),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            calendar_days(
                90, "5 U.S.C. 552(a)(6)(A)(i)(III)(aa)", N_("at least 90 days after {anchor}")
            ),
            (Opens.RESPONSE,),
            "appeal to the head of the agency",
        ),
        Stage(
            DeadlineKind.COURT_WINDOW,
            months(72, "28 U.S.C. 2401(a): within six years", N_("6 years after {anchor}")),
            (Opens.UNANSWERED, *_AFTER_REVIEW),
            "sue in federal district court (5 U.S.C. 552(a)(4)(B))",
            silence_source=(
                "5 U.S.C. 552(a)(6)(C)(i): a requester is deemed to have exhausted the "
                "administrative remedies"
            ),
            note=(
                "You may also ask the Office of Government Information Services (OGIS) to "
                "mediate (5 U.S.C. 552(h)(3)); it sets no time limit."
            ),
        ),
    ),
    clarification=Clarification(
        ClarificationEffect.PAUSE,
        "5 U.S.C. 552(a)(6)(A)(ii)(I): one request for information tolls the 20 days",
        once=True,
    ),
    fees=Fees(
        FeeEffect.PAUSE,
        "5 U.S.C. 552(a)(6)(A)(ii)(II)",
        "clarifying the fee assessment with the requester tolls the 20 days.",
    ),
    region=RegionRule(
        "US", False, "the Act counts federal legal public holidays, wherever the agency is"
    ),
    notes=(
        "Executive-order closures (such as a Christmas Eve) are not legal public holidays "
        "under 5 U.S.C. 6103; add one as a closure if the agency was closed.",
    ),
)

IE_FOI = Regime(
    id="ie-foi",
    name="Freedom of Information Act 2014 (Ireland)",
    calendar=IRELAND,
    response=working_days(
        20, "FOI Act 2014 s.13(1)", N_("4 weeks (20 working days) after {anchor}")
    ),
    extension=working_days(
        40,
        "FOI Act 2014 s.14(1)",
        N_("up to 4 more weeks: 8 weeks (40 working days) after {anchor}"),
    ),
    review=working_days(15, "FOI Act 2014 s.21", N_("3 weeks (15 working days) after {anchor}")),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            working_days(20, "FOI Act 2014 s.21", N_("4 weeks (20 working days) after {anchor}")),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "apply to the head of the body for an internal review",
            silence_source="FOI Act 2014 s.19: a decision not made in time is deemed a refusal",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            months(6, "FOI Act 2014 s.22: apply to the Information Commissioner within 6 months"),
            _AFTER_REVIEW,
            "apply to the Information Commissioner for a review",
            silence_source=(
                "FOI Act 2014 s.19: a review not decided in time is deemed to affirm the decision"
            ),
        ),
    ),
    fees=Fees(
        FeeEffect.PAUSE,
        "FOI Act 2014 s.27",
        "the time taken to pay a deposit towards search and retrieval is not counted.",
    ),
    region=RegionRule("IE", False, "the Act counts Irish public holidays"),
)

_NZ_REGION = "the Act's definition of a working day lists the holidays that count, and "
_NZ_NO_REGION = "regional anniversary days are not among them"

NZ_OIA = Regime(
    id="nz-oia",
    name="Official Information Act 1982 (New Zealand)",
    calendar=NEW_ZEALAND,
    response=working_days(20, "OIA 1982 s.15(1), working day as defined in s.2"),
    extension_note=(
        "OIA s.15A allows an extension for a 'reasonable period' that the agency must state; "
        "record the date it gives."
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "OIA 1982 s.15(1AA)"),
    fees=Fees(
        FeeEffect.NONE,
        "OIA 1982 s.15(1), (1A); Ombudsman guidance on charging",
        "the decision on the request, any charge included, is due within the 20 working days.",
    ),
    region=RegionRule("NZ", False, _NZ_REGION + _NZ_NO_REGION + " (OIA s.2)"),
    notes=("A complaint to the Ombudsman has no fixed time limit.",),
)

NZ_LGOIMA = Regime(
    id="nz-lgoima",
    name="Local Government Official Information and Meetings Act 1987 (New Zealand)",
    calendar=NEW_ZEALAND,
    response=working_days(20, "LGOIMA 1987 s.13, working day as defined in s.2"),
    extension_note=(
        "LGOIMA s.14 allows an extension for a 'reasonable period' that the local authority "
        "must state; record the date it gives."
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "LGOIMA 1987 s.13"),
    fees=Fees(
        FeeEffect.NONE,
        "LGOIMA 1987 s.13; Ombudsman guidance on charging",
        "the decision on the request, any charge included, is due within the 20 working days.",
    ),
    region=RegionRule("NZ", False, _NZ_REGION + _NZ_NO_REGION + " (LGOIMA s.2)"),
    notes=("A complaint to the Ombudsman has no fixed time limit.",),
)

AU_FOI = Regime(
    id="au-foi",
    name="Freedom of Information Act 1982 (Australia, Commonwealth)",
    calendar=AUSTRALIA_ACT,
    response=calendar_days(30, "FOI Act 1982 s.15(5)(b)"),
    extension=calendar_days(
        60,
        "FOI Act 1982 s.15AA, s.15(6)",
        N_("30 more days by agreement or for consultation: 60 days after {anchor}"),
    ),
    review=calendar_days(30, "FOI Act 1982 s.54C(3)"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            calendar_days(30, "FOI Act 1982 s.54B(1)"),
            (Opens.RESPONSE,),
            "apply to the agency for internal review",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            calendar_days(60, "FOI Act 1982 s.54S(1): apply for IC review within 60 days"),
            _ANY_ANSWER,
            "apply to the Information Commissioner for IC review",
            silence_source=(
                "FOI Act 1982 s.15AC: a decision not made in time is deemed a refusal; s.54D: "
                "a review not decided in 30 days is deemed to affirm the decision"
            ),
        ),
    ),
    fees=Fees(
        FeeEffect.PAUSE,
        "FOI Act 1982 s.31",
        "the days from the notice of a charge to its payment do not count.",
    ),
    roll_source="Acts Interpretation Act 1901 s.36(2)",
    region=RegionRule(
        "AU",
        True,
        "most Commonwealth agencies sit in Canberra, and a last day falling on a holiday of the "
        "place where the act is done runs to the next working day there (Acts Interpretation "
        "Act 1901 s.36(2))",
        "AU-ACT",
    ),
)

_GIPA_REVIEW_OPENINGS = (Opens.RESPONSE, Opens.UNANSWERED, *_AFTER_REVIEW)
_GIPA_SILENCE = "GIPA Act s.63 and s.86: a decision not made in time is deemed a refusal"

AU_NSW_GIPA = Regime(
    id="au-nsw-gipa",
    name="Government Information (Public Access) Act 2009 (New South Wales)",
    calendar=NEW_SOUTH_WALES,
    response=working_days(20, "GIPA Act s.57(1)"),
    extension=working_days(
        30,
        "GIPA Act s.57(2): up to 10 more working days (15 at most in all)",
        N_(
            "10 more working days for consultation or archived records: "
            "30 working days after {anchor}"
        ),
    ),
    review=working_days(15, "GIPA Act s.86"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            working_days(20, "GIPA Act s.83"),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "apply to the agency for internal review",
            silence_source="GIPA Act s.63: a decision not made in time is deemed a refusal",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            working_days(
                40, "GIPA Act s.90: apply to the Information Commissioner within 40 working days"
            ),
            _GIPA_REVIEW_OPENINGS,
            "apply to the Information Commissioner for external review",
            silence_source=_GIPA_SILENCE,
        ),
        Stage(
            DeadlineKind.COURT_WINDOW,
            working_days(40, "GIPA Act s.101: apply to NCAT within 40 working days"),
            _GIPA_REVIEW_OPENINGS,
            "apply to the NSW Civil and Administrative Tribunal (NCAT)",
            silence_source=_GIPA_SILENCE,
        ),
    ),
    fees=Fees(
        FeeEffect.PAUSE,
        "GIPA Act s.68",
        "the decision period stops while an advance deposit the agency asked for is unpaid.",
    ),
    region=RegionRule("AU", False, "NSW agencies count NSW public holidays (GIPA Act Sch 4 cl 1)"),
    notes=(
        "Days of the Christmas closedown period declared by the Premier are not working days "
        "either (GIPA Act Sch 4 cl 1); add them with `foidesk closure add`.",
    ),
)

_CANADA = RegionRule("CA", False, "federal institutions count federal holidays")

CA_ATI = Regime(
    id="ca-ati",
    name="Access to Information Act (Canada)",
    calendar=CANADA_FEDERAL,
    response=calendar_days(30, "Access to Information Act s.7"),
    extension_note=(
        "Access to Information Act s.9 allows an extension for a 'reasonable period' stated in "
        "the notice; record the date it gives."
    ),
    stages=(
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            calendar_days(60, "Access to Information Act s.31"),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "complain to the Information Commissioner",
            silence_source="Access to Information Act s.10(3): a refusal is deemed",
        ),
    ),
    fees=Fees(
        FeeEffect.NONE,
        "Access to Information Act s.11",
        "since 2019 only the application fee may be charged, so no fee stops the clock.",
    ),
    roll_source="Interpretation Act s.26",
    region=_CANADA,
    notes=("Holidays of federally regulated workplaces are used.",),
)

CA_PRIVACY = Regime(
    id="ca-privacy",
    name="Privacy Act (Canada), access to personal information",
    calendar=CANADA_FEDERAL,
    response=calendar_days(30, "Privacy Act s.14"),
    extension=calendar_days(
        60, "Privacy Act s.15: up to 30 more days", N_("30 more days: 60 days after {anchor}")
    ),
    fees=Fees(
        FeeEffect.NONE, "Privacy Act s.12", "access to your own information is free of charge."
    ),
    roll_source="Interpretation Act s.26",
    region=_CANADA,
    notes=(
        "A refusal is deemed when the time runs out (Privacy Act s.16(3)); a complaint to the "
        "Privacy Commissioner (s.29) has no fixed time limit.",
    ),
)
