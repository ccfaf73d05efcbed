"""Start-up paints foidesk's frame first, then swaps in the main window."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.profile import WINDOW_SETTINGS_FILE, Profile
from foidesk.gui import startup_log
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


def test_a_start_notes_when_window_rows_and_thread_became_visible(
    qtbot: QtBot, profile: Profile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Desk.open(profile) as desk:
        desk.load_sample()
    log = tmp_path / "stages"
    monkeypatch.setenv(startup_log.ENV, str(log))
    launcher = Launcher(profile)
    with qtbot.waitSignal(launcher.ready, timeout=30_000) as ready:
        launcher.start()
    window = ready.args[0]
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.thread_pane.shown, timeout=30_000):
        pass
    qtbot.waitUntil(lambda: "thread" in log.read_text(), timeout=30_000)
    lines = [line.split() for line in log.read_text().splitlines()]
    stages = [stage for stage, _ in lines]
    times = [float(at) for _, at in lines]
    assert stages == ["visible", "rows", "thread"]
    assert times == sorted(times)
    window.shut_down()
    window.desk.close()


def _wait_for_stage(log: Path, stage: str, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while stage not in (log.read_text() if log.exists() else ""):
        assert child.poll() is None, "the window ended before showing its thread"
        assert time.monotonic() < deadline, f"no {stage!r} within a minute"
        time.sleep(0.05)  # polling another process's file: there is no signal to wait on


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_closes_the_window_as_quit_does(profile: Profile, tmp_path: Path) -> None:
    """A logout's SIGTERM is a clean end: layout saved, the database stamped sound, so
    the next start does not take it for a crash and check every page again."""
    with Desk.open(profile) as desk:
        desk.load_sample()
    log = tmp_path / "stages"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "FOIDESK_DATA_DIR": str(profile.data_dir),
        startup_log.ENV: str(log),
    }
    child = subprocess.Popen([sys.executable, "-m", "foidesk"], env=env, stderr=subprocess.PIPE)
    try:
        _wait_for_stage(log, "thread", child)
        child.send_signal(signal.SIGTERM)
        _, errors = child.communicate(timeout=120)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, errors.decode()
    assert b"Traceback" not in errors
    assert (profile.data_dir / WINDOW_SETTINGS_FILE).exists()
    with Desk.open(profile) as desk:
        assert desk.db.verified
