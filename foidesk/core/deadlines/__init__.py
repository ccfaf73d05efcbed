"""The statutory deadline engine: working-day calendars, regime rules as data, request clocks.

Pure and GUI-free: no Qt, no database, and no hidden clock — every function
that judges a deadline is told what day it is.
"""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.deadlines.calculate import (
        Calculation,
        calculate,
        calendar_for_regime,
        working_days_between,
    )
    from foidesk.core.deadlines.calendar_spec import CalendarSpec
    from foidesk.core.deadlines.clock import clear_plan_cache, request_deadlines
    from foidesk.core.deadlines.closures import NO_CLOSURES, Closures
    from foidesk.core.deadlines.custom import CustomRule
    from foidesk.core.deadlines.deadline import Deadline, DeadlineKind, DeadlineState
    from foidesk.core.deadlines.entry import CalendarEntry
    from foidesk.core.deadlines.errors import UnknownRegime
    from foidesk.core.deadlines.events import ClockEvent, ClockEventKind, ClockInput
    from foidesk.core.deadlines.explanation import (
        Explanation,
        Pause,
        SkippedDay,
        format_day,
        format_month,
    )
    from foidesk.core.deadlines.periods import Period, PeriodUnit
    from foidesk.core.deadlines.regime import Regime, Rule
    from foidesk.core.deadlines.regimes import REGIMES
    from foidesk.core.deadlines.regions import REGION_NAMES, RegionError, normalize_region
    from foidesk.core.deadlines.summary import regime_summaries
    from foidesk.core.deadlines.working_calendar import WorkingCalendar, calendar_for

#: Each name is loaded when first asked for: a command that only needs an event kind or a
#: deadline's state must not pay for every law's calendars and the holiday tables.
_LATER = {
    "Calculation": "foidesk.core.deadlines.calculate",
    "calculate": "foidesk.core.deadlines.calculate",
    "calendar_for_regime": "foidesk.core.deadlines.calculate",
    "working_days_between": "foidesk.core.deadlines.calculate",
    "CalendarSpec": "foidesk.core.deadlines.calendar_spec",
    "clear_plan_cache": "foidesk.core.deadlines.clock",
    "request_deadlines": "foidesk.core.deadlines.clock",
    "Closures": "foidesk.core.deadlines.closures",
    "NO_CLOSURES": "foidesk.core.deadlines.closures",
    "CustomRule": "foidesk.core.deadlines.custom",
    "Deadline": "foidesk.core.deadlines.deadline",
    "DeadlineKind": "foidesk.core.deadlines.deadline",
    "DeadlineState": "foidesk.core.deadlines.deadline",
    "CalendarEntry": "foidesk.core.deadlines.entry",
    "UnknownRegime": "foidesk.core.deadlines.errors",
    "ClockEvent": "foidesk.core.deadlines.events",
    "ClockEventKind": "foidesk.core.deadlines.events",
    "ClockInput": "foidesk.core.deadlines.events",
    "Explanation": "foidesk.core.deadlines.explanation",
    "Pause": "foidesk.core.deadlines.explanation",
    "SkippedDay": "foidesk.core.deadlines.explanation",
    "format_day": "foidesk.core.deadlines.explanation",
    "format_month": "foidesk.core.deadlines.explanation",
    "Period": "foidesk.core.deadlines.periods",
    "PeriodUnit": "foidesk.core.deadlines.periods",
    "Regime": "foidesk.core.deadlines.regime",
    "Rule": "foidesk.core.deadlines.regime",
    "REGIMES": "foidesk.core.deadlines.regimes",
    "REGION_NAMES": "foidesk.core.deadlines.regions",
    "RegionError": "foidesk.core.deadlines.regions",
    "normalize_region": "foidesk.core.deadlines.regions",
    "regime_summaries": "foidesk.core.deadlines.summary",
    "WorkingCalendar": "foidesk.core.deadlines.working_calendar",
    "calendar_for": "foidesk.core.deadlines.working_calendar",
}


__getattr__ = lazy_exports(__name__, _LATER)


__all__ = [
    "NO_CLOSURES",
    "REGIMES",
    "REGION_NAMES",
    "Calculation",
    "CalendarEntry",
    "CalendarSpec",
    "ClockEvent",
    "ClockEventKind",
    "ClockInput",
    "Closures",
    "CustomRule",
    "Deadline",
    "DeadlineKind",
    "DeadlineState",
    "Explanation",
    "Pause",
    "Period",
    "PeriodUnit",
    "Regime",
    "RegionError",
    "Rule",
    "SkippedDay",
    "UnknownRegime",
    "WorkingCalendar",
    "calculate",
    "calendar_for",
    "calendar_for_regime",
    "clear_plan_cache",
    "format_day",
    "format_month",
    "normalize_region",
    "regime_summaries",
    "request_deadlines",
    "working_days_between",
]
