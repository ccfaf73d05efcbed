"""eu-1049 on the institutions' own working days (Regulation 1182/71 art 2(2)), and its stages.

Holidays as published in the Official Journal: 2014 in OJ C 39, 12.2.2013, p. 26; 2023 in
OJ C 201 I, 28.5.2021, p. 2; 2024 (up to Whit Monday) in OJ C 440, 21.11.2022, p. 15.
"""

from __future__ import annotations

from datetime import date

from foidesk.core.deadlines import (
    ClockEvent,
    ClockEventKind,
    ClockInput,
    Deadline,
    DeadlineKind,
    DeadlineState,
    SkippedDay,
    calculate,
    request_deadlines,
)

K = ClockEventKind
RECEIVED = date(2014, 4, 14)


def _found(*events: ClockEvent, today: date) -> dict[DeadlineKind, Deadline]:
    clock = ClockInput("eu-1049", RECEIVED, events)
    return {d.kind: d for d in request_deadlines(clock, today)}


def test_easter_2014_on_the_commissions_list_not_target2() -> None:
    # Art 7(1). Received Mon 14 Apr 2014: 15-16 Apr (1-2), Maundy Thursday, Good Friday and
    # Easter Monday skipped, 22-25 (3-6), 28-30 (7-9), 1 May skipped, Fri 2 May (10), 5-8 May
    # (11-14), 9 May (Schuman Declaration) skipped, Mon 12 May (15). TARGET2 gave Thu 8 May.
    # Art 7(3), 30 in all: 13-16 May (16-19), 19-23 (20-24), 26-28 (25-27), Ascension Day and
    # the day after skipped, 2-4 Jun (28-30) -> Wed 4 Jun 2014.
    result = calculate("eu-1049", RECEIVED)
    assert (result.due, result.extended_due) == (date(2014, 5, 12), date(2014, 6, 4))
    named = [day for day in result.skipped if not day.is_weekend]
    assert named == [
        SkippedDay(date(2014, 4, 17), "Maundy Thursday"),
        SkippedDay(date(2014, 4, 18), "Good Friday"),
        SkippedDay(date(2014, 4, 21), "Easter Monday"),
        SkippedDay(date(2014, 5, 1), "Labour Day"),
        SkippedDay(date(2014, 5, 9), "Anniversary of the Schuman Declaration"),
    ]
    assert "not in foidesk" not in result.explanation.text()  # 2014 is whole


def test_august_2014_assumption_is_a_holiday_of_the_institutions() -> None:
    # The old regime note claimed 15 August is worked; the 2014 list has it. Received Fri 1 Aug
    # 2014: 4-8 (1-5), 11-14 (6-9), Assumption skipped, 18-22 (10-14), Mon 25 Aug (15).
    result = calculate("eu-1049", date(2014, 8, 1))
    assert result.due == date(2014, 8, 25)
    assert SkippedDay(date(2014, 8, 15), "Assumption") in result.skipped


def test_year_end_2023_skips_the_end_of_year_block_and_2024s_known_new_year() -> None:
    # Received Mon 11 Dec 2023: 12-15 Dec (1-4), 18-22 (5-9), 25-29 Dec skipped (OJ C 201 I),
    # 1-2 Jan 2024 skipped (OJ C 440), 3-5 Jan (10-12), 8-10 (13-15) -> Wed 10 Jan 2024. The
    # part of 2024 counted is known, so no warning.
    result = calculate("eu-1049", date(2023, 12, 11))
    assert result.due == date(2024, 1, 10)
    assert SkippedDay(date(2023, 12, 27), "End-of-year days") in result.skipped
    assert "not in foidesk" not in result.explanation.text()


