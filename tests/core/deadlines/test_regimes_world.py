"""US, Irish, NZ, Australian, Canadian, EU and custom rules, counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import CustomRule, SkippedDay, calculate


def test_us_foia_skips_independence_day_observed_on_friday() -> None:
    # 5 U.S.C. 552(a)(6)(A)(i); 6103(b): 4 Jul 2026 is a Saturday, observed Fri 3 Jul.
    # Received Fri 5 Jun 2026: 8-12 Jun (1-5), 15-18 (6-9), Juneteenth Fri 19 Jun skipped,
    # 22-26 (10-14), 29-30 (15-16), 1-2 Jul (17-18), 3 Jul skipped, Mon 6 (19), Tue 7 (20).
    result = calculate("us-foia", date(2026, 6, 5))
    assert result.due == date(2026, 7, 7)
    assert SkippedDay(date(2026, 7, 3), "Independence Day (observed)") in result.skipped


def test_us_foia_unusual_circumstances_add_10_working_days() -> None:
    # 552(a)(6)(B)(i). From Tue 7 Jul 2026 (20): 8-10 Jul (21-23), 13-17 (24-28), 20-21 (29-30).
    assert calculate("us-foia", date(2026, 6, 5)).extended_due == date(2026, 7, 21)


def test_ireland_four_weeks_of_irish_working_days() -> None:
    # FOI Act 2014 s.13(1). Received Thu 1 Feb 2024: Fri 2 Feb (1), St Brigid's Day Mon 5 Feb
    # skipped, 6-9 (2-5), 12-16 (6-10), 19-23 (11-15), 26-29 (16-19), Fri 1 Mar (20).
    result = calculate("ie-foi", date(2024, 2, 1))
    assert result.due == date(2024, 3, 1)
    assert SkippedDay(date(2024, 2, 5), "Saint Brigid's Day") in result.skipped


def test_ireland_works_on_good_friday() -> None:
    # Good Friday is not an Irish public holiday; Easter Monday is. Received Thu 28 Mar 2024:
    # Fri 29 Mar (1), Easter Monday 1 Apr skipped, 2-5 Apr (2-5), 8-12 (6-10), 15-19 (11-15),
    # 22-26 (16-20) -> Fri 26 Apr 2024; extension s.14: 29 Apr-3 May (21-25), May bank holiday
    # 6 May skipped, 7-10 (26-29), 13-17 (30-34), 20-24 (35-39), Mon 27 May (40).
    result = calculate("ie-foi", date(2024, 3, 28))
    assert (result.due, result.extended_due) == (date(2024, 4, 26), date(2024, 5, 27))


def test_nz_summer_break_stops_the_count() -> None:
    # OIA s.15(1) and s.2. Received Fri 13 Dec 2024: 16-20 Dec (1-5), 23-24 (6-7),
    # 25 Dec-15 Jan skipped, Thu 16 - Fri 17 Jan (8-9), 20-24 (10-14), 27-31 (15-19;
    # Auckland's anniversary is regional, not in s.2), Mon 3 Feb 2025 (20).
    result = calculate("nz-oia", date(2024, 12, 13))
    assert result.due == date(2025, 2, 3)
    assert result.extended_due is None  # s.15A: a "reasonable period"
    assert SkippedDay(date(2025, 1, 6), "NZ summer break") in result.skipped


def test_nz_receipt_inside_the_summer_break() -> None:
    # Received Fri 10 Jan 2025: day 1 = Thu 16 Jan. 16-17 Jan (1-2), 20-24 (3-7), 27-31 (8-12),
    # 3-5 Feb (13-15), Waitangi Day Thu 6 Feb skipped, Fri 7 (16), 10-13 Feb (17-20).
    result = calculate("nz-oia", date(2025, 1, 10))
    assert result.explanation.day_one == date(2025, 1, 16)
    assert result.due == date(2025, 2, 13)


def test_australia_30_days_rolled_past_a_weekend() -> None:
    # FOI Act 1982 s.15(5)(b); Acts Interpretation Act 1901 s.36(2). Received Thu 31 Oct 2024:
    # day 30 is Sat 30 Nov -> Mon 2 Dec 2024.
    result = calculate("au-foi", date(2024, 10, 31))
    assert result.due == date(2024, 12, 2)
    assert result.skipped == (
        SkippedDay(date(2024, 11, 30), "Saturday"),
        SkippedDay(date(2024, 12, 1), "Sunday"),
    )
    assert "Acts Interpretation Act 1901 s.36(2)" in result.explanation.text()


def test_australia_rolls_past_canberra_day() -> None:
    # Received Fri 9 Feb 2024 (leap year): day 30 is Sun 10 Mar, Mon 11 Mar is Canberra Day
    # -> Tue 12 Mar 2024. The extension (s.15AA): day 60 is Tue 9 Apr 2024, a working day.
    result = calculate("au-foi", date(2024, 2, 9))
    assert (result.due, result.extended_due) == (date(2024, 3, 12), date(2024, 4, 9))


def test_canada_30_days_rolled_past_remembrance_day() -> None:
    # Access to Information Act s.7; Interpretation Act s.26. Received Sat 12 Oct 2024: day 30
    # is Mon 11 Nov, Remembrance Day -> Tue 12 Nov 2024. No fixed extension (s.9).
    result = calculate("ca-ati", date(2024, 10, 12))
    assert (result.due, result.extended_due) == (date(2024, 11, 12), None)


def test_canada_plain_30_days() -> None:
    # Received Mon 1 Jul 2024 (Canada Day itself): day 30 is Wed 31 Jul, a working day.
    assert calculate("ca-ati", date(2024, 7, 1)).due == date(2024, 7, 31)


def test_eu_15_working_days_on_the_institutions_holidays_of_2024() -> None:
    # Regulation 1049/2001 Art 7(1); holidays of OJ C 440, 21.11.2022, p. 15. Received Fri 22 Mar
    # 2024: 25-27 Mar (1-3), Maundy Thursday, Good Friday and Easter Monday skipped, 2-5 Apr
    # (4-7), 8-12 (8-12), 15-17 (13-15) -> Wed 17 Apr 2024. foidesk has that list only up to
    # Whit Monday, and says so for a period that runs past it: received Fri 10 May 2024, 13-17
    # (1-5), Whit Monday skipped, 21-24 (6-9), 27-31 (10-14), Mon 3 Jun (15).
    result = calculate("eu-1049", date(2024, 3, 22))
    assert result.due == date(2024, 4, 17)
    assert SkippedDay(date(2024, 3, 28), "Maundy Thursday") in result.skipped
    assert "not in foidesk" not in result.explanation.text()
    later = calculate("eu-1049", date(2024, 5, 10))
    assert later.due == date(2024, 6, 3)
    assert "for 2024 it has the days up to Whit Monday, 20 May 2024" in later.explanation.text()


def test_custom_working_days_on_a_regional_calendar() -> None:
    # 10 working days on Bavaria's calendar: received Thu 23 May 2024, Fri 24 (1), 27-29 (2-4),
    # Corpus Christi Thu 30 May skipped, Fri 31 (5), 3-7 Jun (6-10) -> Fri 7 Jun 2024.
    rule = CustomRule(10, "working_days", "DE", "BY")
    result = calculate("custom", date(2024, 5, 23), custom=rule)
    assert result.due == date(2024, 6, 7)
    assert result.extended_due is None
    assert result.explanation.text().startswith("10 working days after receipt (custom rule).")


def test_custom_calendar_days_and_months() -> None:
    # 14 calendar days from Fri 22 Mar 2024 is Fri 5 Apr; 2 months from 31 Dec 2023 is 29 Feb.
    days = CustomRule(14, "calendar_days", "GB", "ENG")
    assert calculate("custom", date(2024, 3, 22), custom=days).due == date(2024, 4, 5)
    two_months = CustomRule(2, "months", "IE")
    assert calculate("custom", date(2023, 12, 31), custom=two_months).due == date(2024, 2, 29)


def test_custom_regime_needs_a_rule_and_other_regimes_refuse_one() -> None:
    with pytest.raises(ValueError, match="needs a CustomRule"):
        calculate("custom", date(2024, 1, 1))
    with pytest.raises(ValueError, match="use regime 'custom'"):
        calculate("uk-foia", date(2024, 1, 1), custom=CustomRule(5, "working_days", "GB"))
