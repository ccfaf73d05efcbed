"""UK and Scottish working-day regimes. Expected dates counted by hand from a printed calendar."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import REGIMES, SkippedDay, UnknownRegime, calculate


def test_foia_20_working_days_over_easter() -> None:
    # FOIA s.10(1). Received Fri 22 Mar 2024; day 1 = Mon 25 Mar. 25-28 Mar (1-4), Good Friday
    # 29 Mar and Easter Monday 1 Apr skipped, 2-5 Apr (5-8), 8-12 (9-13), 15-19 (14-18),
    # Mon 22 Apr (19), Tue 23 Apr (20).
    result = calculate("uk-foia", date(2024, 3, 22))
    assert result.due == date(2024, 4, 23)
    assert result.explanation.day_one == date(2024, 3, 25)
    named = [day for day in result.skipped if not day.is_weekend]
    assert named == [
        SkippedDay(date(2024, 3, 29), "Good Friday"),
        SkippedDay(date(2024, 4, 1), "Easter Monday (England, Northern Ireland, Wales)"),
    ]
    assert len(result.skipped) == 12  # and five weekends


def test_foia_public_interest_extension_is_40_working_days() -> None:
    # FOIA s.10(3) with the ICO's limit of 20 more working days. From Tue 23 Apr (20):
    # 24-26 Apr (21-23), 29-30 (24-25), 1-3 May (26-28), May Day 6 May skipped,
    # 7-10 (29-32), 13-17 (33-37), 20-22 (38-40) -> Wed 22 May 2024.
    assert calculate("uk-foia", date(2024, 3, 22)).extended_due == date(2024, 5, 22)


@pytest.mark.parametrize(
    "received",
    [date(2024, 3, 28), date(2024, 3, 29), date(2024, 3, 30), date(2024, 3, 31), date(2024, 4, 1)],
)
def test_foia_receipt_on_a_holiday_or_weekend_counts_like_the_working_day_before(
    received: date,
) -> None:
    # ICO: day 1 is the next working day. From Thu 28 Mar 2024, day 1 = Tue 2 Apr:
    # 2-5 Apr (1-4), 8-12 (5-9), 15-19 (10-14), 22-26 (15-19), Mon 29 Apr (20). Good Friday,
    # the weekend and Easter Monday all give the same date as Thursday.
    assert calculate("uk-foia", received).due == date(2024, 4, 29)


def test_foia_skips_st_andrews_day_although_the_authority_is_english() -> None:
    # FOIA s.10(6): a bank holiday in any part of the UK. St Andrew's Day 2024 fell on a
    # Saturday, so Scotland's bank holiday was Mon 2 Dec. Received Mon 18 Nov 2024:
    # 19-22 Nov (1-4), 25-29 (5-9), 2 Dec skipped, 3-6 (10-13), 9-13 (14-18), 16 (19), 17 (20).
    result = calculate("uk-foia", date(2024, 11, 18))
    assert result.due == date(2024, 12, 17)
    assert SkippedDay(date(2024, 12, 2), "Saint Andrew's Day (observed) (Scotland)") in (
        result.skipped
    )


def test_foia_skips_scottish_2_january_and_christmas() -> None:
    # Received Thu 14 Dec 2023: 15 Dec (1), 18-22 (2-6), Christmas 25 and Boxing Day 26 Dec
    # skipped, 27-29 (7-9), 1 Jan and Scotland's 2 Jan skipped, 3-5 Jan (10-12),
    # 8-12 (13-17), 15-17 (18-20) -> Wed 17 Jan 2024.
    result = calculate("uk-foia", date(2023, 12, 14))
    assert result.due == date(2024, 1, 17)
    assert SkippedDay(date(2024, 1, 2), "New Year Holiday (Scotland)") in result.skipped


def test_foia_skips_northern_irish_twelfth_of_july() -> None:
    # Received Mon 1 Jul 2024: 2-5 Jul (1-4), 8-11 (5-8), Fri 12 Jul (Battle of the Boyne, NI)
    # skipped, 15-19 (9-13), 22-26 (14-18), 29 (19), 30 (20) -> Tue 30 Jul 2024.
    assert calculate("uk-foia", date(2024, 7, 1)).due == date(2024, 7, 30)


def test_foia_school_uses_the_60th_working_day_and_says_why() -> None:
    # SI 2004/3364: the earlier of the 20th school day and the 60th working day; without term
    # dates the 60th. From Wed 22 May 2024 (40th, see above): 23-24 May (41-42), Spring Bank
    # Holiday 27 May skipped, 28-31 (43-46), 3-7 Jun (47-51), 10-14 (52-56), 17-20 (57-60).
    result = calculate("uk-foia", date(2024, 3, 22), school=True)
    assert result.due == date(2024, 6, 20)
    assert result.extended_due is None
    assert "term dates" in result.explanation.text()


def test_eir_is_20_working_days_extendable_to_40() -> None:
    # EIR reg 5(2) and reg 7(1), same UK-wide working days as FOIA.
    result = calculate("uk-eir", date(2024, 3, 22))
    assert (result.due, result.extended_due) == (date(2024, 4, 23), date(2024, 5, 22))


def test_foisa_counts_easter_monday_as_a_working_day() -> None:
    # FOISA s.10(1) and s.73. Received Fri 22 Mar 2024: 25-28 Mar (1-4), Good Friday skipped,
    # Easter Monday 1 Apr (5), 2-5 Apr (6-9), 8-12 (10-14), 15-19 (15-19), Mon 22 Apr (20):
    # one day earlier than the UK FOIA date.
    result = calculate("scot-foisa", date(2024, 3, 22))
    assert result.due == date(2024, 4, 22)
    assert result.extended_due is None  # FOISA has no extension
    assert date(2024, 4, 1) not in [day.date for day in result.skipped]


def test_scottish_eir_extension_to_40_working_days() -> None:
    # EI(S)R reg 7(1). From Mon 22 Apr 2024 (20): 23-26 Apr (21-24), 29-30 (25-26),
    # 1-3 May (27-29), May Day 6 May skipped, 7-10 (30-33), 13-17 (34-38), 20-21 (39-40).
    result = calculate("scot-eir", date(2024, 3, 22))
    assert (result.due, result.extended_due) == (date(2024, 4, 22), date(2024, 5, 21))


def test_leap_day_is_an_ordinary_working_day() -> None:
    # Received Wed 31 Jan 2024: 1-2 Feb (1-2), 5-9 (3-7), 12-16 (8-12), 19-23 (13-17),
    # 26-28 (18-20) -> Wed 28 Feb. From Thu 1 Feb: 2 (1), 5-9, 12-16, 19-23 (2-16),
    # 26-29 (17-20) -> Thu 29 Feb 2024.
    assert calculate("uk-foia", date(2024, 1, 31)).due == date(2024, 2, 28)
    assert calculate("uk-foia", date(2024, 2, 1)).due == date(2024, 2, 29)


def test_unknown_regime_lists_the_valid_ids() -> None:
    with pytest.raises(UnknownRegime, match="uk-foia") as caught:
        calculate("uk-fioa", date(2024, 1, 1))
    assert isinstance(caught.value, ValueError)
    assert caught.value.valid == tuple(sorted(REGIMES))
    assert "'uk-fioa'" in str(caught.value)


def test_every_regime_has_a_name_calendar_and_source() -> None:
    expected = {
        "uk-foia", "uk-eir", "scot-foisa", "scot-eir", "uk-sar", "im-foi", "us-foia",
        "us-ca-cpra", "us-ny-foil", "us-il-foia", "us-tx-pia", "ie-foi", "nz-oia",
        "nz-lgoima", "au-foi", "au-nsw-gipa", "ca-ati", "ca-privacy", "de-ifg", "de-uig",
        "eu-1049", "custom",
    }  # fmt: skip
    assert set(REGIMES) == expected
    for regime_id, regime in REGIMES.items():
        assert regime.id == regime_id
        assert regime.name and regime.country and regime.sources
    assert REGIMES["uk-foia"].name == "Freedom of Information Act 2000 (UK)"
    assert (REGIMES["scot-foisa"].country, REGIMES["scot-foisa"].subdivision) == ("GB", "SCT")
    assert REGIMES["uk-foia"].subdivision is None  # every nation, not one
    assert REGIMES["uk-foia"].response.period.count == 20
