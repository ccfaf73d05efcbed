"""Every date explains itself: rule, source, start, skipped days, pauses and notes."""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    Explanation,
    Pause,
    PeriodUnit,
    SkippedDay,
    calculate,
    format_day,
    request_deadlines,
)


def test_foia_easter_explanation_reads_as_a_person_would_say_it() -> None:
    assert calculate("uk-foia", date(2024, 3, 22)).explanation.text() == (
        "20 working days after receipt (FOIA s.10(1)).\n"
        "Received Fri 22 Mar 2024; day 1 = Mon 25 Mar 2024.\n"
        "Skipped: Fri 29 Mar 2024 Good Friday, "
        "Mon 1 Apr 2024 Easter Monday (England, Northern Ireland, Wales) and 10 weekend days.\n"
        "Due Tue 23 Apr 2024."
    )


def test_explanation_fields_carry_the_facts() -> None:
    explanation = calculate("uk-foia", date(2024, 3, 22)).explanation
    assert explanation.rule == "20 working days after receipt"
    assert explanation.source == "FOIA s.10(1)"
    assert explanation.start == date(2024, 3, 22)
    assert explanation.due == date(2024, 4, 23)
    assert explanation.pauses == ()


def test_pause_line_counts_the_days_not_counted() -> None:
    events = (
        ClockEvent(ClockEventKind.FEE_NOTICE, date(2024, 3, 27)),
        ClockEvent(ClockEventKind.FEE_PAID, date(2024, 4, 5)),
    )
    response = request_deadlines(ClockInput("uk-foia", date(2024, 3, 22), events), date(2024, 4, 8))
    assert (
        "Paused Wed 27 Mar 2024 to Fri 5 Apr 2024: fees notice until payment (FOIA s.10(2)); "
        "6 working days not counted."
    ) in response[0].explanation.text()


def test_text_of_a_hand_built_explanation() -> None:
    explanation = Explanation(
        rule="a date the authority promised",
        source="",
        start=date(2024, 1, 5),
        skipped=(SkippedDay(date(2024, 1, 6), "Saturday"),),
        pauses=(Pause(date(2024, 1, 8), None, "fee", 3, PeriodUnit.CALENDAR_DAYS),),
        notes=("Note one.",),
        start_label="Promise made",
    )
    assert explanation.text() == (
        "A date the authority promised.\n"
        "Promise made Fri 5 Jan 2024.\n"
        "Skipped: 1 weekend day.\n"
        "Paused from Mon 8 Jan 2024, not yet ended: fee; 3 calendar days not counted so far.\n"
        "Note one."
    )


def test_format_day_ignores_the_process_locale() -> None:
    assert format_day(date(2024, 2, 29)) == "Thu 29 Feb 2024"
