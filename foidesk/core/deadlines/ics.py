"""Deadlines as an iCalendar (.ics) file that any calendar app can import or subscribe to.

Each deadline is one all-day event whose UID depends only on the request and
the kind of deadline, so importing a newer file moves the event instead of
adding a second one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from foidesk.core.atomic_write import write_atomically
from foidesk.core.deadlines.deadline import Deadline, DeadlineState
from foidesk.core.deadlines.entry import CalendarEntry

PRODID = "-//foidesk//FOI deadlines//EN"
_OPEN_STATES = frozenset({DeadlineState.UPCOMING, DeadlineState.DUE_TODAY, DeadlineState.OVERDUE})


def ics_bytes(
    entries: Iterable[CalendarEntry],
    *,
    alarm_days_before: int = 2,
    stamp: datetime | None = None,
) -> bytes:
    """The calendar as bytes. `stamp` (DTSTAMP) defaults to now; pass one for stable output.

    Only deadlines still open get a reminder: an alarm for one already met
    would be noise.
    """
    if alarm_days_before < 0:
        raise ValueError(f"alarm_days_before must be 0 or more, not {alarm_days_before}")
    stamp = stamp or datetime.now(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "FOI deadlines")
    seen: set[str] = set()
    for entry in entries:
        if entry.uid in seen:
            raise ValueError(f"two deadlines share one calendar UID: {entry.uid}")
        seen.add(entry.uid)
        calendar.add_component(_event(entry, alarm_days_before, stamp))
    data: bytes = calendar.to_ical()
    return data


def write_ics(
    entries: Iterable[CalendarEntry],
    path: Path,
    *,
    alarm_days_before: int = 2,
    stamp: datetime | None = None,
) -> int:
    """Write the calendar to `path` atomically and return how many events it holds.

    The file is written beside the target, flushed to disk, then renamed over
    it: a crash leaves either the old calendar or the new one, never half.
    """
    listed = list(entries)
    data = ics_bytes(listed, alarm_days_before=alarm_days_before, stamp=stamp)
    write_atomically(Path(path), data)
    return len(listed)


def _event(entry: CalendarEntry, alarm_days_before: int, stamp: datetime) -> Event:
    deadline = entry.deadline
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.due)
    event.add("dtend", deadline.due + timedelta(days=1))
    event.add("summary", entry.summary)
    event.add("description", _description(deadline))
    event.add("transp", "TRANSPARENT")  # a deadline does not make you busy
    event.add("categories", ["FOI", str(deadline.kind)])
    if deadline.state in _OPEN_STATES:
        event.add_component(_alarm(entry, alarm_days_before))
    return event


def _description(deadline: Deadline) -> str:
    return f"Status: {deadline.status_text()}.\n{deadline.explanation.text()}"


def _alarm(entry: CalendarEntry, days_before: int) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", entry.summary)
    alarm.add("trigger", timedelta(days=-days_before))
    return alarm
