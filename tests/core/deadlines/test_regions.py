"""Where the authority is: the region picks the holidays where the law says so, with a default."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import (
    ClockInput,
    DeadlineKind,
    RegionError,
    SkippedDay,
    calculate,
    normalize_region,
    request_deadlines,
)


def test_canberra_day_is_not_a_nsw_holiday() -> None:
    # FOI Act 1982 s.15(5)(b), Acts Interpretation Act 1901 s.36(2). Received Fri 9 Feb 2018:
    # day 30 is Sun 11 Mar. In Sydney the next working day is Mon 12 Mar 2018 (the OAIC's own
    # letter on Right to Know request 4368 gives 12 March); in Canberra Mon 12 Mar is Canberra
    # Day, so Tue 13 Mar.
    sydney = calculate("au-foi", date(2018, 2, 9), region="AU-NSW")
    canberra = calculate("au-foi", date(2018, 2, 9), region="AU-ACT")
    assert (sydney.due, canberra.due) == (date(2018, 3, 12), date(2018, 3, 13))
    assert SkippedDay(date(2018, 3, 12), "Canberra Day") in canberra.skipped
    assert sydney.region == "AU-NSW"
    assert "Holidays of New South Wales (AU-NSW), where the authority is" in (
        sydney.explanation.text()
    )


def test_au_default_is_canberra_and_says_why() -> None:
    result = calculate("au-foi", date(2018, 2, 9))
    assert (result.due, result.region) == (date(2018, 3, 13), "AU-ACT")
    assert "No region is set for the authority" in result.explanation.text()
    assert "most Commonwealth agencies sit in Canberra" in result.explanation.text()


def test_subject_access_counts_the_controllers_nation() -> None:
    # UK GDPR Art 12(3), ICO: received Mon 17 Feb 2025, the corresponding date Mon 17 Mar is a
    # working day in England (due then) but St Patrick's Day in Northern Ireland (Tue 18 Mar).
    assert calculate("uk-sar", date(2025, 2, 17)).due == date(2025, 3, 17)
    assert calculate("uk-sar", date(2025, 2, 17), region="GB-ENG").due == date(2025, 3, 17)
    assert calculate("uk-sar", date(2025, 2, 17), region="GB-NIR").due == date(2025, 3, 18)


def test_subject_access_across_easter_in_scotland() -> None:
    # 29 Feb 2024 (leap day) + 1 month = Fri 29 Mar, Good Friday everywhere; Easter Monday is a
    # working day in Scotland, so Mon 1 Apr there and Tue 2 Apr in England.
    assert calculate("uk-sar", date(2024, 2, 29), region="GB-SCT").due == date(2024, 4, 1)
    assert calculate("uk-sar", date(2024, 2, 29), region="GB-ENG").due == date(2024, 4, 2)


def test_german_land_adds_its_holidays() -> None:
    # §7(5) IFG, BGB §§188(2), 193. Received Mon 19 May 2025 -> Thu 19 Jun 2025, Corpus Christi:
    # a holiday in Bavaria (Fri 20 Jun), a working day in Berlin and by default.
    assert calculate("de-ifg", date(2025, 5, 19), region="DE-BY").due == date(2025, 6, 20)
    assert calculate("de-ifg", date(2025, 5, 19), region="DE-BE").due == date(2025, 6, 19)
    national = calculate("de-ifg", date(2025, 5, 19))
    assert (national.due, national.region) == (date(2025, 6, 19), None)
    assert "only nationwide holidays are counted" in national.explanation.text()


def test_uk_foia_region_changes_nothing_and_says_so() -> None:
    # FOIA s.10(6): St Andrew's Day (observed Mon 2 Dec 2024) counts for an English authority
    # too; a region does not change that (received Mon 18 Nov 2024 -> Tue 17 Dec 2024).
    result = calculate("uk-foia", date(2024, 11, 18), region="GB-ENG")
    assert result.due == date(2024, 12, 17)
    assert "does not change the count" in result.explanation.text()


def test_a_region_outside_the_laws_country_is_refused_or_left_unused() -> None:
    with pytest.raises(RegionError, match="region GB-SCT is not in AU, where au-foi applies"):
        calculate("au-foi", date(2018, 2, 9), region="GB-SCT")
    # A stored authority's region is not refused, only left unused, with a note.
    clock = ClockInput("au-foi", date(2018, 2, 9), region="DE-BY")
    response = request_deadlines(clock, date(2018, 2, 10))[0]
    assert response.kind is DeadlineKind.RESPONSE and response.due == date(2018, 3, 13)
    assert "(DE-BY) is not in AU, so it is not used" in response.explanation.text()


def test_region_codes_are_iso_3166_and_known_to_the_calendars() -> None:
    assert normalize_region(" au-nsw ") == "AU-NSW"
    assert normalize_region("IM") == "IM"
    with pytest.raises(RegionError, match="not a region code"):
        normalize_region("New South Wales")
    with pytest.raises(RegionError, match="unknown subdivision 'XYZ' for AU"):
        normalize_region("AU-XYZ")
