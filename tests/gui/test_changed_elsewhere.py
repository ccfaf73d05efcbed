"""Another member changes the request on show: the window's edit is refused, never lost
silently, and the user chooses to reload theirs or to keep their own edit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.profile.location import Profile
from foidesk.core.records import NewMessage, RequestDetail
from foidesk.core.vocabulary import RequestStatus
from foidesk.gui.changed_elsewhere import ChangedElsewhereDialog
from foidesk.gui.main_window import MainWindow
from foidesk.gui.request_dialog import RequestDialog

WAIT_MS = 10_000


@pytest.fixture
def desk(profile: Profile) -> Iterator[Desk]:
    """The window's own desk, as the member Bob."""
    with Desk.open(replace(profile, member="Bob")) as opened:
        yield opened


def _as_ann(profile: Profile, change: Callable[[Desk], object]) -> None:
    with Desk.open(replace(profile, member="Ann")) as ann:
        change(ann)


def _shown(qtbot: QtBot, window: MainWindow, request_id: int) -> RequestDetail:
    window.list_pane.select_request(request_id)
    qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
    detail = window.thread_pane.detail
    assert detail is not None
    return detail


def _choose_status(window: MainWindow, status: str) -> None:
    """What the user does: pick a status in the header's box."""
    box = window.thread_pane.header.status
    index = box.findData(status)
    box.setCurrentIndex(index)
    box.activated.emit(index)


def _dialog(qtbot: QtBot, window: MainWindow) -> ChangedElsewhereDialog:
    qtbot.waitUntil(
        lambda: (
            isinstance(window.editing.dialog, ChangedElsewhereDialog)
            and window.editing.dialog.isVisible()
        ),
        timeout=WAIT_MS,
    )
    dialog = window.editing.dialog
    assert isinstance(dialog, ChangedElsewhereDialog)
    return dialog


def _status_on_show(window: MainWindow) -> str | None:
    detail = window.thread_pane.detail
    return None if detail is None else detail.summary.status


def test_reload_drops_the_edit_and_shows_anns_status(
    qtbot: QtBot, window: MainWindow, profile: Profile, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    shown = _shown(qtbot, window, rid)
    _as_ann(profile, lambda ann: ann.set_status(rid, "rejected"))

    _choose_status(window, "successful")
    dialog = _dialog(qtbot, window)
    assert dialog.text().startswith("Changed by Ann at ")
    assert "Status" in dialog.informativeText()
    assert RequestStatus.SUCCESSFUL.label in dialog.informativeText()
    assert window.undo_stack.count() == 0  # a refused edit leaves no undo step

    dialog.reload_button.click()
    qtbot.waitUntil(lambda: _status_on_show(window) == "rejected", timeout=WAIT_MS)
    assert window.thread_pane.header.status.currentData() == "rejected"
    assert "Ann" in window.thread_pane.header.last_change.text()
    detail = window.thread_pane.detail
    assert detail is not None and detail.version > shown.version
    assert [h.changed_by for h in detail.status_history][-1] == "Ann"
    assert window.desk.get_request(rid).summary.status == "rejected"  # nothing of Bob's


def test_keep_mine_writes_the_edit_on_the_fresh_version(
    qtbot: QtBot, window: MainWindow, profile: Profile, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    _shown(qtbot, window, rid)
    _as_ann(profile, lambda ann: ann.set_status(rid, "rejected"))
    anns = window.desk.get_request(rid)

    _choose_status(window, "successful")
    _dialog(qtbot, window).keep_button.click()
    qtbot.waitUntil(lambda: _status_on_show(window) == "successful", timeout=WAIT_MS)
    kept = window.desk.get_request(rid)
    assert kept.summary.status == "successful"
    assert kept.version > anns.version
    assert kept.changed_by == "Bob"
    assert [(h.status, h.changed_by) for h in kept.status_history][-2:] == [
        ("rejected", "Ann"),
        ("successful", "Bob"),
    ]
    assert window.undo_stack.count() == 1
    window.undo_stack.undo()  # the user's own next write, on the version Keep mine returned
    qtbot.waitUntil(lambda: window.desk.get_request(rid).summary.status == "rejected")


def test_an_edit_refused_names_the_fields_and_keep_mine_writes_them(
    qtbot: QtBot, window: MainWindow, profile: Profile, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    _shown(qtbot, window, rid)
    _as_ann(profile, lambda ann: ann.update_request(rid, notes="Ann's note", body="Ann's text"))

    window.editing.edit_request()
    qtbot.waitUntil(lambda: isinstance(window.editing.dialog, RequestDialog), timeout=WAIT_MS)
    editor = window.editing.dialog
    assert isinstance(editor, RequestDialog)
    editor.title.setText("Bus lane camera fines 2024")
    editor.accept()
    dialog = _dialog(qtbot, window)
    assert "Title" in dialog.informativeText()
    assert "Bus lane camera fines 2024" in dialog.informativeText()
    assert "Request text" not in dialog.informativeText()  # only what the user changed

    dialog.keep_button.click()
    qtbot.waitUntil(
        lambda: window.desk.get_request(rid).summary.title == "Bus lane camera fines 2024",
        timeout=WAIT_MS,
    )
    kept = window.desk.get_request(rid)
    assert kept.notes == "Ann's note"  # Ann's fields stay: only those the user changed
    assert kept.body == "Ann's text"  # are written again, not the whole dialog's
    assert kept.changed_by == "Bob"


def test_undo_and_redo_chain_on_the_users_own_versions(
    qtbot: QtBot, window: MainWindow, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    _shown(qtbot, window, rid)
    _choose_status(window, "successful")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=WAIT_MS)
    _shown(qtbot, window, rid)
    _choose_status(window, "rejected")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 2, timeout=WAIT_MS)
    failures: list[BaseException] = []
    window.ops.failed.connect(lambda _what, exc, _tb: failures.append(exc))

    window.undo_stack.undo()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: window.desk.get_request(rid).summary.status == "waiting_response")
    window.undo_stack.redo()
    qtbot.waitUntil(lambda: window.desk.get_request(rid).summary.status == "successful")
    assert failures == []


def test_an_undo_after_anns_change_is_refused_not_taking_hers_back(
    qtbot: QtBot, window: MainWindow, profile: Profile, new_request: Callable[..., int]
) -> None:
    rid = new_request()
    _shown(qtbot, window, rid)
    _choose_status(window, "successful")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=WAIT_MS)
    _as_ann(profile, lambda ann: ann.set_status(rid, "rejected"))
    refused: list[str] = []
    window.ops.failed.connect(lambda _what, exc, _tb: refused.append(str(exc)))

    window.undo_stack.undo()
    qtbot.waitUntil(lambda: bool(refused), timeout=WAIT_MS)
    assert refused[0].startswith("changed by Ann at")
    assert window.desk.get_request(rid).summary.status == "rejected"


