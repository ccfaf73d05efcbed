"""The table of regimes from domain/FOI-DEADLINES.md, as data.

Each citation is the one a user (or a test) can check. Where a period is not
in the statute but in a regulator's guidance or a platform's convention, the
source says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from foidesk.core.deadlines.calendar_spec import CalendarSpec
from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.regime import Regime, Rule, calendar_days, months, working_days

UK_NATIONS = ("ENG", "NIR", "SCT", "WLS")

UK_ANY_NATION = CalendarSpec(
    "GB", UK_NATIONS, description="Saturdays, Sundays and bank holidays of any UK nation"
)
SCOTLAND = CalendarSpec("GB", ("SCT",), description="Saturdays, Sundays and Scottish bank holidays")
US_FEDERAL = CalendarSpec(
    "US", description="Saturdays, Sundays and US federal legal public holidays (observed days)"
)
IRELAND = CalendarSpec("IE", description="Saturdays, Sundays and Irish public holidays")
NEW_ZEALAND = CalendarSpec(
    "NZ",
    nz_summer_break=True,
    description="Saturdays, Sundays, NZ national holidays and 25 December to 15 January",
)
AUSTRALIA_ACT = CalendarSpec(
    "AU", ("ACT",), description="Saturdays, Sundays and public holidays in the ACT (Canberra)"
)
CANADA_FEDERAL = CalendarSpec(
    "CA",
    categories=("government",),
    description="Saturdays, Sundays and federal holidays of Canada",
)
GERMANY = CalendarSpec("DE", description="Saturdays, Sundays and nationwide German public holidays")
EU_TARGET = CalendarSpec(
    "EU",
    market="XECB",
    description="Saturdays, Sundays and TARGET2 closing days (ECB calendar)",
)

_UK_COMPLAINT_6_WEEKS = calendar_days(
    42, "ICO: complain within 6 weeks of the final response", "6 weeks after {anchor}"
)
_SCOTTISH_COMMISSIONER = "apply to the Scottish Information Commissioner within 6 months"

UK_FOIA = Regime(
    id="uk-foia",
    name="Freedom of Information Act 2000 (UK)",
    calendar=UK_ANY_NATION,
    response=working_days(20, "FOIA s.10(1)"),
    extension=working_days(
        40,
        "FOIA s.10(3); ICO guidance: at most 20 further working days",
        "a public interest extension of 20 more working days: 40 working days after {anchor}",
    ),
    school_response=working_days(
        60,
        "FOIA s.10(1) as modified by SI 2004/3364 and SI 2010/2768",
        "60 working days after {anchor} (school or academy)",
    ),
    school_long_overdue=working_days(60, "long-overdue rule of the big UK FOI platform"),
    school_note=(
        "For a school or academy the law gives the earlier of the 20th school day and the "
        "60th working day; foidesk does not know the school's term dates, so it uses the "
        "60th working day. If the 20th school day comes first, record it as a promised date."
    ),
    long_overdue=working_days(40, "long-overdue rule of the big UK FOI platform"),
    review_request=working_days(40, "FOIA s.45 Code of Practice (2018), part 5; not statutory"),
    review=working_days(20, "ICO guidance: internal review within 20 working days"),
    review_extension=working_days(40, "ICO guidance: 40 working days at most"),
    complaint=_UK_COMPLAINT_6_WEEKS,
    clarification_source="FOIA s.1(3)",
    fee_source="FOIA s.10(2)",
    fee_payment=Rule(
        Period(3, PeriodUnit.MONTHS),
        "FOIA s.9(2)",
        "3 months beginning with the day of {anchor}",
        from_day_before=True,
    ),
)

UK_EIR = Regime(
    id="uk-eir",
    name="Environmental Information Regulations 2004 (UK)",
    calendar=UK_ANY_NATION,
    response=working_days(20, "EIR reg 5(2)"),
    extension=working_days(
        40, "EIR reg 7(1)", "40 working days after {anchor} (complex and voluminous)"
    ),
    review_request=working_days(40, "EIR reg 11(2)"),
    review=working_days(40, "EIR reg 11(4)"),
    complaint=_UK_COMPLAINT_6_WEEKS,
    clarification_source="EIR reg 9",
)

SCOT_FOISA = Regime(
    id="scot-foisa",
    name="Freedom of Information (Scotland) Act 2002",
    calendar=SCOTLAND,
    response=working_days(20, "FOISA s.10(1)"),
    extension_note="FOISA allows no extension of the 20 working days.",
    review_request=working_days(40, "FOISA s.20(5)"),
    review=working_days(20, "FOISA s.21(1)"),
    complaint=months(6, f"FOISA s.47(4)(b): {_SCOTTISH_COMMISSIONER}"),
    complaint_needs_review=True,
    clarification_source="FOISA s.1(3)",
    fee_source="FOISA s.10(2)",
    fee_payment=Rule(
        Period(3, PeriodUnit.MONTHS),
        "FOISA s.9(4)",
        "3 months beginning with the day of {anchor}",
        from_day_before=True,
    ),
)

SCOT_EIR = Regime(
    id="scot-eir",
    name="Environmental Information (Scotland) Regulations 2004",
    calendar=SCOTLAND,
    response=working_days(20, "EI(S)R reg 5(2)(a)"),
    extension=working_days(
        40, "EI(S)R reg 7(1)", "40 working days after {anchor} (voluminous and complex)"
    ),
    review_request=working_days(40, "EI(S)R reg 16(2)"),
    review=working_days(20, "EI(S)R reg 16(4)"),
    complaint=months(6, f"FOISA s.47(4)(b) as applied by EI(S)R reg 17: {_SCOTTISH_COMMISSIONER}"),
    complaint_needs_review=True,
    clarification_source="EI(S)R reg 9",
)

UK_SAR = Regime(
    id="uk-sar",
    name="Subject access request, UK GDPR Art 15",
    calendar=UK_ANY_NATION,
    response=months(
        1,
        "UK GDPR Art 12(3); ICO guidance on the time limit",
        "one calendar month: the day of {anchor} is day 1 and the response is due on the "
        "corresponding date of the next month (its last day if there is none)",
    ),
    extension=months(
        3,
        "UK GDPR Art 12(3): two further months",
        "one month plus two further months: the corresponding date 3 months after {anchor}",
    ),
    complaint=months(3, "ICO: complain within 3 months of your last meaningful contact"),
    clarification_source="ICO guidance: the time limit waits for the clarification",
    roll_source="ICO guidance: a weekend or bank holiday moves it to the next working day",
    notes=(
        "Bank holidays of every UK nation are used, as for FOIA; use a custom rule for one "
        "nation's calendar.",
    ),
)

US_FOIA = Regime(
    id="us-foia",
    name="Freedom of Information Act, 5 U.S.C. § 552 (US federal)",
    calendar=US_FEDERAL,
    response=working_days(20, "5 U.S.C. 552(a)(6)(A)(i)"),
    extension=working_days(
        30,
        "5 U.S.C. 552(a)(6)(B)(i)",
        "20 working days plus 10 for unusual circumstances: 30 working days after {anchor}",
    ),
    review_request=calendar_days(
        90, "5 U.S.C. 552(a)(6)(A)(i)(III)(aa)", "at least 90 days after {anchor}"
    ),
    review=working_days(20, "5 U.S.C. 552(a)(6)(A)(ii)"),
    clarification_source=(
        "foidesk restarts the period; 5 U.S.C. 552(a)(6)(A)(ii)(I) itself only tolls it once"
    ),
    fee_source="5 U.S.C. 552(a)(6)(A)(ii)(II)",
    notes=(
        "Executive-order closures (such as a Christmas Eve) are not legal public holidays "
        "under 5 U.S.C. 6103; add one as a closure if the agency was closed.",
    ),
)

IE_FOI = Regime(
    id="ie-foi",
    name="Freedom of Information Act 2014 (Ireland)",
    calendar=IRELAND,
    response=working_days(20, "FOI Act 2014 s.13(1)", "4 weeks (20 working days) after {anchor}"),
    extension=working_days(
        40,
        "FOI Act 2014 s.14(1)",
        "up to 4 more weeks: 8 weeks (40 working days) after {anchor}",
    ),
    review_request=working_days(
        20, "FOI Act 2014 s.21", "4 weeks (20 working days) after {anchor}"
    ),
    review=working_days(15, "FOI Act 2014 s.21", "3 weeks (15 working days) after {anchor}"),
)

NZ_OIA = Regime(
    id="nz-oia",
    name="Official Information Act 1982 (New Zealand)",
    calendar=NEW_ZEALAND,
    response=working_days(20, "OIA 1982 s.15(1), working day as defined in s.2"),
    extension_note=(
        "OIA s.15A allows an extension for a 'reasonable period' that the agency must state; "
        "record the date it gives."
    ),
    clarification_source="OIA 1982 s.15(1AA)",
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
        "30 more days by agreement or for consultation: 60 days after {anchor}",
    ),
    review_request=calendar_days(30, "FOI Act 1982 s.54B(1)"),
    review=calendar_days(30, "FOI Act 1982 s.54C(3)"),
    roll_source="Acts Interpretation Act 1901 s.36(2)",
    notes=(
        "Public holidays of the ACT (Canberra), where most Commonwealth agencies sit, are "
        "used; use a custom rule for an agency in another state.",
    ),
)

CA_ATI = Regime(
    id="ca-ati",
    name="Access to Information Act (Canada)",
    calendar=CANADA_FEDERAL,
    response=calendar_days(30, "Access to Information Act s.7"),
    extension_note=(
        "Access to Information Act s.9 allows an extension for a 'reasonable period' stated in "
        "the notice; record the date it gives."
    ),
    complaint=calendar_days(60, "Access to Information Act s.31"),
    roll_source="Interpretation Act s.26",
    notes=("Holidays of federally regulated workplaces are used.",),
)

DE_IFG = Regime(
    id="de-ifg",
    name="Informationsfreiheitsgesetz (IFG, Germany, federal)",
    calendar=GERMANY,
    response=months(
        1,
        "§7(5) IFG; BGB §§187(1), 188(2)-(3)",
        "one month after {anchor}: that day is not counted and the month ends on the "
        "same-numbered day of the next month (its last day if there is none)",
    ),
    extension_note="The IFG sets no extension of the month.",
    roll_source="BGB §193",
    notes=(
        "Nationwide public holidays are used; regional ones (at the authority's seat) can be "
        "added as closures.",
    ),
)

EU_1049 = Regime(
    id="eu-1049",
    name="Regulation (EC) No 1049/2001 (EU institutions' documents)",
    calendar=EU_TARGET,
    response=working_days(15, "Regulation 1049/2001 Art 7(1)"),
    extension=working_days(30, "Regulation 1049/2001 Art 7(3)"),
    review_request=working_days(
        15,
        "Regulation 1049/2001 Art 7(2)",
        "15 working days after {anchor} (confirmatory application)",
    ),
    review=working_days(15, "Regulation 1049/2001 Art 8(1)"),
    review_extension=working_days(30, "Regulation 1049/2001 Art 8(2)"),
    notes=(
        "The institutions' own holidays are not in the holiday library. foidesk uses the "
        "TARGET2 closing days of the ECB calendar (1 January, Good Friday, Easter Monday, "
        "1 May, 25 and 26 December): the institutions close on every one of them, whereas "
        "the Belgian calendar adds days they work (15 August, 11 November). Add the "
        "institution's other closures (published yearly in the Official Journal) as "
        "closures; until then due dates may come a few days early, never late.",
    ),
)

CUSTOM = Regime(
    id="custom",
    name="Custom rule",
    calendar=CalendarSpec("GB", ("ENG",), description="chosen by the custom rule"),
    response=working_days(20, "custom rule"),
    notes=(
        "A template: a request under 'custom' carries its own CustomRule (count, unit and "
        "holiday calendar), which replaces these values.",
    ),
)

REGIMES: Mapping[str, Regime] = MappingProxyType(
    {
        regime.id: regime
        for regime in (
            UK_FOIA,
            UK_EIR,
            SCOT_FOISA,
            SCOT_EIR,
            UK_SAR,
            US_FOIA,
            IE_FOI,
            NZ_OIA,
            AU_FOI,
            CA_ATI,
            DE_IFG,
            EU_1049,
            CUSTOM,
        )
    }
)
