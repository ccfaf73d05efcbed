"""The request header's Next steps panel, its Write… button, and the list agreeing with it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.next_steps import StepKind
from foidesk.core.records import NewMessage, NewRequest, StatusGroup
from foidesk.gui.compose_window import ComposeWindow
from foidesk.gui.main_window import MainWindow
from foidesk.gui.next_steps_panel import NextStepsPanel

# the window's desk judges deadlines on 10 Apr 2024 (tests/conftest.py)


def _add(desk: Desk, title: str, sent: date | None, status: str = "waiting_response") -> int:
    desk.add_authority(f"{title} Council", email=f"foi@{title.lower()}.example.org")
    return desk.add_request(
        NewRequest(
            title=title,
            authority=f"{title} Council",
            sent_on=sent,
            status=status,
            body="Please provide the figures.",
        )
    ).id


def _answered(desk: Desk, request_id: int, on: date, status: str) -> None:
    moment = datetime(on.year, on.month, on.day, 12, tzinfo=UTC)
    desk.add_message(
        request_id, NewMessage(direction="incoming", kind="response", received_at=moment)
    )
    desk.set_status(request_id, status)


def _open(qtbot: QtBot, window: MainWindow, request_id: int) -> NextStepsPanel:
    window.open_request(request_id)
    qtbot.waitUntil(
        lambda: (
            window.thread_pane.detail is not None
            and window.thread_pane.detail.id == request_id
            and not window.worker.busy
        ),
        timeout=10_000,
    )
    return window.thread_pane.header.next_steps


def test_the_panel_shows_each_step_with_its_date_reason_and_a_write_button(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    late = _add(desk, "Late", date(2024, 3, 1))
    panel = _open(qtbot, window, late)
    assert panel.isVisible()
    assert [s.kind for s in panel.steps] == [
        StepKind.FOLLOW_UP,
        StepKind.COMPLAINT,
        StepKind.WITHDRAW,
    ]
    (chase_label, chase_button), (complaint_label, complaint_button), (withdraw, none) = panel.rows
    assert withdraw.text() == "Withdraw the request"
    assert (
        chase_label.text()
        == "Chase the overdue reply — the answer was due 03 Apr 2024 — needs action"
    )
    assert chase_label.font().bold() and not complaint_label.font().bold()
    assert chase_label.toolTip() == panel.steps[0].why and "FOIA s.10(1)" in chase_label.toolTip()
    assert "Information Commissioner's Office (ICO)" in complaint_label.text()
    assert chase_button is not None and complaint_button is not None and none is None
    assert chase_button.text() == "Write…"
    response = desk.deadlines(late)[0]
    assert panel.steps[0].by == response.due  # the date the header's deadline shows
    assert response.label in window.thread_pane.header.deadline_buttons[0].text()


def test_write_opens_the_letter_to_the_authority_in_a_compose_window(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    late = _add(desk, "Late", date(2024, 3, 1))
    panel = _open(qtbot, window, late)
    chase_button = panel.rows[0][1]
    assert chase_button is not None
    chase_button.click()
    qtbot.waitUntil(lambda: bool(window.findChildren(ComposeWindow)), timeout=10_000)
    compose = window.findChildren(ComposeWindow)[0]
    qtbot.addWidget(compose)
    assert compose.kind.currentData() == "follow_up"
    assert compose.subject.text() == "Overdue: Late"
    assert "> Please provide the figures." in compose.body.toPlainText()
    assert compose.detail.id == late


def test_a_complaint_is_saved_as_a_draft_to_the_regulator_through_the_database_thread(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    late = _add(desk, "Late", date(2024, 3, 1))
    panel = _open(qtbot, window, late)
    chosen = tmp_path / "complaint"  # the dialog's name without its suffix: .eml is added
    asked: list[str] = []

    def save_dialog(parent: object, title: str, name: str, filters: str) -> tuple[str, str]:
        asked.append(name)
        return str(chosen), filters

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    complaint_button = panel.rows[1][1]
    assert complaint_button is not None
    with qtbot.waitSignal(window.statusBar().messageChanged, timeout=10_000):
        complaint_button.click()
    assert asked == ["late-complaint.eml"]
    draft = tmp_path / "complaint.eml"
    with draft.open("rb") as stream:
        message = BytesParser(policy=policy.default).parse(stream)
    assert message["X-Unsent"] == "1"
    assert message["To"] != "foi@late.example.org"  # the ICO takes complaints by web form
    assert "Information Commissioner" in message.get_content()
    assert "> Please provide the figures." in message.get_content()
    assert "complaint.eml" in window.statusBar().currentMessage()
    assert not window.findChildren(ComposeWindow)


def test_a_request_with_nothing_to_do_shows_no_panel(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    done = _add(desk, "Done", date(2024, 3, 1))
    _answered(desk, done, date(2024, 3, 20), "successful")
    panel = _open(qtbot, window, done)
    assert panel.steps == () and not panel.isVisible()


def test_the_needs_action_filter_shows_exactly_the_requests_whose_panel_has_a_step_due(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    ids = {
        "late": _add(desk, "Late", date(2024, 3, 1)),  # answer overdue: a chase is due
        "waiting": _add(desk, "Waiting", date(2024, 4, 2)),  # answer not due yet
        "draft": _add(desk, "Draft", None, status="draft"),  # still to send
        "asked": _add(desk, "Asked", date(2024, 4, 1), status="waiting_clarification"),
        "recent": _add(desk, "Recent", date(2024, 3, 1)),  # refused: 40 days to ask
        "closing": _add(desk, "Closing", date(2023, 12, 1)),  # refused: window closing
        "done": _add(desk, "Done", date(2024, 3, 1)),
    }
    _answered(desk, ids["recent"], date(2024, 4, 8), "rejected")
    _answered(desk, ids["closing"], date(2024, 2, 12), "rejected")
    _answered(desk, ids["done"], date(2024, 3, 20), "successful")
    due = {rid for rid in ids.values() if any(s.due for s in _open(qtbot, window, rid).steps)}
    assert due == {ids["late"], ids["draft"], ids["asked"], ids["closing"]}
    bar = window.list_pane.filters
    with qtbot.waitSignal(window.list_pane.loaded, timeout=10_000):
        bar.group.setCurrentIndex(bar.group.findData(StatusGroup.NEEDS_ACTION))
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    assert set(window.list_pane.model.ids) == due