def test_an_undo_after_writes_that_leave_its_change_alone_is_made(
    qtbot: QtBot, window: MainWindow, profile: Profile, new_request: Callable[..., int]
) -> None:
    """A message added and a note written since (by Ann or by the user) move the
    request's version but not its status: the undo takes the user's change back."""
    rid = new_request()
    _shown(qtbot, window, rid)
    _choose_status(window, "successful")
    qtbot.waitUntil(lambda: window.undo_stack.count() == 1, timeout=WAIT_MS)
    _as_ann(profile, lambda ann: ann.update_request(rid, notes="Ann's note"))
    window.desk.add_message(rid, NewMessage("incoming", "reply", subject="Thanks", body_text="ok"))
    failures: list[BaseException] = []
    window.ops.failed.connect(lambda _what, exc, _tb: failures.append(exc))

    window.undo_stack.undo()
    qtbot.waitUntil(
        lambda: window.desk.get_request(rid).summary.status == "waiting_response",
        timeout=WAIT_MS,
    )
    window.undo_stack.redo()
    qtbot.waitUntil(
        lambda: window.desk.get_request(rid).summary.status == "successful", timeout=WAIT_MS
    )
    assert failures == []
    assert window.desk.get_request(rid).notes == "Ann's note"


@pytest.mark.parametrize("width", [1366, 1920])
def test_the_dialog_renders(
    qtbot: QtBot,
    window: MainWindow,
    profile: Profile,
    new_request: Callable[..., int],
    tmp_path: Path,
    width: int,
) -> None:
    window.resize(width, 800 if width == 1366 else 1080)
    rid = new_request()
    _shown(qtbot, window, rid)
    _as_ann(profile, lambda ann: ann.set_status(rid, "rejected"))
    _choose_status(window, "successful")
    dialog = _dialog(qtbot, window)
    QApplication.processEvents()
    shot = tmp_path / f"changed-elsewhere-{width}.png"
    assert window.grab().save(str(shot))
    assert dialog.grab().save(str(tmp_path / f"dialog-{width}.png"))
    assert dialog.width() < width
    dialog.reload_button.click()
