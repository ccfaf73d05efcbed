"""The request list shows its rows before every request's next deadline is known, then
fills the deadline column; a filter or order that depends on deadlines waits for them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.records import StatusGroup
from foidesk.gui.main_window import MainWindow
from foidesk.gui.request_filters import FilterBar

WAIT_MS = 10_000
Settle = Callable[[], None]


def test_rows_come_first_and_their_deadlines_follow(
    qtbot: QtBot, window: MainWindow, desk: Desk, new_request: Callable[..., int], settle: Settle
) -> None:
    request_id = new_request()
    window.runner.changes.flush()
    settle()  # the change the new request published has been shown
    pane = window.list_pane
    shown: list[str] = []
    pane.loaded.connect(lambda *_: shown.append("rows"))
    pane.deadlines_shown.connect(lambda: shown.append("deadlines"))

    with qtbot.waitSignal(pane.deadlines_shown, timeout=WAIT_MS):
        pane.refresh()

    assert shown == ["rows", "deadlines"]
    row = pane.model.cached_row(request_id)
    assert row is not None and row.next_deadline is not None
    assert row.next_deadline == desk.next_deadlines()[request_id]


def test_a_deadline_filter_waits_for_the_deadlines(
    qtbot: QtBot, window: MainWindow, settle: Settle, new_request: Callable[..., int]
) -> None:
    overdue = new_request(sent_on=date(2024, 1, 8))  # 20 working days ran out in February
    new_request(title="Sent last week", sent_on=date(2024, 4, 3))
    pane = window.list_pane
    pane.refresh()
    settle()
    pane._deadlines = None  # as after a change that moved deadlines
    group = pane.filters.group
    with qtbot.waitSignal(pane.loaded, timeout=WAIT_MS) as blocker:
        group.setCurrentIndex(group.findText(StatusGroup.OVERDUE.label))
    assert blocker.args[0] == 1
    assert pane.model.ids == [overdue]
    row = pane.model.cached_row(overdue)
    assert row is not None and row.next_deadline is not None


def test_the_status_group_filter_gives_a_status_group(qtbot: QtBot) -> None:
    """Qt hands combo data back as a plain string; the query must carry the enum, or the
    deadline part of "Overdue" and "Needs action" would not filter at all."""
    bar = FilterBar()
    qtbot.addWidget(bar)
    assert bar.query().group is StatusGroup.ALL and not bar.is_filtering()
    bar.group.setCurrentIndex(bar.group.findText(StatusGroup.NEEDS_ACTION.label))
    assert bar.query().group is StatusGroup.NEEDS_ACTION and bar.is_filtering()
