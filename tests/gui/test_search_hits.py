"""A search result opens its request at the message, with the matches marked."""

from __future__ import annotations

from collections.abc import Callable

from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.main_window import MainWindow

Settle = Callable[[], None]


def test_opening_a_hit_marks_matches_and_shows_its_message(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk
) -> None:
    window.load_example()
    settle()
    hits = desk.search("automated confirmation")
    assert hits and hits[0].kind == "message"
    hit = hits[0]
    window.search_panel.set_query("automated confirmation")
    with qtbot.waitSignal(window.thread_pane.shown, timeout=10_000):
        window.list_pane.select_request(None)
    with qtbot.waitSignal(window.thread_pane.shown, timeout=10_000):
        window.open_hit(hit.request_id, hit.message_id, None)
    view = window.thread_pane.view
    assert view.marked_matches >= 2  # "automated" and "confirmation"
    assert "automated confirmation" in view.toPlainText()  # the folded acknowledgement opened
    assert view.verticalScrollBar().value() > 0 or view.verticalScrollBar().maximum() == 0
