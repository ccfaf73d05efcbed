"""How a deadline looks wherever it is shown: icon, words and emphasis.

State is never carried by colour alone: each state has its own icon shape and
its own words ("3 working days overdue"), and colour only reinforces them.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette

from foidesk.core.deadlines import Deadline, DeadlineState
from foidesk.core.i18n import _, pgettext
from foidesk.core.records import REQUESTER_DEADLINES
from foidesk.gui.dates import day_text, short_day_text

#: Upcoming deadlines this close (in their own unit) are marked "due soon".
DUE_SOON_DAYS = 5


def is_due_soon(deadline: Deadline) -> bool:
    return (
        deadline.state is DeadlineState.UPCOMING
        and deadline.days_left is not None
        and deadline.days_left <= DUE_SOON_DAYS
    )


def is_lapsed_window(deadline: Deadline) -> bool:
    """A window the requester had (to ask for a review, to complain) that has closed.

    The engine calls it overdue; to the requester it is simply over, not an alarm.
    """
    return deadline.kind in REQUESTER_DEADLINES and deadline.state is DeadlineState.OVERDUE


def status_text(deadline: Deadline) -> str:
    if is_lapsed_window(deadline):
        return pgettext("deadline window", "closed")
    return deadline.status_text()


def icon_name(deadline: Deadline) -> str:
    """The shipped icon for a deadline's standing (a distinct shape per state)."""
    if is_lapsed_window(deadline):
        return "state-na"
    if is_due_soon(deadline):
        return "state-due-soon"
    return _STATE_ICONS[deadline.state]


def state_icon_name(state: DeadlineState) -> str:
    return _STATE_ICONS[state]


_STATE_ICONS = {
    DeadlineState.UPCOMING: "state-upcoming",
    DeadlineState.DUE_TODAY: "state-due-today",
    DeadlineState.OVERDUE: "state-overdue",
    DeadlineState.MET: "state-met",
    DeadlineState.NOT_APPLICABLE: "state-na",
}

#: Worst first: the order a calendar day uses to pick the state it shows.
STATE_SEVERITY = {
    DeadlineState.OVERDUE: 4,
    DeadlineState.DUE_TODAY: 3,
    DeadlineState.UPCOMING: 2,
    DeadlineState.MET: 1,
    DeadlineState.NOT_APPLICABLE: 0,
}


def short_text(deadline: Deadline) -> str:
    """For the list column: 'Thu 18 Apr · 6 working days left' (the tooltip has the year)."""
    return f"{short_day_text(deadline.due)} · {status_text(deadline)}"


def long_text(deadline: Deadline) -> str:
    """For a header badge: 'Response due Thu 18 Apr 2024 — 6 working days left'."""
    return _("{deadline} {day} — {status}").format(
        deadline=deadline.label, day=day_text(deadline.due), status=status_text(deadline)
    )


def is_urgent(deadline: Deadline) -> bool:
    if is_lapsed_window(deadline):
        return False
    return deadline.state in (DeadlineState.OVERDUE, DeadlineState.DUE_TODAY) or is_due_soon(
        deadline
    )


def state_colour(deadline: Deadline, palette: QPalette) -> QColor:
    """A colour that reads on the palette's base: stronger red/amber on dark palettes."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if is_lapsed_window(deadline):
        return palette.color(QPalette.ColorRole.Text)
    if deadline.state is DeadlineState.OVERDUE:
        return QColor("#ff8a80" if dark else "#b71c1c")
    if deadline.state is DeadlineState.DUE_TODAY or is_due_soon(deadline):
        return QColor("#ffcc80" if dark else "#8a4b00")
    return palette.color(QPalette.ColorRole.Text)