def test_a_year_without_a_published_list_is_said_not_guessed() -> None:
    # Received Wed 10 Dec 2014: 11-12 Dec (1-2), 15-19 (3-7), 22-23 (8-9), 24-31 Dec skipped,
    # Thu 1 Jan 2015 counted (10): foidesk has only 2 January of 2015, fixed by the 2014 list;
    # 2 Jan skipped, 5-9 Jan (11-15) -> Fri 9 Jan 2015, flagged as possibly early.
    result = calculate("eu-1049", date(2014, 12, 10))
    assert result.due == date(2015, 1, 9)
    text = result.explanation.text()
    assert "holiday list for 2015 is not in foidesk in full" in text
    assert "only 2 January 2015, which the 2014 list fixed in advance" in text
    assert "may be too early" in text
    missing = calculate("eu-1049", date(2025, 3, 3)).explanation.text()
    assert "for 2025 it has none" in missing


def test_no_reply_opens_the_confirmatory_application_window() -> None:
    # Art 7(4): no reply by Mon 12 May 2014 entitles the applicant to a confirmatory application
    # within 15 working days: 13-16 May (1-4), 19-23 (5-9), 26-28 (10-12), Ascension and the day
    # after skipped, 2-4 Jun (13-15) -> Wed 4 Jun 2014, open from Tue 13 May.
    before = _found(today=date(2014, 5, 12))[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert (before.state, before.status_text()) == (
        DeadlineState.NOT_APPLICABLE,
        "opens Tue 13 May 2014",
    )
    window = _found(today=date(2014, 5, 20))[DeadlineKind.REVIEW_REQUEST_WINDOW]
    assert (window.due, window.state) == (date(2014, 6, 4), DeadlineState.UPCOMING)
    assert "Regulation 1049/2001 Art 7(4)" in window.explanation.text()


def test_an_unanswered_confirmatory_application_opens_court_and_ombudsman() -> None:
    # Art 8(1): 15 working days from Tue 20 May 2014: 21-23 (1-3), 26-28 (4-6), 29-30 skipped,
    # 2-6 Jun (7-11), Whit Monday skipped, 10-13 (12-15) -> Fri 13 Jun. Art 8(3): no reply is a
    # negative one. General Court: 2 months to Wed 13 Aug + 10 days = Sat 23 Aug -> Mon 25 Aug
    # 2014 (Rules of Procedure art 58-60). Ombudsman: 2 years to Mon 13 Jun 2016.
    found = _found(ClockEvent(K.REVIEW_REQUESTED, date(2014, 5, 20)), today=date(2014, 6, 20))
    assert found[DeadlineKind.INTERNAL_REVIEW].due == date(2014, 6, 13)
    court = found[DeadlineKind.COURT_WINDOW]
    assert (court.due, court.state) == (date(2014, 8, 25), DeadlineState.UPCOMING)
    assert "no reply in time is a negative reply" in court.explanation.text()
    assert found[DeadlineKind.COMPLAINT_WINDOW].due == date(2016, 6, 13)


def test_after_a_confirmatory_decision_the_court_counts_on_luxembourg_holidays() -> None:
    # Decision Thu 5 Jun 2014: 2 months to Tue 5 Aug + 10 days = Fri 15 Aug, a Luxembourg public
    # holiday, then the weekend -> Mon 18 Aug 2014.
    found = _found(
        ClockEvent(K.RESPONSE, date(2014, 5, 12)),
        ClockEvent(K.REVIEW_REQUESTED, date(2014, 5, 20)),
        ClockEvent(K.REVIEW_RESPONSE, date(2014, 6, 5)),
        today=date(2014, 6, 20),
    )
    court = found[DeadlineKind.COURT_WINDOW]
    assert court.due == date(2014, 8, 18)
    assert "10 days are added to the 2 months" in court.explanation.text()
    done = _found(
        ClockEvent(K.RESPONSE, date(2014, 5, 12)),
        ClockEvent(K.REVIEW_REQUESTED, date(2014, 5, 20)),
        ClockEvent(K.REVIEW_RESPONSE, date(2014, 6, 5)),
        ClockEvent(K.COURT_ACTION, date(2014, 8, 1)),
        today=date(2014, 9, 1),
    )
    assert done[DeadlineKind.COURT_WINDOW].state is DeadlineState.MET
