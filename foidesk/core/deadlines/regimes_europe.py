"""The German federal laws and the EU institutions' regulation, as data.

Sources for every rule are listed in docs/deadlines.md.
"""

from __future__ import annotations

from foidesk.core.deadlines.calendars import EU_INSTITUTIONS_CALENDAR, GERMANY, LUXEMBOURG
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.regime import (
    Clarification,
    ClarificationEffect,
    FeeEffect,
    Fees,
    Regime,
    Rule,
    months,
    working_days,
)
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.deadlines.stages import Opens, Stage
from foidesk.core.i18n import N_

_MONTH_WORDING = N_(
    "one month after {anchor}: that day is not counted and the month ends on the "
    "same-numbered day of the next month (its last day if there is none)"
)
_WITHOUT_NOTICE = months(12, "VwGO §58(2)", N_("one year after {anchor}"))
_LAND = RegionRule(
    "DE",
    True,
    N_(
        "federal authorities sit in several Länder, and BGB §193 counts the holidays at the "
        "authority's seat; set the authority's Land (such as DE-BE or DE-NW) to count its own "
        "holidays too"
    ),
)
_RECEIPT = N_(
    "BGB §130(1): a declaration takes effect when it reaches the authority; FragDenStaat counts "
    "a weekend or holiday arrival from the next working day too"
)
_POSTED = N_(
    "A decision sent by post counts as given on the fourth day after posting (VwVfG §41(2)); "
    "foidesk counts from the day you recorded it."
)


def _german_stages(objection_source: str) -> tuple[Stage, ...]:
    return (
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            months(1, objection_source, N_("one month after {anchor} (objection, Widerspruch)")),
            (Opens.RESPONSE,),
            N_("object to the decision (Widerspruch)"),
            without_notice=_WITHOUT_NOTICE,
            note=_POSTED,
        ),
        Stage(
            DeadlineKind.COURT_WINDOW,
            months(1, "VwGO §74(1)", N_("one month after {anchor} (action before the court)")),
            (Opens.REVIEW_OUTCOME,),
            N_("bring an action before the administrative court (Verpflichtungsklage)"),
            without_notice=_WITHOUT_NOTICE,
        ),
        Stage(
            DeadlineKind.FAILURE_TO_ACT_ACTION,
            months(3, "VwGO §75", N_("three months after {anchor}")),
            (Opens.APPLICATION, Opens.OBJECTION),
            N_("bring an action for failure to act (Untätigkeitsklage)"),
            note=(
                N_(
                    "Without a decision, an action is admissible three months after the request or "
                    "the objection, sooner if special circumstances require it (VwGO §75)."
                )
            ),
        ),
    )


DE_IFG = Regime(
    id="de-ifg",
    name="Informationsfreiheitsgesetz (IFG, Germany, federal)",
    calendar=GERMANY,
    response=months(1, "§7(5) IFG; BGB §§187(1), 188(2)-(3)", _MONTH_WORDING),
    extension_note=N_("The IFG sets no extension of the month."),
    stages=_german_stages("VwGO §70(1); §9(4) IFG"),
    fees=Fees(
        FeeEffect.NONE, "§10 IFG", N_("fees are set with the decision; no fee stops the clock.")
    ),
    roll_source="BGB §193",
    receipt_source=_RECEIPT,
    region=_LAND,
    notes=(
        N_(
            "You may also call on the Federal Commissioner for Data Protection and Freedom of "
            "Information at any time (§12 IFG)."
        ),
    ),
)

DE_UIG = Regime(
    id="de-uig",
    name="Umweltinformationsgesetz (UIG, Germany, federal)",
    calendar=GERMANY,
    response=months(1, "§3(3) Satz 2 Nr. 1 UIG; BGB §§187(1), 188(2)-(3)", _MONTH_WORDING),
    extension=months(
        2,
        "§3(3) Satz 2 Nr. 2 UIG",
        N_("two months after {anchor} (extensive and complex information)"),
    ),
    stages=_german_stages("VwGO §70(1); §6(2) UIG"),
    fees=Fees(
        FeeEffect.NONE, "§12 UIG", N_("costs are set with the decision; no fee stops the clock.")
    ),
    roll_source="BGB §193",
    receipt_source=_RECEIPT,
    region=_LAND,
)

_AFTER_CONFIRMATORY = (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED)
_ART_8_3 = "Regulation 1049/2001 Art 8(3): no reply in time is a negative reply"

EU_1049 = Regime(
    id="eu-1049",
    name="Regulation (EC) No 1049/2001 (EU institutions' documents)",
    calendar=EU_INSTITUTIONS_CALENDAR,
    response=working_days(15, "Regulation 1049/2001 Art 7(1)"),
    extension=working_days(30, "Regulation 1049/2001 Art 7(3)"),
    review=working_days(15, "Regulation 1049/2001 Art 8(1)"),
    review_extension=working_days(30, "Regulation 1049/2001 Art 8(2)"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            working_days(
                15,
                "Regulation 1049/2001 Art 7(2), 7(4)",
                N_("15 working days after {anchor} (confirmatory application)"),
            ),
            (Opens.RESPONSE, Opens.UNANSWERED),
            N_("make a confirmatory application"),
            silence_source="Regulation 1049/2001 Art 7(4)",
        ),
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            months(
                24,
                "Statute of the European Ombudsman art 2(4): within two years",
                N_("two years after {anchor}"),
            ),
            _AFTER_CONFIRMATORY,
            N_("complain to the European Ombudsman"),
            silence_source=_ART_8_3,
        ),
        Stage(
            DeadlineKind.COURT_WINDOW,
            Rule(
                Period(2, PeriodUnit.MONTHS),
                "Art 263 TFEU; Rules of Procedure of the General Court art 58-60",
                N_("two months and ten days after {anchor}"),
                extra_days=10,
            ),
            _AFTER_CONFIRMATORY,
            N_("bring an action before the General Court"),
            silence_source=_ART_8_3,
            calendar=LUXEMBOURG,
            note=(
                N_(
                    "A last day falling on a Saturday, Sunday or Luxembourg public holiday runs to "
                    "the next working day; check the General Court's own list of holidays."
                )
            ),
        ),
    ),
    clarification=Clarification(ClarificationEffect.RESTART, "Regulation 1049/2001 Art 6(2)"),
    fees=Fees(
        FeeEffect.NONE,
        "Regulation 1049/2001 Art 10(1)",
        N_(
            "access is free of charge (only copies of over 20 pages may cost) and no fee stops the "
            "clock."
        ),
    ),
    region=RegionRule(
        "EU",
        False,
        N_("the institutions count their own published holidays (Regulation 1182/71 art 2(2))"),
    ),
    notes=(
        N_(
            "The Commission's list for staff in Brussels is used; the other institutions publish "
            "their own, which may differ by a day or two."
        ),
    ),
)
