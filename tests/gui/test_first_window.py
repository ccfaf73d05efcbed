"""The window opens on a real profile and shows a real thread."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.main_window import MainWindow


def test_empty_profile_offers_the_example_then_shows_its_thread(qtbot: QtBot, desk: Desk) -> None:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "foidesk"
    assert window.pages.currentWidget() is window.empty_state

    qtbot.mouseClick(window.load_example_button, Qt.MouseButton.LeftButton)

    assert window.model.rowCount() == 1
    assert window.pages.currentIndex() == 1
    text = window.thread_view.toPlainText()
    assert "Records of outbound calls to claimants" in text
    assert text.index("automated confirmation") < text.index("We hold some of the information")
    assert "Annex E - calls by outcome, March 2024.png" in text
