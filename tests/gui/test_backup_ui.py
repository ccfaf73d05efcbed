"""Backups in the window: Back up now, Restore, the daily schedule and the settings page.

Every wait is on a signal or a condition (pytest-qt), never a sleep; work that must stay
running until Cancel is pressed blocks on an event the test releases.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from foidesk.core.backup import (
    NotEnoughSpaceError,
    backup_due,
    create_backup,
    list_backups,
    load_settings,
    verify_backup,
    write_backup,
)
from foidesk.core.backup.settings import record_backup, set_keep
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.profile.log import log_path, stop_logging
from foidesk.core.progress import Progress, check_cancelled
from foidesk.core.records import NewRequest
from foidesk.core.sample.thread import TITLE, load_sample
from foidesk.core.storage.inuse import holders
from foidesk.gui import backup_ui
from foidesk.gui.backup_settings import BackupSettingsPage
from foidesk.gui.backup_ui import BackupController
from foidesk.gui.main_window import MainWindow
from foidesk.gui.startup import Launcher
from foidesk.gui.tasks.runner import TaskRunner
from foidesk.gui.text_indexing import TextIndexer

NOW = datetime(2024, 4, 10, 9, 30, tzinfo=UTC)
WAIT_MS = 20_000


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(800, 600)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def runner(desk: Desk, window: QWidget) -> Iterator[TaskRunner]:
    made = TaskRunner(desk, window)
    yield made
    made.stop()  # no job outlives the desk


@pytest.fixture
def controller(desk: Desk, window: QWidget, runner: TaskRunner) -> Iterator[BackupController]:
    load_sample(desk)
    made = BackupController(runner, window, clock=lambda: NOW)
    yield made
    made.wait()


def settled(qtbot: QtBot, controller: BackupController) -> None:
    """Every database job the controller (or its page) queued has been delivered."""
    qtbot.waitUntil(lambda: not controller.runner.database.busy, timeout=WAIT_MS)


def shown_page(qtbot: QtBot, controller: BackupController) -> BackupSettingsPage:
    """The settings page, once it shows what the database holds."""
    page = controller.settings_page()
    qtbot.addWidget(page)
    settled(qtbot, controller)
    return page


def test_back_up_now_saves_a_verified_backup_and_says_where(
    qtbot: QtBot, controller: BackupController, desk: Desk
) -> None:
    assert [a.text() for a in controller.actions] == ["Back up &now…", "&Restore…"]
    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS) as blocker:
        controller.backup_action.trigger()
    info = blocker.args[0]
    assert info.path.parent == desk.profile.backups_dir
    assert verify_backup(info.path).ok
    assert controller.message_box is not None
    assert info.path.name in controller.message_box.text()
    assert controller.backup_action.isEnabled() and not controller.busy


def blocked_until(release: threading.Event) -> backup_ui.Work:
    def work(_desk: Desk, progress: Progress, **_options: object) -> object:
        progress.report(1, 4, "Copying attachments")
        release.wait(WAIT_MS / 1000)
        check_cancelled(progress)
        raise AssertionError("Cancel was not heard")

    return work  # type: ignore[return-value]


def test_progress_shows_after_half_a_second_and_cancel_stops_the_work(
    qtbot: QtBot, controller: BackupController, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(backup_ui, "back_up_and_rotate", blocked_until(release))
    controller.backup_action.trigger()
    dialog = controller.progress_dialog
    assert dialog is not None
    assert dialog.minimumDuration() == 500 and not dialog.isVisible()
    assert not controller.backup_action.isEnabled() and not controller.restore_action.isEnabled()
    qtbot.waitUntil(lambda: dialog.labelText() == "Copying attachments", timeout=WAIT_MS)
    assert dialog.value() == 250
    qtbot.waitUntil(dialog.isVisible, timeout=WAIT_MS)

    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    with qtbot.waitSignal(controller.cancelled, timeout=WAIT_MS):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
        release.set()
    assert controller.progress_dialog is None
    assert controller.backup_action.isEnabled() and not controller.busy


def test_a_user_error_is_one_clear_message(
    qtbot: QtBot, controller: BackupController, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object, **_kwargs: object) -> object:
        raise NotEnoughSpaceError("the disk holding /media/usb is full")

    monkeypatch.setattr(backup_ui, "back_up_and_rotate", full)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as blocker:
        controller.backup_action.trigger()
    assert blocker.args == ["the disk holding /media/usb is full"]
    assert controller.message_box is not None
    assert controller.message_box.text() == "the disk holding /media/usb is full"


def test_a_bug_is_reported_with_its_details(
    qtbot: QtBot, controller: BackupController, monkeypatch: pytest.MonkeyPatch
) -> None:
    def buggy(*_args: object, **_kwargs: object) -> object:
        raise KeyError("unexpected")

    monkeypatch.setattr(backup_ui, "back_up_and_rotate", buggy)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as blocker:
        controller.backup_action.trigger()
    assert "KeyError: 'unexpected'" in blocker.args[0]


def test_the_schedule_backs_up_once_a_day_without_interrupting(
    qtbot: QtBot, controller: BackupController, desk: Desk
) -> None:
    assert backup_due(desk, NOW)
    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS):
        controller.check_schedule()
    assert controller.message_box is None  # automatic backups do not pop up
    controller.check_schedule()
    settled(qtbot, controller)
    assert not controller.busy
    assert len(list_backups(desk.profile.backups_dir)) == 1


def test_the_timer_starts_the_daily_check(qtbot: QtBot, controller: BackupController) -> None:
    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS):
        controller.start_schedule(first_check_ms=0)


def test_on_exit_backs_up_only_when_the_last_is_a_day_old(
    controller: BackupController, desk: Desk
) -> None:
    record_backup(desk, Path("old.foidesk-backup"), NOW - timedelta(days=2))
    controller.on_exit()
    [made] = list_backups(desk.profile.backups_dir)
    assert made.created_at == NOW
    controller.on_exit()
    assert len(list_backups(desk.profile.backups_dir)) == 1


def _answer_restore(monkeypatch: pytest.MonkeyPatch, path: Path, answer: object) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *_a, **_k: answer))


def test_restore_replaces_the_profile_and_keeps_the_previous_one(
    qtbot: QtBot, controller: BackupController, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = create_backup(desk, now=NOW - timedelta(hours=1)).path
    desk.add_request(NewRequest(title="Added later", authority="Home Office", sent_on=None))
    _answer_restore(monkeypatch, backup, QMessageBox.StandardButton.Yes)

    with qtbot.waitSignal(controller.restore_finished, timeout=WAIT_MS) as blocker:
        controller.restore_action.trigger()

    result = blocker.args[0]
    assert [r.title for r in desk.list_requests()] == [TITLE]  # the same desk, restored files
    assert holders(desk.profile.data_dir) == 1  # the window holds the restored profile
    assert result.previous_profile is not None and result.previous_profile.is_dir()
    assert controller.message_box is not None
    assert str(result.previous_profile) in controller.message_box.text()


def test_declining_the_restore_changes_nothing(
    qtbot: QtBot, controller: BackupController, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = create_backup(desk, now=NOW).path
    _answer_restore(monkeypatch, backup, QMessageBox.StandardButton.No)
    controller.restore_action.trigger()
    settled(qtbot, controller)  # the backup folder was asked for, then the user
    assert not controller.busy
    assert not list(desk.profile.data_dir.parent.glob("*.before-restore-*"))


def test_a_refused_restore_keeps_the_profile_working(
    qtbot: QtBot,
    controller: BackupController,
    desk: Desk,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    bad = tmp_path / "bad.foidesk-backup"
    bad.write_bytes(b"PK\x03\x04 but nothing else")
    _answer_restore(monkeypatch, bad, QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(controller.failed, timeout=WAIT_MS) as blocker:
        controller.restore_action.trigger()
    assert "was refused" in blocker.args[0]
    assert [r.title for r in desk.list_requests()] == [TITLE]
    assert holders(desk.profile.data_dir) == 1


def test_settings_page_saves_each_change_and_shows_the_last_backup(
    qtbot: QtBot, controller: BackupController, desk: Desk, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    page = shown_page(qtbot, controller)
    assert page.last_backup.text() == "Never"
    assert not page.default_folder.isEnabled()

    page.keep_daily.setValue(10)
    page.keep_weekly.setValue(8)
    page.automatic.setChecked(False)
    chosen = tmp_path / "usb"
    chosen.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *_a, **_k: str(chosen))
    )
    with qtbot.waitSignal(page.shown, timeout=WAIT_MS):
        page.choose_folder.click()
    settled(qtbot, controller)
    settings = load_settings(desk)
    assert (settings.keep_daily, settings.keep_weekly, settings.automatic) == (10, 8, False)
    assert settings.folder == chosen and page.folder.text() == str(chosen)
    assert page.default_folder.isEnabled()

    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS) as blocker:
        page.back_up_now.click()
    assert blocker.args[0].path.parent == chosen
    settled(qtbot, controller)
    qtbot.waitUntil(lambda: blocker.args[0].path.name in page.last_backup.text())

    page.default_folder.click()
    settled(qtbot, controller)
    assert load_settings(desk).folder_is_default


def test_settings_page_renders_without_clipping(
    qtbot: QtBot, controller: BackupController, desk: Desk
) -> None:
    record_backup(desk, desk.profile.backups_dir / "foidesk-20240410-093000.foidesk-backup", NOW)
    dialog = controller.open_settings()
    page = dialog.findChild(QWidget, "backup-settings")
    assert page is not None
    settled(qtbot, controller)
    dialog.resize(dialog.sizeHint())
    qtbot.waitExposed(dialog)
    for child in page.findChildren(QWidget):
        if child.isVisible():
            assert child.width() >= min(child.minimumSizeHint().width(), child.sizeHint().width())
    dialog.close()


def test_a_restore_waits_for_running_file_work_then_resumes_text_reading(
    qtbot: QtBot, desk: Desk, window: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import still writing when Restore is pressed finishes before anything is replaced."""
    load_sample(desk)
    runner = TaskRunner(desk, window)
    files = runner.files
    indexer = TextIndexer(runner, window)
    controller = BackupController(
        runner, window, clock=lambda: NOW, pause=indexer.stop, resume=indexer.start
    )
    backup = create_backup(desk, now=NOW).path
    order: list[str] = []
    release = threading.Event()

    def import_still_running() -> None:
        release.wait(WAIT_MS / 1000)
        order.append("file work done")

    real_restore = backup_ui.restore_backup

    def restore(*args: Any, **kwargs: Any) -> object:
        order.append("restore")
        return real_restore(*args, **kwargs)

    monkeypatch.setattr(backup_ui, "restore_backup", restore)
    reading: list[bool] = []
    indexer.busy_changed.connect(reading.append)
    _answer_restore(monkeypatch, backup, QMessageBox.StandardButton.Yes)

    files.start(import_still_running)
    controller.restore_action.trigger()
    qtbot.waitUntil(
        lambda: (
            controller.progress_dialog is not None
            and "Waiting for background work" in controller.progress_dialog.labelText()
        ),
        timeout=WAIT_MS,
    )
    assert order == []
    with qtbot.waitSignal(controller.restore_finished, timeout=WAIT_MS):
        release.set()
    assert order == ["file work done", "restore"]
    qtbot.waitUntil(lambda: True in reading, timeout=WAIT_MS)  # text reading started again
    indexer.stop()
    runner.stop()


