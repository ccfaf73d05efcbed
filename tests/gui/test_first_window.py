"""The window opens on a real profile, offers the example, and shows a real thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl
from pytestqt.qtbot import QtBot

from foidesk.gui.main_window import MainWindow

Settle = Callable[[], None]


def test_empty_profile_offers_the_example_then_shows_its_thread(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    assert window.windowTitle() == "foidesk"
    assert window.pages.currentWidget() is window.empty_state

    qtbot.mouseClick(window.load_example_button, Qt.MouseButton.LeftButton)
    settle()

    assert window.model.rowCount() == 1
    assert window.pages.currentIndex() == 1
    text = window.thread_pane.view.toPlainText()
    assert "Records of outbound calls to claimants" in window.thread_pane.header.title.text()
    assert text.index("Automatic reply") < text.index("We hold some of the information")
    assert "Annex E - calls by outcome, March 2024.png" in text
    assert window.count_label.text() == "1 request"


def test_acknowledgement_is_folded_until_opened(window: MainWindow, settle: Settle) -> None:
    window.load_example()
    settle()
    view = window.thread_pane.view
    assert "automated confirmation" not in view.toPlainText()
    detail = window.thread_pane.detail
    assert detail is not None
    ack = next(m for m in detail.messages if m.kind == "acknowledgement")

    view.anchorClicked.emit(QUrl(f"foidesk:toggle/{ack.id}"))

    assert "automated confirmation" in view.toPlainText()
