"""Start-up paints foidesk's frame first, then swaps in the main window."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from foidesk.core.profile import Profile
from foidesk.gui.main_window import MainWindow
from foidesk.gui.startup import Launcher


def test_shell_paints_then_the_main_window_takes_its_place(qtbot: QtBot, profile: Profile) -> None:
    launcher = Launcher(profile)
    with qtbot.waitSignal(launcher.ready, timeout=30_000) as ready:
        launcher.start()
        assert launcher.shell.windowTitle() == "foidesk"
    window = ready.args[0]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    assert window.isVisible() and not launcher.shell.isVisible()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state)
    window.shut_down()
    window.desk.close()
