"""The paths a user takes every day, driven through the real widgets offscreen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.calendar_view import CalendarPane
from foidesk.gui.main_window import CALENDAR_TAB, REQUESTS_TAB, MainWindow
from foidesk.gui.request_dialog import RequestDialog, to_qdate

Settle = Callable[[], None]


def _drop_files(target: QWidget, point: QPoint, paths: list[Path]) -> None:
    """What a real drag does: enter, move over the target, then drop."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    rest = (
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(target, QDragEnterEvent(point, *rest))  # enter/move take QPoint
    QApplication.sendEvent(target, QDragMoveEvent(point, *rest))
    drop = QDropEvent(point.toPointF(), *rest)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def test_create_a_request_through_the_dialog(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk
) -> None:
    window.commands.new_request.trigger()
    settle()
    dialog = window.editing.dialog
    assert isinstance(dialog, RequestDialog)
    qtbot.keyClicks(dialog.title, "Gritting routes winter 2023")
    qtbot.keyClicks(dialog.authority.lineEdit(), "Kent County Council")
    dialog.sent.setDate(to_qdate(date(2024, 3, 1)))
    qtbot.keyClicks(dialog.tags, "roads, winter")
    dialog.body.setPlainText("Please provide the gritting routes.")
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    settle()

    [summary] = desk.list_requests()
    assert summary.title == "Gritting routes winter 2023"
    assert summary.tags == ("roads", "winter")
    assert window.list_pane.selected_request() == summary.id
    qtbot.waitUntil(lambda: window.thread_pane.request_id == summary.id)
    settle()
    assert "Please provide the gritting routes." in window.thread_pane.view.toPlainText()
    assert "Response due" in window.thread_pane.header.deadline_buttons[0].text()


def test_dialog_refuses_a_request_without_a_title(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.commands.new_request.trigger()
    settle()
    dialog = window.editing.dialog
    assert isinstance(dialog, RequestDialog)
    dialog.accept()
    assert dialog.isVisible()
    assert "a title" in dialog.error.text()
    dialog.reject()


def test_dropped_email_is_filed_into_the_request_it_was_dropped_on(
    window: MainWindow,
    settle: Settle,
    desk: Desk,
    new_request: Callable[..., int],
    eml: Callable[..., Path],
) -> None:
    request_id = new_request(title="Bus lane camera fines")
    window.refresh_all()
    settle()
    mail = eml("Your request", "Please find attached the figures you asked for.")
    table = window.list_pane.table
    row = window.model.row_of(request_id)
    assert row is not None
    point = table.visualRect(window.model.index(row, 0)).center()

    _drop_files(table.viewport(), point, [mail])
    settle()

    subjects = [m.subject for m in desk.get_request(request_id).messages]
    assert "Your request" in subjects
    assert window.thread_pane.request_id == request_id
    assert "Please find attached the figures" in window.thread_pane.view.toPlainText()


def test_files_dropped_on_a_message_become_its_attachments(
    window: MainWindow, settle: Settle, desk: Desk, tmp_path: Path
) -> None:
    window.load_example()
    settle()
    view = window.thread_pane.view
    detail = window.thread_pane.detail
    assert detail is not None
    first = detail.messages[0]
    note = tmp_path / "phone note.txt"
    note.write_text("They said next week.")

    _drop_files(view.viewport(), view.message_rect_center(first.id), [note])
    settle()

    names = [a.filename for a in desk.get_message(first.id).attachments]
    assert names == ["phone note.txt"]
    assert "phone note.txt" in view.toPlainText()

    window.commands.undo.trigger()
    settle()
    assert desk.get_message(first.id).attachments == ()
    assert desk.check().ok


def test_changing_the_status_updates_the_deadline(
    qtbot: QtBot, window: MainWindow, settle: Settle, new_request: Callable[..., int]
) -> None:
    request_id = new_request()
    window.refresh_all()
    settle()
    window.open_request(request_id)
    settle()
    header = window.thread_pane.header
    assert "working days left" in header.deadline_buttons[0].text()
    assert "Explanation" not in header.deadline_buttons[0].toolTip()
    assert "Received Fri 22 Mar 2024" in header.deadline_buttons[0].toolTip()

    header.status.setCurrentIndex(header.status.findData("user_withdrawn"))
    header.status.activated.emit(header.status.currentIndex())
    settle()

    assert all("not applicable" in b.text() for b in header.deadline_buttons)
    assert window.model.cached_row(request_id) is not None
    row = window.model.cached_row(request_id)
    assert row is not None and row.status == "user_withdrawn"
    assert window.undo_stack.undoText().startswith("Status")

    window.commands.undo.trigger()
    settle()
    history = [h.status for h in window.desk.get_request(request_id).status_history]
    assert history == ["waiting_response"]  # taken back, not recorded twice
    assert "working days left" in header.deadline_buttons[0].text()


def test_calendar_day_lists_its_deadlines_and_opens_the_request(
    window: MainWindow, settle: Settle, new_request: Callable[..., int]
) -> None:
    request_id = new_request(title="Gritting routes", sent_on=date(2024, 3, 22))
    window.refresh_all()
    settle()
    window.tabs.setCurrentIndex(CALENDAR_TAB)
    settle()
    calendar: CalendarPane = window.calendar
    window.list_pane.select_request(None)
    settle()
    due_day = date(2024, 4, 23)  # 20 working days after 22 March, Easter skipped
    assert calendar.calendar.counts[due_day].count == 1
    assert calendar.calendar.selectedDate() == QDate(2024, 4, 10)  # the desk's today

    calendar.calendar.clicked.emit(QDate(due_day.year, due_day.month, due_day.day))
    settle()
    assert calendar.model.rowCount() == 1
    assert "Tue 23 Apr 2024" in calendar.list_title.text()

    calendar.list.activated.emit(calendar.model.index(0, 2))
    settle()
    assert window.tabs.currentIndex() == REQUESTS_TAB
    assert window.thread_pane.request_id == request_id


def test_undo_brings_a_deleted_request_back(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int]
) -> None:
    request_id = new_request()
    window.refresh_all()
    settle()
    window.open_request(request_id)
    settle()

    window.commands.delete_request.trigger()
    settle()
    assert desk.list_requests() == []
    assert window.model.rowCount() == 0
    assert [r.id for r in desk.trashed_requests()] == [request_id]

    window.commands.undo.trigger()
    settle()
    assert [r.id for r in desk.list_requests()] == [request_id]
    assert window.model.rowCount() == 1

    window.commands.redo.trigger()
    settle()
    assert desk.list_requests() == []


def test_unfiled_message_dragged_onto_a_request_is_filed_and_undo_unfiles_it(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int]
) -> None:
    from foidesk.core.records import NewMessage

    request_id = new_request()
    stray = desk.add_message(
        None,
        NewMessage(direction="incoming", kind="response", subject="Stray reply", body_text="Hello"),
    )
    window.refresh_all()
    settle()
    assert window.unfiled.model.rowCount() == 1
    assert window.unfiled_dock.isVisible()

    data = window.unfiled.model.mimeData([window.unfiled.model.index(0, 0)])
    row = window.model.row_of(request_id)
    assert row is not None
    dropped = window.model.dropMimeData(
        data, Qt.DropAction.MoveAction, -1, -1, window.model.index(row, 0)
    )
    settle()

    assert dropped
    assert desk.get_message(stray.id).request_id == request_id
    assert window.unfiled.model.rowCount() == 0
    window.commands.undo.trigger()
    settle()
    assert desk.get_message(stray.id).request_id is None
    assert window.unfiled.model.rowCount() == 1
