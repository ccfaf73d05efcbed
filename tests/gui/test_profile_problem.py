"""A profile whose database cannot be trusted opens to its explanation and the way back,
never to an empty request list."""

from __future__ import annotations

import os

import pytest
from damage import empty, overwrite_page, remove
from pytestqt.qtbot import QtBot

from foidesk.core.profile import Profile
from foidesk.gui.main_window import MainWindow
from foidesk.gui.profile_problem import ProfileProblemDialog
from foidesk.gui.startup import Launcher

SHOTS = os.environ.get("FOIDESK_SHOTS")  # a folder: save what the tests show, to look at


def _problem(qtbot: QtBot, launcher: Launcher) -> ProfileProblemDialog:
    launcher.start()
    qtbot.waitUntil(lambda: launcher.problem is not None and launcher.problem.isVisible())
    assert launcher.problem is not None
    return launcher.problem


def test_a_missing_database_shows_the_explanation_and_restores_the_newest_backup(
    qtbot: QtBot, populated: Profile
) -> None:
    remove(populated)
    launcher = Launcher(populated)
    dialog = _problem(qtbot, launcher)
    assert launcher.window is None
    text = dialog.explanation.text()
    assert "missing" in text and "Nothing was changed" in text
    assert "40 requests" in text and "foidesk backup restore" in text
    assert dialog.restore_newest is not None
    if SHOTS:
        for width in (1366, 1920):
            launcher.shell.resize(width, int(width * 0.56))
            dialog.grab().save(f"{SHOTS}/profile-problem-{width}.png")
            launcher.shell.grab().save(f"{SHOTS}/profile-problem-shell-{width}.png")
    with qtbot.waitSignal(launcher.ready, timeout=60_000) as ready:
        dialog.restore_newest.click()
    window = ready.args[0]
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() == 40, timeout=10_000)
    assert list(populated.data_dir.parent.glob("profile.before-restore-*"))
    window.shut_down()
    window.desk.close()


def test_quitting_leaves_the_profile_as_it_was(qtbot: QtBot, populated: Profile) -> None:
    empty(populated)
    before = sorted(p.name for p in populated.data_dir.iterdir())
    launcher = Launcher(populated)
    dialog = _problem(qtbot, launcher)
    assert "empty" in dialog.explanation.text()
    with qtbot.waitSignal(launcher.failed):
        dialog.reject()
    assert not launcher.shell.isVisible()
    assert sorted(p.name for p in populated.data_dir.iterdir()) == before
    assert (populated.data_dir / "foidesk.sqlite3").stat().st_size == 0


def test_a_damaged_page_found_after_opening_is_shown_and_keeps_writes_out(
    qtbot: QtBot, populated: Profile
) -> None:
    overwrite_page(populated, table="message")
    launcher = Launcher(populated)
    with qtbot.waitSignal(launcher.ready, timeout=30_000) as ready:
        launcher.start()
    window = ready.args[0]
    qtbot.addWidget(window)
    banner = window.profile_banner
    qtbot.waitUntil(banner.isVisible, timeout=20_000)
    assert "damaged" in banner.text.text()
    assert window.desk.db.damage is not None
    if SHOTS:
        for width in (1366, 1920):
            window.resize(width, int(width * 0.56))
            window.grab().save(f"{SHOTS}/damaged-banner-{width}.png")
    window.shut_down()
    window.desk.close()


def _recovering_shell() -> None:
    from foidesk.core.salvage.copy import find_shell
    from foidesk.core.salvage.errors import NoRecoveryShellError

    try:
        find_shell()
    except NoRecoveryShellError as exc:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must provide a sqlite3 shell that can recover: {exc}")
        pytest.skip(f"no sqlite3 shell that can recover here: {exc}")


def test_a_damaged_database_is_salvaged_from_the_explanation(
    qtbot: QtBot, populated: Profile
) -> None:
    _recovering_shell()
    overwrite_page(populated)
    with (populated.data_dir / "foidesk.sqlite3").open("r+b") as handle:
        handle.truncate(handle.seek(0, 2) // 2)  # and cut short: refused when opened
    launcher = Launcher(populated)
    dialog = _problem(qtbot, launcher)
    assert "damaged" in dialog.explanation.text()
    assert dialog.salvage_button is not None
    with qtbot.waitSignal(launcher.ready, timeout=60_000) as ready:
        dialog.salvage_button.click()
    window = ready.args[0]
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.model.rowCount() > 0, timeout=10_000)
    assert list(populated.data_dir.glob("foidesk.sqlite3.damaged-*"))
    window.shut_down()
    window.desk.close()
