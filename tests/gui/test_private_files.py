"""What the window writes is as private as the profile: the copies it hands to other
applications, and its own settings file, whatever the umask."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.profile import WINDOW_SETTINGS_FILE as FILE_NAME
from foidesk.core.records import AttachmentRecord
from foidesk.gui.main_window import MainWindow
from foidesk.gui.window_state import WindowState

Settle = Callable[[], None]


@pytest.fixture(params=(0o022, 0o002, 0o000), ids=lambda mask: f"umask{mask:03o}")
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def _attachments(window: MainWindow, settle: Settle) -> list[AttachmentRecord]:
    window.load_example()
    settle()
    detail = window.thread_pane.detail
    assert detail is not None
    return [a for m in detail.messages for a in m.attachments]


def test_copies_opened_in_other_applications_or_dragged_out_are_private(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk, umask: int
) -> None:
    opened: list[QUrl] = []
    window.attachments.system_open = opened.append
    attachments = _attachments(window, settle)
    csv = next(a for a in attachments if a.filename.endswith(".csv"))
    with qtbot.waitSignal(window.attachments.opened_externally):
        window.attachments.open(csv)
    [url] = opened
    dragged = window.attachments.temporary_copy(attachments[0])
    for copy in (Path(url.toLocalFile()), dragged):
        assert mode_of(copy) == 0o600
        assert mode_of(copy.parent) == 0o700  # the attachment's own folder
        assert mode_of(copy.parent.parent) == 0o700  # the window's temporary folder
    assert Path(url.toLocalFile()).read_bytes() == desk.blob_path(csv.sha256).read_bytes()


def test_the_window_settings_file_is_private(tmp_path: Path, umask: int) -> None:
    state = WindowState(tmp_path)
    state.set_value("view/theme", "dark")
    assert mode_of(tmp_path / FILE_NAME) == 0o600
    assert WindowState(tmp_path).value("view/theme", "light") == "dark"


def test_a_settings_file_an_earlier_foidesk_left_readable_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_text("[view]\ntheme=dark\n")
    path.chmod(0o644)
    state = WindowState(tmp_path)
    assert mode_of(path) == 0o600
    assert state.value("view/theme", "light") == "dark"
    state.set_value("view/theme", "light")
    assert mode_of(path) == 0o600
