"""The plain calculator: when is a request under a regime due, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foidesk.core.deadlines import response_stage
from foidesk.core.deadlines.closures import NO_CLOSURES, Closures
from foidesk.core.deadlines.custom import CustomRule
from foidesk.core.deadlines.events import ClockInput
from foidesk.core.deadlines.explanation import Explanation, SkippedDay
from foidesk.core.deadlines.plan import plan_context
from foidesk.core.deadlines.regions import check_region_for, choose_calendar
from foidesk.core.deadlines.registry import resolve_regime
from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for


@dataclass(frozen=True, slots=True)
class Calculation:
    """The response deadline of a request received on `received`, with its reasons.

    `skipped` lists every non-working day passed over before `due` (weekends
    and holidays, each named); for calendar-day and month rules, whose
    weekends count, that is only the days the last day was rolled over.
    `extended_due` is None where the law has no fixed extension. `region` is
    the region whose holidays were counted, where the law counts a region's.
    """

    regime: str
    received: date
    due: date
    extended_due: date | None
    skipped: tuple[SkippedDay, ...]
    explanation: Explanation
    region: str | None = None


def calculate(
    regime: str,
    received: date,
    *,
    custom: CustomRule | None = None,
    closures: Closures = NO_CLOSURES,
    school: bool = False,
    region: str | None = None,
) -> Calculation:
    """The statutory response deadline for a request received on `received`.

    `region` is where the authority is (ISO 3166-2); it must lie in the
    regime's country. Raises UnknownRegime (a ValueError) listing the valid
    ids, and RegionError (a ValueError) for a region that does not fit.
    """
    rules = resolve_regime(regime, custom)
    if region is not None:
        region = check_region_for(rules.region, regime, region)
    ctx = plan_context(
        ClockInput(regime, received, school=school, custom=custom, closures=closures, region=region)
    )
    planned = response_stage.response(ctx)
    extension = rules.extension_rule(school)
    extended_due = None
    if extension is not None and not rules.extension_from_notice:
        extended_due, _ = response_stage.fixed_extension(ctx, extension, None)
    explanation = planned.explanation
    skipped = explanation.skipped
    return Calculation(
        regime, received, planned.due, extended_due, skipped, explanation, ctx.region.used
    )


def calendar_for_regime(
    regime: str,
    *,
    custom: CustomRule | None = None,
    closures: Closures = NO_CLOSURES,
    region: str | None = None,
) -> WorkingCalendar:
    """The working calendar a regime counts on, for 'N working days left' in a face."""
    rules = resolve_regime(regime, custom)
    choice = choose_calendar(rules.region, rules.calendar, region)
    return calendar_for(choice.calendar, closures)


def working_days_between(
    regime: str,
    start: date,
    end: date,
    *,
    custom: CustomRule | None = None,
    closures: Closures = NO_CLOSURES,
) -> int:
    """Working days in (start, end] on the regime's calendar; negative if end is earlier."""
    return calendar_for_regime(regime, custom=custom, closures=closures).working_days_between(
        start, end
    )
