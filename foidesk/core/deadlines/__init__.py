"""The statutory deadline engine: working-day calendars, regime rules as data, request clocks.

Pure and GUI-free: no Qt, no database, and no hidden clock — every function
that judges a deadline is told what day it is.
"""

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
