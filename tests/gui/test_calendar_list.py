"""The calendar's "Overdue and upcoming" lists every open deadline the grid marks ahead."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.main_window import CALENDAR_TAB, MainWindow


def test_a_review_window_months_ahead_is_listed_as_upcoming(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    desk.load_sample()  # answered 19 Apr 2024: the review window closes on 18 Jun, 69 days on
    with qtbot.waitSignal(window.calendar.loaded, timeout=20_000):
        window.tabs.setCurrentIndex(CALENDAR_TAB)
    model = window.calendar.model
    with qtbot.waitSignal(window.calendar.loaded, timeout=20_000):
        window.calendar.show_day(None)
    due = {model.entry(row).deadline.due for row in range(model.rowCount())}
    assert date(2024, 6, 18) in due
