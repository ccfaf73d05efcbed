"""Deadlines as the faces show them: one request's, the most pressing of each, the
calendar, an ``.ics`` export; and the days the user marks closed (or open)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select

from foidesk.core.changes import ALL_DEADLINES
from foidesk.core.deadlines import (
    REGIMES,
    CalendarEntry,
    Deadline,
    DeadlineState,
    request_deadlines,
)
from foidesk.core.deadlines import request_clocks as clocks
from foidesk.core.operations.base import DeskBase, live_request, required
from foidesk.core.records import ClosureRecord, DayCount
from foidesk.core.storage.tables import ClosureDay


class CalendarOperations(DeskBase):
    def deadlines(self, request_id: int) -> tuple[Deadline, ...]:
        """Every deadline of a request, judged against today, each able to explain itself."""
        with self.db.reading() as session:
            live_request(session, request_id)
            found = clocks.request_clocks(session, [request_id])
        return request_deadlines(found[0].clock, self.today()) if found else ()

    def next_deadlines(self, request_ids: Sequence[int] | None = None) -> dict[int, Deadline]:
        """The most pressing open deadline of each live request that has one (of those
        named, when ``request_ids`` is given: the window asks in slices, and for the
        requests a change named)."""
        with self.db.reading() as session:
            found = clocks.request_clocks(session, request_ids)
        today = self.today()
        pressing = (
            (c.request_id, clocks.most_pressing(d)) for c, d in clocks.deadlines_of(found, today)
        )
        return {rid: d for rid, d in pressing if d is not None}

    def calendar(self, start: date | None = None, end: date | None = None) -> list[CalendarEntry]:
        """Deadlines of all live requests between two days (inclusive), in date order."""
        with self.db.reading() as session:
            found = clocks.request_clocks(session)
        entries = [
            CalendarEntry(c.request_id, c.title, c.authority, d)
            for c, deadlines in clocks.deadlines_of(found, self.today())
            for d in deadlines
            if d.state is not DeadlineState.NOT_APPLICABLE
            and (start is None or d.due >= start)
            and (end is None or d.due <= end)
        ]
        return sorted(entries, key=lambda e: (e.deadline.due, e.title.lower(), e.request_id))

    def deadline_counts(self, start: date, end: date) -> dict[date, DayCount]:
        """How many deadlines fall on each day, and the worst state among them."""
        counts: dict[date, DayCount] = {}
        for entry in self.calendar(start, end):
            day, state = entry.deadline.due, entry.deadline.state
            before = counts.get(day)
            counts[day] = (
                DayCount(1, state)
                if before is None
                else DayCount(before.count + 1, clocks.worse(before.worst, state))
            )
        return counts

    def export_ics(self, path: Path, start: date | None = None, end: date | None = None) -> int:
        """Write the calendar as an .ics file (atomically); returns the number of events."""
        from foidesk.core.deadlines.ics import write_ics  # icalendar: only when exporting

        return write_ics(self.calendar(start, end), path)

    @staticmethod
    def regimes() -> list[tuple[str, str]]:
        return [(regime.id, regime.name) for regime in REGIMES.values()]

    # --- closure days: they move every request's deadlines --------------------------

    def closure_days(self) -> list[ClosureRecord]:
        with self.db.reading() as session:
            rows = session.scalars(select(ClosureDay).order_by(ClosureDay.day))
            return [ClosureRecord(r.day, r.name, r.closed) for r in rows]

    def set_closure(self, day: date, name: str, *, closed: bool = True) -> None:
        """Mark a day closed (a one-off closure) or open (a holiday the office works)."""
        with self.writing(ALL_DEADLINES) as unit:
            found = unit.session.scalars(select(ClosureDay).where(ClosureDay.day == day)).first()
            if found is None:
                unit.session.add(ClosureDay(day=day, name=required(name, "name"), closed=closed))
            else:
                found.name, found.closed = required(name, "name"), closed

    def clear_closure(self, day: date) -> None:
        with self.writing(ALL_DEADLINES) as unit:
            found = unit.session.scalars(select(ClosureDay).where(ClosureDay.day == day)).first()
            if found is not None:
                unit.session.delete(found)
