"""The nine laws added in the second edition, each with a worked example."""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import SkippedDay, calculate


def test_lgoima_counts_like_the_oia_across_the_summer_break() -> None:
    # LGOIMA 1987 s.13 and s.2: received Fri 13 Dec 2024: 16-20 Dec (1-5), 23-24 (6-7),
    # 25 Dec-15 Jan skipped, 16-17 Jan (8-9), 20-24 (10-14), 27-31 (15-19), Mon 3 Feb 2025 (20).
    result = calculate("nz-lgoima", date(2024, 12, 13))
    assert (result.due, result.extended_due) == (date(2025, 2, 3), None)
    assert SkippedDay(date(2025, 1, 6), "NZ summer break") in result.skipped


def test_uig_one_month_or_two_across_a_leap_year_and_easter() -> None:
    # §3(3) Satz 2 UIG, BGB §188(3): received Wed 31 Jan 2024 -> Thu 29 Feb 2024; two months ->
    # Sun 31 Mar (Easter Sunday), Easter Monday -> Tue 2 Apr 2024 (BGB §193).
    result = calculate("de-uig", date(2024, 1, 31))
    assert (result.due, result.extended_due) == (date(2024, 2, 29), date(2024, 4, 2))


def test_de_ifg_request_arriving_on_a_saturday_counts_from_monday() -> None:
    # BGB §130; FragDenStaat's calculate_month_range_de: Sat 15 Mar 2025 -> received Mon 17 Mar
    # -> due Thu 17 Apr 2025 (not Tue 15 Apr).
    result = calculate("de-ifg", date(2025, 3, 15))
    assert result.due == date(2025, 4, 17)
    assert result.explanation.start == date(2025, 3, 17)
    assert "counts as received on the next working day, Mon 17 Mar 2025" in (
        result.explanation.text()
    )


def test_de_ifg_request_arriving_on_good_friday_counts_after_easter_monday() -> None:
    # Fri 18 Apr 2025 (Good Friday), Easter weekend, Easter Monday -> received Tue 22 Apr ->
    # due Thu 22 May 2025.
    assert calculate("de-ifg", date(2025, 4, 18)).due == date(2025, 5, 22)


def test_gipa_20_working_days_over_easter_and_anzac_day() -> None:
    # GIPA Act s.57(1): received Thu 10 Apr 2025: Fri 11 (1), 14-17 (2-5), Good Friday and
    # Easter Monday skipped, 22-24 (6-8), Anzac Day skipped, 28-30 (9-11), 1-2 May (12-13),
    # 5-9 (14-18), 12-13 (19-20) -> Tue 13 May 2025; s.57(2): 10 more -> Tue 27 May 2025.
    result = calculate("au-nsw-gipa", date(2025, 4, 10))
    assert (result.due, result.extended_due) == (date(2025, 5, 13), date(2025, 5, 27))
    assert "Christmas closedown" in result.explanation.text()


def test_canadian_privacy_act_30_days_plus_30() -> None:
    # Privacy Act s.14 and s.15, Interpretation Act s.26: received Sat 12 Oct 2024: day 30 is
    # Mon 11 Nov, Remembrance Day -> Tue 12 Nov; 60 days -> Wed 11 Dec 2024.
    result = calculate("ca-privacy", date(2024, 10, 12))
    assert (result.due, result.extended_due) == (date(2024, 11, 12), date(2024, 12, 11))


def test_isle_of_man_skips_its_own_tt_and_tynwald_holidays() -> None:
    # FOI Act 2015 (IoM), 20 working days: received Mon 2 Jun 2025: 3-5 Jun (1-3), TT Bank
    # Holiday Fri 6 Jun skipped, 9-13 (4-8), 16-20 (9-13), 23-27 (14-18), 30 Jun-1 Jul (19-20)
    # -> Tue 1 Jul. Received Mon 23 Jun: 24-27 (1-4), 30 Jun-4 Jul (5-9), Tynwald Day skipped,
    # 8-11 (10-13), 14-18 (14-18), 21-22 (19-20) -> Tue 22 Jul 2025.
    assert calculate("im-foi", date(2025, 6, 2)).due == date(2025, 7, 1)
    tynwald = calculate("im-foi", date(2025, 6, 23))
    assert tynwald.due == date(2025, 7, 22)
    assert SkippedDay(date(2025, 7, 7), "Tynwald Day") in tynwald.skipped


def test_california_ten_days_rolled_past_new_year() -> None:
    # Cal. Gov. Code §7922.535(a), Code Civ. Proc. §§12, 12a: received Sun 22 Dec 2024: day 10
    # is Wed 1 Jan 2025 -> Thu 2 Jan 2025; (b): 24 days -> Wed 15 Jan 2025.
    result = calculate("us-ca-cpra", date(2024, 12, 22))
    assert (result.due, result.extended_due) == (date(2025, 1, 2), date(2025, 1, 15))


def test_new_york_five_business_days() -> None:
    # Public Officers Law §89(3)(a): received Wed 31 Dec 2025: 1 Jan skipped, 2 Jan (1), 5-8 Jan
    # (2-5) -> Thu 8 Jan 2026. The 20 business days run from the acknowledgement, so no fixed
    # extended date from receipt.
    result = calculate("us-ny-foil", date(2025, 12, 31))
    assert (result.due, result.extended_due) == (date(2026, 1, 8), None)


def test_illinois_five_business_days_plus_five() -> None:
    # 5 ILCS 140/3(d), (e): received Wed 26 Nov 2025: Thanksgiving skipped, 28 Nov (1), 1-4 Dec
    # (2-5) -> Thu 4 Dec; 10 in all -> Thu 11 Dec 2025.
    result = calculate("us-il-foia", date(2025, 11, 26))
    assert (result.due, result.extended_due) == (date(2025, 12, 4), date(2025, 12, 11))


def test_texas_business_days_skip_state_holidays_but_not_optional_ones() -> None:
    # Tex. Gov't Code §552.301(b), §552.0031, §662.003: received Mon 14 Apr 2025: 15-17 Apr
    # (1-3), Good Friday is only an optional holiday (4), San Jacinto Day Mon 21 Apr skipped,
    # 22-25 (5-8), 28-29 (9-10) -> Tue 29 Apr 2025.
    result = calculate("us-tx-pia", date(2025, 4, 14))
    assert result.due == date(2025, 4, 29)
    assert SkippedDay(date(2025, 4, 21), "San Jacinto Day") in result.skipped
    assert date(2025, 4, 18) not in [day.date for day in result.skipped]
