"""A request's deadlines come from its stored messages and events, through the Desk and CLI."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar

from foidesk.cli import main
from foidesk.core.deadlines import Deadline, DeadlineKind, DeadlineState
from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError
from foidesk.core.records import NewMessage, NewRequest

# conftest fixes "today" at Wed 10 Apr 2024.


def _request(desk: Desk, sent: date = date(2024, 3, 22), regime: str = "uk-foia") -> int:
    return desk.add_request(
        NewRequest(
            title="Call logs", authority="DWP", sent_on=sent, regime=regime, body="Please send…"
        )
    ).id


def _by_kind(desk: Desk, request_id: int) -> dict[DeadlineKind, Deadline]:
    return {d.kind: d for d in desk.deadlines(request_id)}


def test_response_due_skips_easter_and_counts_down(desk: Desk) -> None:
    deadlines = _by_kind(desk, _request(desk))
    response = deadlines[DeadlineKind.RESPONSE]
    assert response.due == date(2024, 4, 23)
    assert response.state is DeadlineState.UPCOMING
    assert response.days_left == 9
    assert "Good Friday" in response.explanation.text()


def test_a_clarification_request_restarts_the_clock_from_the_clarification(desk: Desk) -> None:
    request_id = _request(desk)
    desk.add_message(
        request_id,
        NewMessage(
            direction="incoming",
            kind="clarification_request",
            sent_at=datetime(2024, 3, 26, 10, tzinfo=UTC),
        ),
    )
    desk.add_message(
        request_id,
        NewMessage(
            direction="outgoing", kind="clarification", sent_at=datetime(2024, 4, 2, 10, tzinfo=UTC)
        ),
    )
    response = _by_kind(desk, request_id)[DeadlineKind.RESPONSE]
    assert response.due == date(2024, 4, 30)  # 20 wd from 2 Apr


def test_a_response_meets_the_deadline_and_opens_the_review_window(desk: Desk) -> None:
    request_id = _request(desk)
    desk.add_message(
        request_id,
        NewMessage(
            direction="incoming", kind="response", sent_at=datetime(2024, 4, 5, 10, tzinfo=UTC)
        ),
    )
    deadlines = _by_kind(desk, request_id)
    assert deadlines[DeadlineKind.RESPONSE].state is DeadlineState.MET
    assert (
        DeadlineKind.COMPLAINT_WINDOW in deadlines
        or DeadlineKind.REVIEW_REQUEST_WINDOW in deadlines
    )


def test_recorded_extension_and_promise_stand_beside_the_statutory_date(desk: Desk) -> None:
    request_id = _request(desk)
    desk.add_clock_event(request_id, "extension", date(2024, 4, 22))
    desk.add_clock_event(request_id, "promised", date(2024, 4, 22), until=date(2024, 5, 3))
    deadlines = _by_kind(desk, request_id)
    assert deadlines[DeadlineKind.RESPONSE].due == date(2024, 4, 23)
    assert deadlines[DeadlineKind.EXTENDED_RESPONSE].due == date(2024, 5, 22)
    assert deadlines[DeadlineKind.PROMISED].due == date(2024, 5, 3)
    with pytest.raises(InvalidInputError, match="choose one of"):
        desk.add_clock_event(request_id, "lunch", date(2024, 4, 22))


def test_a_user_closure_day_moves_the_date(desk: Desk) -> None:
    request_id = _request(desk)
    desk.set_closure(date(2024, 4, 15), "Office move")
    response = _by_kind(desk, request_id)[DeadlineKind.RESPONSE]
    assert response.due == date(2024, 4, 24)
    assert "Office move" in response.explanation.text()


def test_next_deadlines_calendar_and_counts(desk: Desk) -> None:
    late = _request(desk, sent=date(2024, 2, 1))
    soon = _request(desk)
    withdrawn = _request(desk)
    desk.set_status(withdrawn, "user_withdrawn")
    pressing = desk.next_deadlines()
    assert pressing[late].state is DeadlineState.OVERDUE
    assert pressing[soon].due == date(2024, 4, 23)
    assert withdrawn not in pressing

    entries = desk.calendar(date(2024, 4, 1), date(2024, 4, 30))
    assert [e.deadline.due for e in entries] == sorted(e.deadline.due for e in entries)
    assert all(date(2024, 4, 1) <= e.deadline.due <= date(2024, 4, 30) for e in entries)
    counts = desk.deadline_counts(date(2024, 4, 1), date(2024, 4, 30))
    assert counts[date(2024, 4, 23)].count >= 1
    assert sum(c.count for c in counts.values()) == len(entries)


def test_ics_export_round_trips(desk: Desk, tmp_path: Path) -> None:
    request_id = _request(desk)
    path = tmp_path / "deadlines.ics"
    count = desk.export_ics(path)
    events = list(Calendar.from_ical(path.read_bytes()).walk("VEVENT"))
    assert count == len(events) > 0
    uids = {str(e["UID"]) for e in events}
    assert any(str(request_id) in uid for uid in uids)
    desk.export_ics(path)
    again = {str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}
    assert again == uids


def test_cli_due_regimes_calendar_and_show(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["due", "--regime", "uk-foia", "--received", "2024-03-22", "--json"]) == 0
    due = json.loads(capsys.readouterr().out)
    assert due["due"] == "2024-04-23" and due["extended_due"] == "2024-05-22"
    assert {"date": "2024-03-29", "name": "Good Friday"} in due["skipped"]
    assert all(s["name"] not in ("Saturday", "Sunday") for s in due["skipped"])

    assert main(["due", "--regime", "nope", "--received", "2024-03-22"]) == 1
    assert "uk-foia" in capsys.readouterr().err

    assert main(["regimes", "--json"]) == 0
    ids = {r["id"] for r in json.loads(capsys.readouterr().out)}
    assert {"uk-foia", "scot-foisa", "nz-oia", "de-ifg", "eu-1049"} <= ids

    data_dir = str(tmp_path / "p")
    main(["sample", "--data-dir", data_dir])
    capsys.readouterr()
    assert main(["request", "show", "1", "--json", "--data-dir", data_dir]) == 0
    shown = json.loads(capsys.readouterr().out)
    response = next(d for d in shown["deadlines"] if d["kind"] == "response")
    assert response == response | {"date": "2024-04-23", "state": "met"}
    assert "explanation" in response

    assert main(["calendar", "--json", "--from", "2024-01-01", "--data-dir", data_dir]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [d["date"] for d in listed] == sorted(d["date"] for d in listed)
    ics = tmp_path / "out.ics"
    assert main(["calendar", "--ics", str(ics), "--data-dir", data_dir]) == 0
    assert ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
