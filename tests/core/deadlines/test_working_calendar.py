"""Which days count as working days, per regime calendar, and the user's closures."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import (
    REGIMES,
    Closures,
    SkippedDay,
    WorkingCalendar,
    calendar_for,
    calendar_for_regime,
    working_days_between,
)
from foidesk.core.deadlines.calendars import SCOTLAND, UK_ANY_NATION

UK = calendar_for_regime("uk-foia")
SCOT = calendar_for_regime("scot-foisa")


def test_uk_calendar_is_any_nation_union_as_foia_s10_6_requires() -> None:
    # FOIA s.10(6): a bank holiday "in any part of the United Kingdom".
    assert UK.non_working_reason(date(2024, 7, 12)) == "Battle of the Boyne (Northern Ireland)"
    assert UK.non_working_reason(date(2024, 3, 18)) == (
        "Saint Patrick's Day (observed) (Northern Ireland)"
    )
    assert UK.non_working_reason(date(2024, 1, 2)) == "New Year Holiday (Scotland)"
    assert UK.non_working_reason(date(2024, 12, 2)) == ("Saint Andrew's Day (observed) (Scotland)")
    assert UK.non_working_reason(date(2024, 8, 5)) == "Summer Bank Holiday (Scotland)"
    assert UK.non_working_reason(date(2024, 8, 26)) == (
        "Late Summer Bank Holiday (England, Northern Ireland, Wales)"
    )


def test_christmas_and_good_friday_are_in_every_uk_calendar() -> None:
    # FOIA s.10(6) and FOISA s.73 both name Christmas Day and Good Friday.
    for cal in (UK, SCOT):
        assert cal.non_working_reason(date(2024, 12, 25)) == "Christmas Day"
        assert cal.non_working_reason(date(2024, 3, 29)) == "Good Friday"


def test_scotland_works_on_easter_monday_but_not_st_andrews_day() -> None:
    # FOISA s.73: only Scottish bank holidays; Easter Monday is not one.
    assert SCOT.is_working_day(date(2024, 4, 1))
    assert not UK.is_working_day(date(2024, 4, 1))
    assert SCOT.non_working_reason(date(2023, 11, 30)) == "Saint Andrew's Day"  # a Thursday


def test_proclaimed_one_off_bank_holidays_count() -> None:
    # Banking and Financial Dealings Act 1971 s.1(3) proclamations.
    assert UK.non_working_reason(date(2022, 6, 3)) == "Platinum Jubilee of Elizabeth II"
    assert UK.non_working_reason(date(2022, 9, 19)) == "State Funeral of Queen Elizabeth II"
    assert UK.non_working_reason(date(2023, 5, 8)) == "Coronation of Charles III"


def test_weekends_are_named() -> None:
    assert UK.non_working_reason(date(2024, 3, 23)) == "Saturday"
    assert UK.non_working_reason(date(2024, 3, 24)) == "Sunday"
    assert UK.non_working_reason(date(2024, 3, 25)) is None


def test_us_saturday_holiday_is_observed_on_friday_and_sunday_on_monday() -> None:
    # 5 U.S.C. 6103(b); Executive Order 11582.
    us = calendar_for_regime("us-foia")
    assert us.non_working_reason(date(2026, 7, 3)) == "Independence Day (observed)"
    assert us.non_working_reason(date(2022, 6, 20)) == (
        "Juneteenth National Independence Day (observed)"
    )
    assert us.is_working_day(date(2020, 6, 19))  # Juneteenth is a holiday only from 2021
    assert not us.is_working_day(date(2021, 6, 18))  # first Juneteenth, observed Friday


def test_nz_summer_break_runs_25_december_to_15_january() -> None:
    # OIA 1982 s.2, "working day" (b).
    nz = calendar_for_regime("nz-oia")
    assert nz.non_working_reason(date(2024, 12, 24)) is None
    assert nz.non_working_reason(date(2024, 12, 27)) == "NZ summer break"
    assert nz.non_working_reason(date(2024, 12, 25)) == "Christmas Day"
    assert nz.non_working_reason(date(2025, 1, 15)) == "NZ summer break"
    assert nz.is_working_day(date(2025, 1, 16))


def test_nz_mondayises_waitangi_and_anzac_day() -> None:
    # OIA s.2: "the Monday after a weekend Waitangi/Anzac Day".
    nz = calendar_for_regime("nz-oia")
    assert nz.non_working_reason(date(2026, 4, 27)) == "Anzac Day (observed)"
    assert nz.non_working_reason(date(2021, 2, 8)) == "Waitangi Day (observed)"


def test_eu_calendar_is_the_institutions_published_list() -> None:
    # Regulation 1182/71 art 2(2); Commission Decision of 21 December 2012, OJ C 39,
    # 12.2.2013, p. 26: 18 holidays on working days in 2014, 15 August and 24-31 December
    # among them (the TARGET2 calendar had six).
    eu = calendar_for_regime("eu-1049")
    assert eu.non_working_reason(date(2014, 8, 15)) == "Assumption"
    assert eu.non_working_reason(date(2014, 12, 30)) == "End-of-year days"
    assert eu.non_working_reason(date(2014, 4, 17)) == "Maundy Thursday"
    weekday_holidays = [
        day
        for day in eu.non_working_days(date(2014, 1, 1), date(2014, 12, 31))
        if not day.is_weekend
    ]
    assert len(weekday_holidays) == 18
    # OJ C 201 I, 28.5.2021, p. 2: 2023 has All Souls' Day and only 25-29 December.
    assert eu.non_working_reason(date(2023, 11, 2)) == "All Souls' Day"
    assert eu.is_working_day(date(2023, 1, 3))


def test_working_days_between_counts_the_half_open_interval() -> None:
    # Fri 22 Mar 2024 to Tue 2 Apr 2024 on the UK calendar: 25-28 Mar and 2 Apr.
    assert UK.working_days_between(date(2024, 3, 22), date(2024, 4, 2)) == 5
    assert UK.working_days_between(date(2024, 4, 2), date(2024, 3, 22)) == -5
    assert UK.working_days_between(date(2024, 3, 22), date(2024, 3, 22)) == 0
    assert working_days_between("scot-foisa", date(2024, 3, 22), date(2024, 4, 2)) == 6


def test_add_working_days_from_a_weekend_matches_the_friday_before() -> None:
    # ICO: a request received on a non-working day gets the deadline of the working day before.
    friday = UK.add_working_days(date(2024, 3, 22), 20)
    assert UK.add_working_days(date(2024, 3, 23), 20) == friday
    assert UK.add_working_days(date(2024, 3, 24), 20) == friday
    assert UK.add_working_days(date(2024, 3, 22), 0) == date(2024, 3, 22)
    with pytest.raises(ValueError, match="negative"):
        UK.add_working_days(date(2024, 3, 22), -1)


def test_roll_forward_passes_weekends_and_holidays() -> None:
    # Sat 30 Mar 2024 -> Sun 31 -> Easter Monday 1 Apr -> Tue 2 Apr.
    assert UK.roll_forward(date(2024, 3, 30)) == date(2024, 4, 2)
    assert UK.roll_forward(date(2024, 4, 2)) == date(2024, 4, 2)


def test_non_working_days_lists_each_day_with_its_name() -> None:
    assert UK.non_working_days(date(2024, 3, 29), date(2024, 4, 1)) == (
        SkippedDay(date(2024, 3, 29), "Good Friday"),
        SkippedDay(date(2024, 3, 30), "Saturday"),
        SkippedDay(date(2024, 3, 31), "Sunday"),
        SkippedDay(date(2024, 4, 1), "Easter Monday (England, Northern Ireland, Wales)"),
    )
    assert UK.non_working_days(date(2024, 4, 2), date(2024, 4, 1)) == ()


def test_user_closure_is_skipped_with_its_name() -> None:
    closures = Closures(added={date(2024, 3, 27): "Office move"})
    cal = calendar_for(UK_ANY_NATION, closures)
    assert cal.non_working_reason(date(2024, 3, 27)) == "Office move"
    assert cal.add_working_days(date(2024, 3, 22), 20) == date(2024, 4, 24)
    assert UK.add_working_days(date(2024, 3, 22), 20) == date(2024, 4, 23)  # others untouched


def test_removed_holiday_becomes_a_working_day_but_a_weekend_cannot() -> None:
    closures = Closures(removed=frozenset({date(2024, 4, 1), date(2024, 3, 30)}))
    cal = calendar_for(UK_ANY_NATION, closures)
    assert cal.is_working_day(date(2024, 4, 1))
    assert not cal.is_working_day(date(2024, 3, 30))


def test_closures_validate_and_copy_their_input() -> None:
    added = {date(2024, 5, 2): "Polling day"}
    closures = Closures(added=added)
    added[date(2024, 5, 3)] = "changed later"
    assert dict(closures.added) == {date(2024, 5, 2): "Polling day"}
    assert hash(closures) == hash(Closures(added={date(2024, 5, 2): "Polling day"}))
    with pytest.raises(ValueError, match="both added and removed"):
        Closures(added={date(2024, 5, 2): "x"}, removed=frozenset({date(2024, 5, 2)}))
    with pytest.raises(ValueError, match="needs a name"):
        Closures(added={date(2024, 5, 2): "  "})


def test_calendars_are_shared_per_spec_and_closures() -> None:
    assert calendar_for(SCOTLAND) is SCOT
    assert calendar_for(SCOTLAND, Closures()) is SCOT
    assert calendar_for(REGIMES["uk-eir"].calendar) is UK


def test_table_grows_to_dates_far_from_the_first_question() -> None:
    cal = WorkingCalendar(UK_ANY_NATION)
    # Fri 20 Dec 2024: Mon 23 (1), Tue 24 (2), Christmas and Boxing Day, Fri 27 (3).
    assert cal.add_working_days(date(2024, 12, 20), 3) == date(2024, 12, 27)
    # Tue 23 Dec 2031: Wed 24 (1), Thu 25 and Fri 26 holidays, weekend, Mon 29 (2), Tue 30 (3).
    assert cal.add_working_days(date(2031, 12, 23), 3) == date(2031, 12, 30)
    assert cal.add_working_days(date(1999, 12, 23), 1) == date(1999, 12, 24)
    # A long count crosses several years in one call.
    far = cal.add_working_days(date(2024, 1, 1), 2000)
    assert cal.working_days_between(date(2024, 1, 1), far) == 2000
