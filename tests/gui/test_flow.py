"""How work and changes flow through the window: no database work on its own thread,
and each change repaints what it names and nothing else."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import Engine, event

from foidesk.core.desk import Desk
from foidesk.core.records import NewMessage
from foidesk.gui import undoable
from foidesk.gui.main_window import MainWindow
from foidesk.gui.thread_pane import ThreadPane

Settle = Callable[[], None]
WAIT_MS = 10_000


@contextmanager
def sql_on_the_gui_thread() -> Iterator[list[str]]:
    """Every SQL statement run on the main (GUI) thread while the block runs."""
    seen: list[str] = []

    def watch(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.current_thread() is threading.main_thread():
            seen.append(statement.split("\n")[0][:80])

    event.listen(Engine, "before_cursor_execute", watch)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", watch)


def test_the_window_does_its_database_work_off_its_own_thread(
    qtbot: QtBot, desk: Desk, new_request: Callable[..., int], eml: Callable[..., Path]
) -> None:
    request_id = new_request()
    reply = eml("Re: Bus lane camera fines", "Here are the figures.")
    with sql_on_the_gui_thread() as seen:
        window = MainWindow(desk)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=WAIT_MS)
        window.list_pane.select_request(request_id)
        qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
        undoable.set_status(window.ops, window.thread_pane.detail, "successful", "Done")  # type: ignore[arg-type]
        window.import_into(request_id, [reply])
        qtbot.waitUntil(lambda: len(window.thread_pane.detail.messages) == 2, timeout=WAIT_MS)  # type: ignore[union-attr]
        window.tabs.setCurrentIndex(1)
        window.focus_search()
        window.search_panel.set_query("figures")
        qtbot.waitUntil(lambda: window.search_panel.model.rowCount() > 0, timeout=WAIT_MS)
        window.show_preferences()
        qtbot.waitUntil(lambda: not window.runner.busy, timeout=WAIT_MS)
        window.shut_down()
    assert seen == []
    window.close()


# --- what a change repaints --------------------------------------------------------


@dataclass
class Repaints:
    """What the views did: model resets, rows repainted, thread loads, calendar loads."""

    resets: int = 0
    rows: list[int] = field(default_factory=list)
    threads: int = 0
    months: int = 0

    def clear(self) -> None:
        self.resets, self.rows, self.threads, self.months = 0, [], 0, 0


@pytest.fixture
def repaints(window: MainWindow, settle: Settle, monkeypatch: pytest.MonkeyPatch) -> Repaints:
    settle()
    counts = Repaints()
    model = window.model
    model.modelReset.connect(lambda: setattr(counts, "resets", counts.resets + 1))
    model.dataChanged.connect(
        lambda top, bottom, _roles: counts.rows.extend(range(top.row(), bottom.row() + 1))
    )
    real_reload = ThreadPane.reload

    def reload(pane: ThreadPane) -> None:
        counts.threads += 1
        real_reload(pane)

    monkeypatch.setattr(ThreadPane, "reload", reload)
    calendar = window.calendar
    real_month = calendar._load_month

    def load_month() -> None:
        counts.months += 1
        real_month()

    monkeypatch.setattr(calendar, "_load_month", load_month)
    return counts


def _requests(new_request: Callable[..., int], count: int) -> list[int]:
    return [new_request(title=f"Request {n}", sent_on=date(2024, 3, 1 + n)) for n in range(count)]


def _shown(qtbot: QtBot, window: MainWindow, settle: Settle, request_id: int) -> None:
    window.runner.changes.flush()
    settle()
    window.list_pane.select_request(request_id)
    qtbot.waitUntil(
        lambda: (
            window.thread_pane.detail is not None and window.thread_pane.detail.id == request_id
        ),
        timeout=WAIT_MS,
    )
    settle()


def test_a_status_change_repaints_one_row_one_header_and_no_list(
    qtbot: QtBot,
    window: MainWindow,
    settle: Settle,
    new_request: Callable[..., int],
    repaints: Repaints,
) -> None:
    ids = _requests(new_request, 5)
    _shown(qtbot, window, settle, ids[2])
    repaints.clear()
    undoable.set_status(window.ops, window.thread_pane.detail, "successful", "Successful")  # type: ignore[arg-type]
    settle()
    window.runner.changes.flush()
    settle()
    assert repaints.resets == 0
    assert set(repaints.rows) == {window.model.row_of(ids[2])}
    assert repaints.threads == 0  # the operation handed the pane the fresh request
    assert window.thread_pane.header.status.currentData() == "successful"
    assert repaints.months == 0  # the calendar is not on screen: only marked out of date


def test_a_change_to_another_request_leaves_the_shown_thread_alone(
    qtbot: QtBot,
    window: MainWindow,
    desk: Desk,
    settle: Settle,
    new_request: Callable[..., int],
    repaints: Repaints,
) -> None:
    ids = _requests(new_request, 3)
    _shown(qtbot, window, settle, ids[0])
    repaints.clear()
    desk.add_message(  # as a background fetch would: the desk publishes, the window listens
        ids[1],
        NewMessage(
            direction="incoming",
            kind="acknowledgement",
            subject="Received",
            sent_at=datetime(2024, 3, 5, tzinfo=UTC),
        ),
    )
    window.runner.changes.flush()
    settle()
    assert repaints.threads == 0
    assert window.model.row_of(ids[0]) is not None


def test_a_reply_to_the_shown_request_reloads_its_thread_once(
    qtbot: QtBot,
    window: MainWindow,
    desk: Desk,
    settle: Settle,
    new_request: Callable[..., int],
    repaints: Repaints,
) -> None:
    [request_id] = _requests(new_request, 1)
    _shown(qtbot, window, settle, request_id)
    repaints.clear()
    for n in range(3):  # three changes in one turn of the event loop: one repaint
        desk.add_message(
            request_id,
            NewMessage(direction="incoming", kind="follow_up", subject=f"Note {n}"),
        )
    window.runner.changes.flush()
    settle()
    assert repaints.threads == 1
    assert len(window.thread_pane.detail.messages) == 4  # type: ignore[union-attr]


def test_the_calendar_reloads_only_for_days_it_shows(
    qtbot: QtBot,
    window: MainWindow,
    desk: Desk,
    settle: Settle,
    new_request: Callable[..., int],
    repaints: Repaints,
) -> None:
    [request_id] = _requests(new_request, 1)
    window.tabs.setCurrentIndex(1)
    window.runner.changes.flush()
    settle()
    repaints.clear()
    desk.set_setting("appearance.note", "x")  # a change with no deadline in it
    window.runner.changes.flush()
    settle()
    assert repaints.months == 0
    desk.add_message(  # the answer: its deadline met, a review window opened, on the grid
        request_id,
        NewMessage(
            direction="incoming",
            kind="response",
            subject="Our answer",
            sent_at=datetime(2024, 4, 2, tzinfo=UTC),
        ),
    )
    window.runner.changes.flush()
    settle()
    assert repaints.months == 1


def test_the_foreground_goes_before_queued_background_work(qtbot: QtBot, desk: Desk) -> None:
    """A list-wide slice already running finishes; the ones queued wait for the thread."""
    from foidesk.gui.tasks.database import DeskWorker

    worker = DeskWorker(desk)
    started, release = threading.Event(), threading.Event()
    order: list[str] = []

    def first_slice(_desk: Desk) -> None:
        started.set()
        release.wait(5)

    try:
        worker.submit(first_slice, lambda _r: order.append("slice 1"), background=True)
        assert started.wait(5)
        worker.submit(lambda d: None, lambda _r: order.append("slice 2"), background=True)
        worker.submit(lambda d: None, lambda _r: order.append("thread"))
        release.set()
        qtbot.waitUntil(lambda: not worker.busy, timeout=WAIT_MS)
    finally:
        worker.stop()
    assert order == ["slice 1", "thread", "slice 2"]


def test_work_on_another_thread_reaches_the_database_through_the_worker(
    qtbot: QtBot, desk: Desk
) -> None:
    from foidesk.gui.tasks.database import DeskWorker

    worker = DeskWorker(desk)
    where: list[bool] = []
    try:
        result: list[int] = []
        helper = threading.Thread(
            target=lambda: result.append(
                worker.call(
                    lambda d: where.append(worker.on_database_thread) or len(d.list_requests())
                )
            )
        )
        helper.start()
        qtbot.waitUntil(lambda: bool(result), timeout=WAIT_MS)
        helper.join()
    finally:
        worker.stop()
    assert result == [0] and where == [True]
    with pytest.raises(RuntimeError, match="stopped"):
        worker.call(lambda d: None)


def test_nothing_starts_text_reading_once_the_window_has_closed(qtbot: QtBot, desk: Desk) -> None:
    """The start-up timer or a backup's resume may fire after close: they must find the
    reading shut, not a stopped database thread."""
    main = MainWindow(desk)
    qtbot.addWidget(main)
    main.close()
    main.text_indexer.start()
    assert not main.text_indexer.running


def test_the_list_and_thread_load_while_a_slow_page_check_runs(
    qtbot: QtBot, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a crash the page check reads the whole file (minutes on a large archive):
    the first screen must not wait for it, and the check's outcome still arrives."""
    desk.load_sample()
    desk.db.verified = False  # as after a session that did not end cleanly
    release = threading.Event()
    checked_on: list[threading.Thread] = []
    real_check = desk.db.quick_check

    def slow_check() -> list[str]:
        checked_on.append(threading.current_thread())
        assert release.wait(WAIT_MS / 1000)
        return real_check()

    monkeypatch.setattr(desk.db, "quick_check", slow_check)
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    try:
        qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=WAIT_MS)
        assert not desk.db.verified  # the check is still running
    finally:
        release.set()
    qtbot.waitUntil(lambda: desk.db.verified, timeout=WAIT_MS)
    assert checked_on and checked_on[0] is not threading.main_thread()
    window.shut_down()
