"""Month rules: UK subject access (ICO corresponding date) and the German IFG (BGB §§187-193)."""

from __future__ import annotations

from datetime import date

import pytest

from foidesk.core.deadlines import SkippedDay, calculate
from foidesk.core.deadlines.periods import add_months, corresponding_date_exists


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # ICO: day of receipt is day 1, due on the corresponding date next month.
        (date(2024, 3, 5), date(2024, 4, 5)),  # Tue 5 Mar -> Fri 5 Apr
        # No 31 February: the last day of the month, 29 Feb in the leap year 2024 (Thu) ...
        (date(2024, 1, 31), date(2024, 2, 29)),
        # ... and 28 Feb in 2023 (Tue).
        (date(2023, 1, 31), date(2023, 2, 28)),
        # Sat 2 Mar 2024 is not a working day: Mon 4 Mar.
        (date(2024, 2, 2), date(2024, 3, 4)),
        # Received on a Saturday (3 Feb): 3 Mar is a Sunday -> Mon 4 Mar.
        (date(2024, 2, 3), date(2024, 3, 4)),
        # 29 Mar 2024 is Good Friday; weekend; Easter Monday (England) -> Tue 2 Apr.
        (date(2024, 2, 29), date(2024, 4, 2)),
    ],
)
def test_sar_one_calendar_month(received: date, due: date) -> None:
    assert calculate("uk-sar", received).due == due


def test_sar_extension_is_two_further_months() -> None:
    # UK GDPR Art 12(3): 31 Jan 2024 + 3 months -> no 31 April -> Tue 30 Apr 2024.
    assert calculate("uk-sar", date(2024, 1, 31)).extended_due == date(2024, 4, 30)


def test_sar_explains_the_month_end_and_the_roll_forward() -> None:
    month_end = calculate("uk-sar", date(2024, 1, 31)).explanation.text()
    assert "February 2024 has no day 31" in month_end
    rolled = calculate("uk-sar", date(2024, 2, 29))
    assert rolled.skipped == (
        SkippedDay(date(2024, 3, 29), "Good Friday"),
        SkippedDay(date(2024, 3, 30), "Saturday"),
        SkippedDay(date(2024, 3, 31), "Sunday"),
        SkippedDay(date(2024, 4, 1), "Easter Monday"),
    )
    assert "runs to the next working day, Tue 2 Apr 2024" in rolled.explanation.text()


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # §187(1): the day of receipt is not counted; §188(2): ends on the same-numbered day.
        (date(2024, 4, 15), date(2024, 5, 15)),  # Mon 15 Apr -> Wed 15 May
        # §188(3): no such day -> the month's last day. Leap year: Thu 29 Feb 2024.
        (date(2024, 1, 31), date(2024, 2, 29)),
        (date(2025, 1, 31), date(2025, 2, 28)),  # Fri 28 Feb 2025
        (date(2025, 3, 31), date(2025, 4, 30)),  # Wed 30 Apr 2025
        # §193: Sat 30 Dec 2023, Sun 31 Dec, New Year's Day -> Tue 2 Jan 2024.
        (date(2023, 11, 30), date(2024, 1, 2)),
        # §193: Christmas Day and the Second Day of Christmas 2024 -> Fri 27 Dec.
        (date(2024, 11, 25), date(2024, 12, 27)),
    ],
)
def test_ifg_one_month_per_bgb(received: date, due: date) -> None:
    result = calculate("de-ifg", received)
    assert result.due == due
    assert result.extended_due is None


def test_ifg_names_bgb_193_when_it_rolls() -> None:
    text = calculate("de-ifg", date(2023, 11, 30)).explanation.text()
    assert "BGB §193" in text
    assert "Sat 30 Dec 2023" in text


@pytest.mark.parametrize(
    ("start", "months", "expected", "exists"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29), False),
        (date(2024, 1, 30), 1, date(2024, 2, 29), False),
        (date(2024, 1, 29), 1, date(2024, 2, 29), True),
        (date(2024, 11, 30), 3, date(2025, 2, 28), False),
        (date(2024, 12, 15), 1, date(2025, 1, 15), True),
        (date(2024, 3, 31), 6, date(2024, 9, 30), False),
    ],
)
def test_add_months(start: date, months: int, expected: date, exists: bool) -> None:
    assert add_months(start, months) == expected
    assert corresponding_date_exists(start, months) is exists