# --- what rotation removed and kept -----------------------------------------------------


def older_backups(desk: Desk, tmp_path: Path) -> tuple[Path, Path]:
    """Two earlier backups of the day: one of a fuller profile, then one holding what
    ``desk`` holds (the sample). The next backup's rotation keeps the first only."""
    fuller = resolve_profile(tmp_path / "fuller")
    with Desk.open(fuller) as other:
        load_sample(other)
        other.add_request(NewRequest(title="Only here", authority="Home Office", sent_on=None))
    more = write_backup(fuller, desk.profile.backups_dir, now=NOW - timedelta(hours=1)).path
    same = create_backup(desk, now=NOW - timedelta(minutes=30)).path
    return more, same


def local_day(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b}"


def local_time(moment: datetime) -> str:
    local = moment.astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


def test_the_status_bar_says_what_rotation_removed_and_kept(
    qtbot: QtBot, desk: Desk, tmp_path: Path
) -> None:
    load_sample(desk)
    more, same = older_backups(desk, tmp_path)
    main = MainWindow(desk)
    qtbot.addWidget(main)
    main.backups.clock = lambda: NOW
    main.show()

    with qtbot.waitSignal(main.backups.backup_finished, timeout=WAIT_MS):
        main.backups.backup_action.trigger()

    day = local_day(NOW - timedelta(hours=1))
    assert main.statusBar().currentMessage() == (
        f"Backed up 1 request; removed 1 older backup ({day}); "
        f"kept 1 older backup that holds more than a newer one ({day})"
    )
    box = main.backups.message_box
    assert box is not None
    assert box.text().endswith(
        f"checked.\n\n• Removed the backup of {local_time(NOW - timedelta(minutes=30))} "
        "(1 request, 3 messages, 6 stored files)\n"
        f"• Kept the backup of {local_time(NOW - timedelta(hours=1))}: it holds 2 requests, "
        f"the newer backup of {local_time(NOW)} only 1 request"
    )
    assert more.is_file() and not same.exists()
    box.close()
    main.close()


