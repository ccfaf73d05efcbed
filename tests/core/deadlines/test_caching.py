"""The holiday library is asked once per calendar and year, never once per request."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

import holidays
import pytest

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    Closures,
    clear_plan_cache,
    request_deadlines,
)
from foidesk.core.deadlines.calendar_spec import holiday_names


@pytest.fixture
def holiday_calls(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, Any]]]:
    """Record every construction of a holidays object, starting from empty caches."""
    calls: list[tuple[str, Any]] = []
    real = holidays.country_holidays

    def counting(country: str, *args: Any, **kwargs: Any) -> holidays.HolidayBase:
        calls.append((country, kwargs.get("years")))
        return real(country, *args, **kwargs)

    monkeypatch.setattr(holidays, "country_holidays", counting)
    holiday_names.cache_clear()
    yield calls
    holiday_names.cache_clear()


def test_thousands_of_requests_build_each_calendar_year_once(
    holiday_calls: list[tuple[str, Any]],
) -> None:
    # A closure set of its own, so this test gets a fresh calendar table.
    closures = Closures(added={date(2030, 1, 7): "test closure"})
    first = date(2030, 1, 1)
    clocks = [
        ClockInput("scot-foisa", first + timedelta(days=n % 300), closures=closures)
        for n in range(3000)
    ]
    for clock in clocks:
        request_deadlines(clock, first)
    built = len(holiday_calls)
    # One table over 2029-2031 plus the years either side for observed days: 5 years.
    assert 0 < built <= 5
    assert {country for country, _ in holiday_calls} == {"GB"}
    clear_plan_cache()
    for clock in clocks:
        request_deadlines(clock, first + timedelta(days=30))
    assert len(holiday_calls) == built


def test_plans_are_cached_per_request_but_judged_per_day() -> None:
    clock = ClockInput(
        "uk-foia", date(2024, 3, 22), (ClockEvent(ClockEventKind.FEE_NOTICE, date(2024, 3, 27)),)
    )
    early = request_deadlines(clock, date(2024, 3, 28))
    late = request_deadlines(clock, date(2024, 7, 1))
    assert early[0].explanation is late[0].explanation  # planned once
    fee_early, fee_late = early[-1], late[-1]
    assert (fee_early.state, fee_late.state) == ("upcoming", "not_applicable")  # window closed


def test_a_cached_plan_explains_itself_in_the_language_spoken_now() -> None:
    from foidesk.core import i18n

    clock, today = ClockInput("uk-foia", date(2025, 3, 17)), date(2025, 3, 20)

    def explained(language: str, *, fresh: bool = False) -> str:
        i18n.set_language(language)
        if fresh:
            clear_plan_cache()
        return request_deadlines(clock, today)[0].explanation.text()

    try:
        english = explained("en", fresh=True)
        german = explained("de")  # the English plan is cached by now
        assert german == explained("de", fresh=True)
        assert explained("en") == english
    finally:
        i18n.set_language("en")
    assert german != english
