"""A user-defined rule: N working days, calendar days or months on a chosen holiday calendar."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any, Literal, cast, get_args

from foidesk.core.deadlines.calendar_spec import CalendarSpec, check_calendar
from foidesk.core.deadlines.periods import Period, PeriodUnit
from foidesk.core.deadlines.regime import Regime, Rule
from foidesk.core.deadlines.regions import RegionRule
from foidesk.core.i18n import _

CustomUnit = Literal["working_days", "calendar_days", "months"]
_UNITS: tuple[str, ...] = get_args(CustomUnit)
_FIELDS = ("count", "unit", "country", "subdivision")
# A sanity bound, not a legal one: longer than any statute, short enough to catch typos.
MAX_COUNT = 1000


@dataclass(frozen=True, slots=True)
class CustomRule:
    """For a law foidesk does not know, or a local variation of one it does.

    Validated on construction, so a stored rule that no longer makes sense
    (a country the holiday library dropped) fails loudly with a message
    rather than producing a wrong date.
    """

    count: int
    unit: CustomUnit
    country: str
    subdivision: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.count, bool) or not isinstance(self.count, int):
            raise ValueError(
                _("custom rule count must be a whole number, not {count!r}").format(
                    count=self.count
                )
            )
        if not 1 <= self.count <= MAX_COUNT:
            raise ValueError(
                _("custom rule count must be 1 to {max_count}, not {count}").format(
                    max_count=MAX_COUNT, count=self.count
                )
            )
        if self.unit not in _UNITS:
            raise ValueError(
                _("custom rule unit must be one of {units}, not {unit!r}").format(
                    units=", ".join(_UNITS), unit=self.unit
                )
            )
        if not isinstance(self.country, str) or not self.country:
            raise ValueError(_("custom rule needs a country code such as GB or US"))
        if self.subdivision is not None and not isinstance(self.subdivision, str):
            raise ValueError(
                _("custom rule subdivision must be text, not {subdivision!r}").format(
                    subdivision=self.subdivision
                )
            )
        object.__setattr__(self, "country", self.country.upper())
        check_calendar(self.country, self.subdivision or None)

    def to_json(self) -> str:
        """Compact JSON with stable key order, for storing beside a request."""
        return json.dumps(
            {
                "count": self.count,
                "unit": self.unit,
                "country": self.country,
                "subdivision": self.subdivision,
            },
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str) -> CustomRule:
        """Parse what `to_json` wrote; ValueError saying what is wrong otherwise."""
        try:
            data: Any = json.loads(text)
        except (json.JSONDecodeError, TypeError) as error:
            raise ValueError(
                _("custom rule is not valid JSON: {error}").format(error=error)
            ) from None
        if not isinstance(data, dict):
            raise ValueError(_("custom rule must be a JSON object"))
        unknown = sorted(set(data) - set(_FIELDS))
        if unknown:
            raise ValueError(
                _("custom rule has unknown fields: {unknown}").format(unknown=", ".join(unknown))
            )
        missing = [name for name in ("count", "unit", "country") if name not in data]
        if missing:
            raise ValueError(
                _("custom rule is missing: {missing}").format(missing=", ".join(missing))
            )
        return cls(
            count=data["count"],
            unit=cast(CustomUnit, data["unit"]),
            country=data["country"],
            subdivision=data.get("subdivision"),
        )

    def calendar(self) -> CalendarSpec:
        """The holiday calendar this rule counts on."""
        regions = (self.subdivision,) if self.subdivision else ()
        where = f"{self.country}-{self.subdivision}" if self.subdivision else self.country
        return CalendarSpec(
            self.country, regions, description=f"Saturdays, Sundays and {where} public holidays"
        )

    def as_regime(self, template: Regime) -> Regime:
        """The template regime with this rule's period and calendar in place."""
        period = Period(self.count, PeriodUnit(self.unit))
        where = f"{self.country}-{self.subdivision}" if self.subdivision else self.country
        return replace(
            template,
            name=f"Custom rule: {period.describe()} ({where} holidays)",
            calendar=self.calendar(),
            response=Rule(period, "custom rule"),
            region=RegionRule(self.country, False, "a custom rule names its own calendar"),
            notes=(),
        )
