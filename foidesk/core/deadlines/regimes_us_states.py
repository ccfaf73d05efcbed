"""The most-used US state public records laws, as data (sources in docs/deadlines.md)."""

from __future__ import annotations

from foidesk.core.deadlines.calendars import CALIFORNIA, ILLINOIS, NEW_YORK, TEXAS
from foidesk.core.deadlines.deadline import DeadlineKind
from foidesk.core.deadlines.regime import (
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


def _state(name: str) -> RegionRule:
    return RegionRule("US", False, f"{name} agencies count {name}'s own state holidays")


US_CA_CPRA = Regime(
    id="us-ca-cpra",
    name="California Public Records Act",
    calendar=CALIFORNIA,
    response=calendar_days(10, "Cal. Gov. Code §7922.535(a)"),
    extension=calendar_days(
        24,
        "Cal. Gov. Code §7922.535(b): up to 14 more days",
        N_("14 more days in unusual circumstances: 24 days after {anchor}"),
    ),
    fees=Fees(
        FeeEffect.NONE,
        "Cal. Gov. Code §7922.530",
        "only the direct cost of duplication may be charged, and it does not stop the clock.",
    ),
    roll_source="Cal. Code Civ. Proc. §§12, 12a",
    region=_state("California"),
    notes=(
        "There is no administrative appeal; a requester may go to court "
        "(Cal. Gov. Code §7923.000).",
    ),
)

US_NY_FOIL = Regime(
    id="us-ny-foil",
    name="New York Freedom of Information Law",
    calendar=NEW_YORK,
    response=working_days(
        5,
        "N.Y. Public Officers Law §89(3)(a)",
        N_("5 business days after {anchor} to grant, deny or acknowledge the request"),
    ),
    extension=working_days(
        20,
        "N.Y. Public Officers Law §89(3)(a): 20 business days after the acknowledgement, "
        "unless it states a later date",
        N_("20 business days after {anchor}"),
    ),
    extension_from_notice=True,
    extension_note="Record the acknowledgement as an extension, with the date it states.",
    review=working_days(10, "N.Y. Public Officers Law §89(4)(a)"),
    stages=(
        Stage(
            DeadlineKind.REVIEW_REQUEST_WINDOW,
            calendar_days(30, "N.Y. Public Officers Law §89(4)(a)"),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "appeal to the agency's appeals officer",
            silence_source="N.Y. Public Officers Law §89(4)(a): no answer in time is a denial",
        ),
        Stage(
            DeadlineKind.COURT_WINDOW,
            months(
                4,
                "N.Y. CPLR 217(1): an Article 78 proceeding within four months; "
                "Public Officers Law §89(4)(b)",
            ),
            (Opens.REVIEW_OUTCOME, Opens.REVIEW_UNANSWERED),
            "bring an Article 78 proceeding in court",
            silence_source="N.Y. Public Officers Law §89(4)(a)",
        ),
    ),
    fees=Fees(
        FeeEffect.NONE,
        "N.Y. Public Officers Law §87(1)(b)(iii)",
        "copying fees do not stop the clock.",
    ),
    region=_state("New York"),
)

US_IL_FOIA = Regime(
    id="us-il-foia",
    name="Illinois Freedom of Information Act (5 ILCS 140)",
    calendar=ILLINOIS,
    response=working_days(5, "5 ILCS 140/3(d)", N_("5 business days after {anchor}")),
    extension=working_days(
        10,
        "5 ILCS 140/3(e): 5 more business days",
        N_("5 more business days: 10 business days after {anchor}"),
    ),
    stages=(
        Stage(
            DeadlineKind.COMPLAINT_WINDOW,
            calendar_days(60, "5 ILCS 140/9.5(a): ask the Public Access Counselor within 60 days"),
            (Opens.RESPONSE, Opens.UNANSWERED),
            "ask the Attorney General's Public Access Counselor for review",
            silence_source="5 ILCS 140/3(d): no answer in time is a denial",
        ),
    ),
    fees=Fees(FeeEffect.NONE, "5 ILCS 140/6", "copying fees do not stop the clock."),
    region=_state("Illinois"),
)

US_TX_PIA = Regime(
    id="us-tx-pia",
    name="Texas Public Information Act (Gov't Code ch. 552)",
    calendar=TEXAS,
    response=working_days(
        10,
        "Tex. Gov't Code §552.301(b); business day as defined in §552.0031",
        N_(
            "10 business days after {anchor} to ask the Attorney General for a ruling before "
            "withholding anything"
        ),
    ),
    extension_note=(
        "If the information cannot be produced within 10 business days, the officer must "
        "certify the date and hour it will be available (Tex. Gov't Code §552.221(d)); record "
        "it as a promised date."
    ),
    fees=Fees(
        FeeEffect.RESTART,
        "Tex. Gov't Code §552.263(e)",
        "a request is considered received on the day a required deposit or bond is received.",
    ),
    region=_state("Texas"),
    notes=(
        "The Attorney General decides within 45 business days of the ruling request, "
        "extendable by 10 (Tex. Gov't Code §552.306(a)).",
    ),
)