def test_an_automatic_backup_says_what_it_removed(
    qtbot: QtBot, controller: BackupController, desk: Desk
) -> None:
    earlier = create_backup(desk, now=NOW - timedelta(days=3)).path
    record_backup(desk, earlier, NOW - timedelta(days=3))
    set_keep(desk, daily=1, weekly=0)
    with qtbot.waitSignal(controller.status_message, timeout=WAIT_MS) as blocker:
        controller.check_schedule()
    day = local_day(NOW - timedelta(days=3))
    assert blocker.args == [f"Backed up 1 request; removed 1 older backup ({day})"]
    assert controller.message_box is None and not earlier.exists()


def test_settings_page_shows_the_last_rotation(
    qtbot: QtBot, controller: BackupController, desk: Desk, tmp_path: Path
) -> None:
    page = shown_page(qtbot, controller)
    assert page.last_rotation.text() == "Never"
    more, same = older_backups(desk, tmp_path)
    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS):
        controller.back_up_now()
    settled(qtbot, controller)
    when = NOW.astimezone().strftime("%d %B %Y at %H:%M")
    assert page.last_rotation.text().splitlines() == [
        f"{when}:",
        f"• Removed the backup of {local_time(NOW - timedelta(minutes=30))} "
        "(1 request, 3 messages, 6 stored files)",
        f"• Kept the backup of {local_time(NOW - timedelta(hours=1))}: it holds 2 requests, "
        f"the newer backup of {local_time(NOW)} only 1 request",
    ]
    tip = page.last_rotation.toolTip().splitlines()  # the file names, as the log has them
    assert tip[0].startswith(f"removed older backup {same.name} (")
    assert tip[1].startswith(f"kept {more.name}: it holds 2 requests, the newer ")

    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS):
        controller.clock = lambda: NOW + timedelta(days=10)
        controller.back_up_now()
    settled(qtbot, controller)
    later = (NOW + timedelta(days=10)).astimezone().strftime("%d %B %Y at %H:%M")
    assert page.last_rotation.text().startswith(f"{later}:\n• Kept the backup of ")  # still


