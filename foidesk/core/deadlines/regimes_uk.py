"""The laws of the UK and the Isle of Man, as data (sources in docs/deadlines.md)."""

from __future__ import annotations

from foidesk.core.deadlines.calendars import ENGLAND, ISLE_OF_MAN, SCOTLAND, UK_ANY_NATION
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.regime import (
    Clarification,
    ClarificationEffect,
    FeeEffect,
    Fees,
    Regime,
    Rule,
    calendar_days,
    months,
    working_days,
)
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.deadlines.stages import Opens, Stage
from foidesk.core.i18n import N_

_ANY_NATION = RegionRule(
    "GB",
    False,
    "FOIA s.10(6) counts a bank holiday in any part of the UK, wherever the authority is",
)
_SCOTTISH = RegionRule("GB", False, "FOISA s.73 counts Scottish bank holidays only")
_THREE_MONTHS_TO_PAY = N_("3 months beginning with the day of {anchor}")
_ICO = "complain to the Information Commissioner (ICO)"
_ICO_WINDOW = calendar_days(
    42,
    "ICO: complain within 6 weeks of the review outcome or the last substantive contact",
    N_("6 weeks after {anchor}"),
)
_ICO_NOTE = (
    "The ICO expects an internal review before a complaint, so this window opens with the "
    "review's outcome, or once the review is overdue."
)
_SIC = "apply to the Scottish Information Commissioner"


def _uk_review_request(source: str) -> Stage:
    return Stage(
        DeadlineKind.REVIEW_REQUEST_WINDOW,
        working_days(40, source),
        (Opens.RESPONSE,),
        "ask the authority for an internal review",
    )


UK_FOIA = Regime(
    id="uk-foia",
    name="Freedom of Information Act 2000 (UK)",
    calendar=UK_ANY_NATION,
    response=working_days(20, "FOIA s.10(1)"),
    extension=working_days(
        40,
        "FOIA s.10(3); ICO guidance: at most 20 further working days",
        N_("a public interest extension of 20 more working days: 40 working days after {anchor}"),
    ),
    school_response=working_days(
        60,
        "FOIA s.10(1) as modified by SI 2004/3364 and SI 2010/2768",
        N_("60 working days after {anchor} (school or academy)"),
    ),
    school_long_overdue=working_days(60, "long-overdue rule of the big UK FOI platform"),
    school_note=(
        "For a school or academy the law gives the earlier of the 20th school day and the "
        "60th working day; foidesk does not know the school's term dates, so it uses the "
        "60th working day. If the 20th school day comes first, record it as a promised date."
    ),
    long_overdue=working_days(40, "long-overdue rule of the big UK FOI platform"),
    review=working_days(20, "ICO guidance: internal review within 20 working days"),
    review_extension=working_days(40, "ICO guidance: 40 working days at most"),
    stages=(
        _uk_review_request("FOIA s.45 Code of Practice (2018), part 5; not statutory"),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            _ICO_WINDOW,
            (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED),
            _ICO,
            review_overdue=working_days(
                40, "ICO: complain once the review outcome has not come after 40 working days"
            ),
            note=_ICO_NOTE,
        ),
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "FOIA s.1(3)"),
    fees=Fees(
        FeeEffect.PAUSE,
        "FOIA s.10(2)",
        "the working days from the fees notice to the payment are disregarded.",
    ),
    fee_payment=Rule(
        Period(3, PeriodUnit.MONTHS), "FOIA s.9(2)", _THREE_MONTHS_TO_PAY, from_day_before=True
    ),
    region=_ANY_NATION,
)

UK_EIR = Regime(
    id="uk-eir",
    name="Environmental Information Regulations 2004 (UK)",
    calendar=UK_ANY_NATION,
    response=working_days(20, "EIR reg 5(2)"),
    extension=working_days(
        40, "EIR reg 7(1)", N_("40 working days after {anchor} (complex and voluminous)")
    ),
    review=working_days(40, "EIR reg 11(4)"),
    stages=(
        _uk_review_request("EIR reg 11(2)"),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            _ICO_WINDOW,
            (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED),
            _ICO,
            silence_source="EIR reg 11(4): the review is due within 40 working days",
            note=_ICO_NOTE,
        ),
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "EIR reg 9"),
    fees=Fees(
        FeeEffect.PAUSE,
        "EIR reg 8",
        "the days from the notice of an advance payment to its payment are disregarded.",
    ),
    fee_payment=working_days(60, "EIR reg 8: pay within 60 working days of the notice"),
    region=RegionRule(
        "GB", False, "the EIR count a bank holiday in any part of the UK, as FOIA s.10(6) does"
    ),
)

