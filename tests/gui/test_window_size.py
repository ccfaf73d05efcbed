"""The window never grows by itself, and at 1366 px the list shows what matters."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.main_window import MainWindow

WAIT_MS = 20_000
#: Title, next deadline, status, authority: the columns a list row must show.
ESSENTIAL_COLUMNS = range(4)


def _open(qtbot: QtBot, desk: Desk, width: int) -> MainWindow:
    desk.load_sample()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.resize(width, 760)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.list_pane.model.rowCount() > 0, timeout=WAIT_MS)
    return window


def test_docks_search_hits_and_threads_never_widen_the_window(qtbot: QtBot, desk: Desk) -> None:
    window = _open(qtbot, desk, 1280)
    window.unfiled_dock.show()
    window.focus_search()
    with qtbot.waitSignal(window.search_panel.results_shown, timeout=WAIT_MS) as shown:
        window.search_panel.set_query("caller")
    assert shown.args[0] > 0
    window.search_panel.results.setCurrentIndex(window.search_panel.model.index(0, 0))
    qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)
    # a window asking for more than it has is made wider by Qt when its layout settles
    assert window.minimumSizeHint().width() <= 1280
    assert window.width() == 1280


def test_at_1366_the_list_shows_title_deadline_status_and_authority(
    qtbot: QtBot, desk: Desk
) -> None:
    window = _open(qtbot, desk, 1366)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)
    table = window.list_pane.table
    header = table.horizontalHeader()
    right_edge = max(header.sectionViewportPosition(c) + header.sectionSize(c)
                     for c in ESSENTIAL_COLUMNS)  # fmt: skip
    assert right_edge <= table.viewport().width()
    assert header.sectionSize(0) >= 180  # the title keeps room to be read


def test_at_1920_every_column_shows_and_the_title_takes_the_spare_width(
    qtbot: QtBot, desk: Desk
) -> None:
    window = _open(qtbot, desk, 1920)
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=WAIT_MS)
    table = window.list_pane.table
    header = table.horizontalHeader()
    last = window.list_pane.model.columnCount() - 1
    qtbot.waitUntil(lambda: header.length() == table.viewport().width(), timeout=WAIT_MS)
    assert (
        header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()
    )
    widest_other = max(header.sectionSize(c) for c in range(1, last + 1))
    assert header.sectionSize(0) > widest_other  # the spare width went to the title


def test_a_narrow_list_keeps_the_title_readable_and_scrolls_the_rest(
    qtbot: QtBot, desk: Desk
) -> None:
    window = _open(qtbot, desk, 1366)
    window.splitter.setSizes([400, 900])
    table = window.list_pane.table
    qtbot.waitUntil(lambda: table.viewport().width() < 450, timeout=WAIT_MS)
    assert table.horizontalHeader().sectionSize(0) >= 180
