"""Calendar export: one all-day event per deadline, stable UIDs, reminders, atomic writes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from foidesk.core.deadlines import ClockEvent, ClockEventKind, ClockInput, request_deadlines
from foidesk.core.deadlines.ics import CalendarEntry, ics_bytes, write_ics

TODAY = date(2024, 4, 30)
STAMP = datetime(2024, 4, 30, 9, 0, tzinfo=UTC)


def entries(request_id: int = 7) -> list[CalendarEntry]:
    responded = ClockEvent(ClockEventKind.RESPONSE, date(2024, 4, 23))
    first = request_deadlines(ClockInput("uk-foia", date(2024, 4, 1)), TODAY)
    second = request_deadlines(ClockInput("uk-foia", date(2024, 3, 22), (responded,)), TODAY)
    return [CalendarEntry(request_id, "Bus lane fines", "Leeds City Council", d) for d in first] + [
        CalendarEntry(request_id + 1, "Pothole repairs", "Kent County Council", d) for d in second
    ]


def events(path: Path) -> dict[str, Any]:
    parsed = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in parsed.walk("VEVENT")}


def test_round_trip_keeps_dates_uids_and_text(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    written = entries()
    assert write_ics(written, target, stamp=STAMP) == len(written) == 4
    parsed = Calendar.from_ical(target.read_bytes())
    found = {str(event["UID"]): event for event in parsed.walk("VEVENT")}
    assert set(found) == {
        "request-7-response@foidesk",
        "request-7-long_overdue@foidesk",
        "request-8-response@foidesk",
        "request-8-review_request_window@foidesk",
    }
    for entry in written:
        event = found[entry.uid]
        assert event.decoded("DTSTART") == entry.deadline.due
        assert event.decoded("DTEND") == entry.deadline.due + timedelta(days=1)
        assert str(event["SUMMARY"]) == entry.summary
        assert str(event["DESCRIPTION"]).endswith(entry.deadline.explanation.text())
    response = found["request-7-response@foidesk"]
    # Received Mon 1 Apr 2024 (Easter Monday, so counted from Thu 28 Mar): due Mon 29 Apr.
    assert str(response["SUMMARY"]) == "Response due: Bus lane fines (Leeds City Council)"
    assert response.decoded("DTSTART") == date(2024, 4, 29)


def test_open_deadlines_get_a_reminder_and_met_ones_do_not(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    write_ics(entries(), target, alarm_days_before=3, stamp=STAMP)
    parsed = events(target)
    open_event = parsed["request-8-review_request_window@foidesk"]
    (alarm,) = open_event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(days=-3)
    assert str(alarm["ACTION"]) == "DISPLAY"
    met_event = parsed["request-8-response@foidesk"]
    assert met_event.walk("VALARM") == []


def test_writing_twice_keeps_the_same_uids_and_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    write_ics(entries(), target)
    first = set(events(target))
    write_ics(entries(), target)
    assert set(events(target)) == first
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]  # no temp file left


def test_same_input_and_stamp_give_identical_bytes() -> None:
    assert ics_bytes(entries(), stamp=STAMP) == ics_bytes(entries(), stamp=STAMP)


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "deadlines.ics"
    target.write_bytes(b"old")
    with pytest.raises(ValueError, match="share one calendar UID"):
        write_ics(entries() + entries(), target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["deadlines.ics"]


def test_missing_folder_raises_and_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_ics(entries(), tmp_path / "absent" / "deadlines.ics")
    assert list(tmp_path.iterdir()) == []


def test_negative_alarm_is_refused() -> None:
    with pytest.raises(ValueError, match="alarm_days_before"):
        ics_bytes(entries(), alarm_days_before=-1)


def test_empty_calendar_is_still_a_valid_file(tmp_path: Path) -> None:
    target = tmp_path / "empty.ics"
    assert write_ics([], target) == 0
    assert Calendar.from_ical(target.read_bytes()).walk("VEVENT") == []