def test_a_long_rotation_is_counted_not_listed(
    qtbot: QtBot, controller: BackupController, desk: Desk
) -> None:
    set_keep(desk, daily=1, weekly=0)
    for hours in range(6, 0, -1):
        create_backup(desk, now=NOW - timedelta(hours=hours))
    with qtbot.waitSignal(controller.backup_finished, timeout=WAIT_MS):
        controller.back_up_now()
    page = shown_page(qtbot, controller)
    lines = page.last_rotation.text().splitlines()
    assert len(lines) == 6 and lines[-1] == "• …and 2 more, listed in logs/foidesk.log"
    assert len(page.last_rotation.toolTip().splitlines()) == 6


def test_the_window_logs_its_backups_in_its_profile(qtbot: QtBot, profile: Profile) -> None:
    launcher = Launcher(profile)
    with qtbot.waitSignal(launcher.ready, timeout=WAIT_MS) as ready:
        launcher.start()
    main = ready.args[0]
    qtbot.addWidget(main)
    try:
        main.backups.clock = lambda: NOW
        with qtbot.waitSignal(main.backups.backup_finished, timeout=WAIT_MS) as blocker:
            main.backups.back_up_now()
        [line] = log_path(profile).read_text().splitlines()
        assert line.endswith(
            " INFO foidesk.core.backup.schedule: backed up 0 requests, 0 messages, "
            f"0 stored files to {blocker.args[0].path.name}"
        )
    finally:
        stop_logging()
        main.shut_down()
        main.desk.close()
