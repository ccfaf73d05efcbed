"""*Request ▸ Export evidence bundle…*: the real menu action, dialog and long-work lane."""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

from export_fixtures import Thread, thread  # noqa: F401
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from foidesk.gui.export_dialog import ExportDialog
from foidesk.gui.main_window import MainWindow

SHOTS = Path(os.environ.get("FOIDESK_SHOTS", "/tmp/shots-export"))


def _show_request(qtbot: QtBot, window: MainWindow, request_id: int) -> None:
    window.list_pane.select_request(request_id)
    qtbot.waitUntil(lambda: window.current_request() is not None, timeout=10_000)


def _open_dialog(qtbot: QtBot, window: MainWindow, request_id: int) -> ExportDialog:
    _show_request(qtbot, window, request_id)
    action = window.commands.export_bundle
    assert action.isEnabled()
    assert action in window.menus.request.actions()
    action.trigger()
    dialog = window.exports.dialog
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_the_menu_action_writes_the_bundle(
    qtbot: QtBot,
    thread: Thread,  # noqa: F811
    window: MainWindow,
    tmp_path: Path,
) -> None:
    dialog = _open_dialog(qtbot, window, thread.request_id)
    default = Path(dialog.path.text())
    assert default.suffix == ".zip" and default.parent.is_dir()
    assert default.name.startswith(f"request-{thread.request_id} ")
    out = tmp_path / "evidence"
    dialog.path.setText(str(out))
    with qtbot.waitSignal(window.exports.finished, timeout=60_000) as done:
        dialog.accept()
    report = done.args[0]
    assert report.path == tmp_path / "evidence.zip"
    with zipfile.ZipFile(report.path) as bundle:
        assert bundle.testzip() is None
        manifest = json.loads(bundle.read("manifest.json"))
        assert len([n for n in bundle.namelist() if n.startswith("originals/")]) == 2
    assert manifest["redacted"] is False
    qtbot.waitUntil(lambda: window.exports.message_box is not None)
    assert "evidence.zip" in window.exports.message_box.text()


def test_a_redacted_export_from_the_dialog(
    qtbot: QtBot,
    thread: Thread,  # noqa: F811
    window: MainWindow,
    tmp_path: Path,
) -> None:
    dialog = _open_dialog(qtbot, window, thread.request_id)
    dialog.path.setText(str(tmp_path / "shared.zip"))
    dialog.redact.setChecked(True)
    dialog.words.setPlainText("Pensions\n\n  Universal Credit  \n")
    choice = dialog.choice()
    assert choice.redaction is not None
    assert choice.redaction.words == ("Pensions", "Universal Credit")
    with qtbot.waitSignal(window.exports.finished, timeout=60_000) as done:
        dialog.accept()
    assert done.args[0].redacted
    with zipfile.ZipFile(tmp_path / "shared.zip") as bundle:
        assert bundle.namelist() == ["correspondence.pdf", "manifest.json"]


def test_nothing_to_redact_is_said_in_the_dialog(
    qtbot: QtBot,
    thread: Thread,  # noqa: F811
    window: MainWindow,
    tmp_path: Path,
) -> None:
    dialog = _open_dialog(qtbot, window, thread.request_id)
    dialog.path.setText(str(tmp_path / "x.zip"))
    dialog.redact.setChecked(True)
    dialog.own_details.setChecked(False)
    dialog.accept()
    assert dialog.isVisible() and not dialog.error.isHidden()
    assert "Choose what to redact" in dialog.error.text()
    dialog.reject()


def test_cancel_leaves_no_file(
    qtbot: QtBot,
    thread: Thread,  # noqa: F811
    window: MainWindow,
    tmp_path: Path,
) -> None:
    dialog = _open_dialog(qtbot, window, thread.request_id)
    dialog.path.setText(str(tmp_path / "cancelled.zip"))
    with qtbot.waitSignal(window.exports.cancelled, timeout=60_000):
        dialog.accept()
        progress = window.exports.progress_dialog
        assert progress is not None
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()  # before the PDF is done: the core hears it before the first file
    assert list(tmp_path.glob("*cancelled*")) == []
    assert window.exports.progress_dialog is None and not window.exports.busy


def test_screenshot_of_the_dialog_at_1366(
    qtbot: QtBot,
    thread: Thread,  # noqa: F811
    window: MainWindow,
) -> None:
    window.resize(1366, 768)
    dialog = _open_dialog(qtbot, window, thread.request_id)
    dialog.redact.setChecked(True)
    QApplication.processEvents()  # paint once before grabbing: a picture, not a wait
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SHOTS / "export-dialog-1366.png"))
    assert window.grab().save(str(SHOTS / "window-1366.png"))
    menu = window.menus.request
    menu.adjustSize()
    assert menu.grab().save(str(SHOTS / "request-menu.png"))  # drawn without popping up
    hint = dialog.sizeHint()
    assert dialog.width() >= hint.width() and dialog.height() >= hint.height()
    assert dialog.width() < 1366
    dialog.reject()