SCOT_FOISA = Regime(
    id="scot-foisa",
    name="Freedom of Information (Scotland) Act 2002",
    calendar=SCOTLAND,
    response=working_days(20, "FOISA s.10(1)"),
    extension_note="FOISA allows no extension of the 20 working days.",
    review=working_days(20, "FOISA s.21(1)"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            working_days(40, "FOISA s.20(5)"),
            (Opens.RESPONSE_PERIOD,),
            "require the authority to review its handling of the request",
            silence_source="FOISA s.20(5)(a)",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            months(6, f"FOISA s.47(4): {_SIC} within 6 months"),
            (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED),
            _SIC,
            silence_source="FOISA s.47(4)(b)",
        ),
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "FOISA s.1(3)"),
    fees=Fees(
        FeeEffect.PAUSE,
        "FOISA s.10(2)",
        "the working days from the fees notice to the payment are disregarded.",
    ),
    fee_payment=Rule(
        Period(3, PeriodUnit.MONTHS), "FOISA s.9(4)", _THREE_MONTHS_TO_PAY, from_day_before=True
    ),
    region=_SCOTTISH,
)

SCOT_EIR = Regime(
    id="scot-eir",
    name="Environmental Information (Scotland) Regulations 2004",
    calendar=SCOTLAND,
    response=working_days(20, "EI(S)R reg 5(2)(a)"),
    extension=working_days(
        40, "EI(S)R reg 7(1)", N_("40 working days after {anchor} (voluminous and complex)")
    ),
    review=working_days(20, "EI(S)R reg 16(4)"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            working_days(40, "EI(S)R reg 16(2)"),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "make representations to the authority for a review",
            silence_source="EI(S)R reg 16(2)",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            months(6, f"FOISA s.47(4) as applied by EI(S)R reg 17: {_SIC} within 6 months"),
            (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED),
            _SIC,
            silence_source="FOISA s.47(4)(b) as applied by EI(S)R reg 17",
        ),
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "EI(S)R reg 9"),
    fees=Fees(
        FeeEffect.PAUSE,
        "EI(S)R reg 8",
        "the days from the notice of an advance payment to its payment are disregarded.",
    ),
    fee_payment=working_days(60, "EI(S)R reg 8: pay within 60 working days of the notice"),
    region=RegionRule("GB", False, "the EI(S)R count Scottish bank holidays only"),
)

UK_SAR = Regime(
    id="uk-sar",
    name="Subject access request, UK GDPR Art 15",
    calendar=ENGLAND,
    response=months(
        1,
        "UK GDPR Art 12(3); ICO guidance on the time limit",
        N_(
            "one calendar month: the day of {anchor} is day 1 and the response is due on the "
            "corresponding date of the next month (its last day if there is none)"
        ),
    ),
    extension=months(
        3,
        "UK GDPR Art 12(3): two further months",
        N_("one month plus two further months: the corresponding date 3 months after {anchor}"),
    ),
    stages=(
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            months(3, "ICO: complain within 3 months of your last meaningful contact"),
            (Opens.RESPONSE,),
            _ICO,
        ),
    ),
    clarification=Clarification(
        ClarificationEffect.PAUSE,
        "UK GDPR Art 12A, inserted by the Data (Use and Access) Act 2025 s.76; ICO guidance "
        "on stopping the clock",
    ),
    fees=Fees(
        FeeEffect.RESTART,
        "UK GDPR Art 12(5); ICO guidance on the time limit",
        "the month runs from the day the fee is received.",
    ),
    roll_source="ICO guidance: a weekend or bank holiday moves it to the next working day",
    region=RegionRule(
        "GB",
        True,
        "a controller counts the bank holidays of its own nation (ICO guidance on the time "
        "limit), and most UK controllers are in England",
        "GB-ENG",
    ),
)

IM_FOI = Regime(
    id="im-foi",
    name="Freedom of Information Act 2015 (Isle of Man)",
    calendar=ISLE_OF_MAN,
    response=working_days(
        20, "Freedom of Information Act 2015 (Isle of Man); gov.im: within 20 working days"
    ),
    extension_note=(
        "The Act allows more time to consider the public interest; the authority must tell "
        "you within 20 working days and the Act fixes no length: record the date it gives."
    ),
    review=working_days(
        20,
        "Isle of Man Information Commissioner: a review should not take longer than 20 "
        "working days; the Act sets no time",
    ),
    region=RegionRule("IM", False, "the Island's own bank holidays count"),
    notes=(
        "The Act sets no time limit for asking for a review or complaining to the Information "
        "Commissioner; ask as soon as possible.",
    ),
)
