"""The proposal bar in the thread pane: confirm, correct, undo, and nothing without a click.

conftest fixes "today" at Wed 10 Apr 2024; the request was sent on 1 March, so its
response is overdue until the reply is confirmed as a response."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from foidesk.core.deadlines import DeadlineKind, DeadlineState
from foidesk.core.desk import Desk
from foidesk.gui.main_window import MainWindow
from foidesk.gui.reply_proposal_bar import ReplyCorrectionDialog
from foidesk.gui.request_list_model import TITLE_COLUMN

Settle = Callable[[], None]
REFUSAL = (
    "Dear Sam,\n\nThe report you asked for is withheld in full under section 43(2) "
    "(commercial interests).\n\nInformation Governance\n"
)


def _reply_on_show(
    window: MainWindow, settle: Settle, new_request: Callable[..., int], eml: Callable[..., Path]
) -> int:
    rid = new_request(sent_on=date(2024, 3, 1))
    window.import_into(rid, [eml("Your request", REFUSAL)])
    settle()
    window.open_request(rid)
    settle()
    return rid


def _title_tooltip(window: MainWindow, rid: int) -> str:
    """The list's title cell for ``rid`` as its tooltip reads (it names waiting replies)."""
    model = window.list_pane.model
    row = model.row_of(rid)
    assert row is not None
    index = model.index(row, TITLE_COLUMN)
    model.data(index, Qt.ItemDataRole.DisplayRole)  # asks for the row if not yet loaded
    return str(model.data(index, Qt.ItemDataRole.ToolTipRole) or "")


def _response_state(desk: Desk, rid: int) -> DeadlineState:
    return {d.kind: d for d in desk.deadlines(rid)}[DeadlineKind.RESPONSE].state


def test_confirming_in_the_bar_sets_the_status_and_undo_takes_it_back(
    qtbot: QtBot,
    window: MainWindow,
    settle: Settle,
    desk: Desk,
    new_request: Callable[..., int],
    eml: Callable[..., Path],
) -> None:
    rid = _reply_on_show(window, settle, new_request, eml)
    bar = window.thread_pane.proposal_bar
    assert bar.isVisible()
    assert bar.sentence.text() == (
        "This looks like a refusal (cites section 43(2)) — status would become Refused."
    )
    assert "cites section 43(2)" in bar.toolTip()
    bar.why_button.click()
    assert bar.why.isVisible() and "section 43(2)" in bar.why.text()
    assert desk.get_request(rid).summary.status == "waiting_response"  # nothing yet
    assert _response_state(desk, rid) is DeadlineState.OVERDUE
    qtbot.waitUntil(lambda: "1 reply to confirm" in _title_tooltip(window, rid), timeout=5000)

    qtbot.mouseClick(bar.confirm_button, Qt.MouseButton.LeftButton)
    settle()
    assert desk.get_request(rid).summary.status == "rejected"
    assert _response_state(desk, rid) is DeadlineState.MET
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)
    assert window.thread_pane.header.status.currentData() == "rejected"
    assert window.undo_stack.undoText() == "Confirm reply as “Response: refusal”"
    qtbot.waitUntil(lambda: "to confirm" not in _title_tooltip(window, rid), timeout=5000)

    window.undo_stack.undo()
    settle()
    assert desk.get_request(rid).summary.status == "waiting_response"
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    window.undo_stack.redo()
    settle()
    assert desk.get_request(rid).summary.status == "rejected"


def test_correcting_chooses_another_kind_and_status(
    qtbot: QtBot,
    window: MainWindow,
    settle: Settle,
    desk: Desk,
    new_request: Callable[..., int],
    eml: Callable[..., Path],
) -> None:
    rid = _reply_on_show(window, settle, new_request, eml)
    bar = window.thread_pane.proposal_bar
    qtbot.mouseClick(bar.correct_button, Qt.MouseButton.LeftButton)
    dialog = window.editing.dialog
    assert isinstance(dialog, ReplyCorrectionDialog)
    assert dialog.values() == ("response_refused", "rejected")
    dialog.kind.setCurrentIndex(dialog.kind.findData("response_partial"))
    assert dialog.values() == ("response_partial", "partially_successful")  # follows the kind
    dialog.done(QDialog.DialogCode.Accepted)
    settle()
    detail = desk.get_request(rid)
    assert detail.summary.status == "partially_successful"
    assert detail.messages[-1].kind == "response"
    assert desk.reply_proposal(detail.messages[-1].id).chosen_kind == "response_partial"
    qtbot.waitUntil(lambda: not bar.isVisible(), timeout=5000)


def test_a_cancelled_correction_changes_nothing(
    qtbot: QtBot,
    window: MainWindow,
    settle: Settle,
    desk: Desk,
    new_request: Callable[..., int],
    eml: Callable[..., Path],
) -> None:
    rid = _reply_on_show(window, settle, new_request, eml)
    bar = window.thread_pane.proposal_bar
    qtbot.mouseClick(bar.correct_button, Qt.MouseButton.LeftButton)
    dialog = window.editing.dialog
    assert isinstance(dialog, ReplyCorrectionDialog)
    dialog.reject()
    settle()
    assert desk.get_request(rid).summary.status == "waiting_response"
    assert bar.isVisible() and not window.undo_stack.canUndo()
