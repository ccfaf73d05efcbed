"""Every item model passes qtmodeltester; the request list loads rows lazily."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from foidesk.core.deadlines import DeadlineKind, DeadlineState, Explanation
from foidesk.core.deadlines.deadline import Deadline
from foidesk.core.deadlines.ics import CalendarEntry
from foidesk.core.records import MessageRecord, RequestRow
from foidesk.gui.deadline_list_model import DeadlineListModel
from foidesk.gui.mime import MESSAGE_IDS_MIME, message_ids_from
from foidesk.gui.request_list_model import BATCH, PLACEHOLDER, RequestListModel
from foidesk.gui.unfiled_tray import UnfiledModel


def _deadline(state: DeadlineState, days_left: int | None) -> Deadline:
    explanation = Explanation("20 working days", "FOIA s.10(1)", date(2024, 3, 22), (), (), ())
    return Deadline(
        DeadlineKind.RESPONSE, date(2024, 4, 23), state, days_left, explanation, "Response due"
    )


def _row(rid: int, deadline: Deadline | None = None) -> RequestRow:
    return RequestRow(
        rid,
        f"Request {rid}",
        "Leeds City Council",
        "waiting_response",
        "uk-foia",
        None,
        (),
        date(2024, 3, 22),
        datetime(2024, 4, 1, tzinfo=UTC),
        deadline,
    )


def test_request_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = RequestListModel()
    ids = list(range(1, 30))
    overdue = _deadline(DeadlineState.OVERDUE, -3)
    model.set_ids(ids, {i: _row(i, overdue if i % 2 else None) for i in ids})
    qtmodeltester.check(model, force_py=True)


def test_unloaded_rows_show_a_placeholder_and_are_fetched_in_one_batch(qtbot: QtBot) -> None:
    asked: list[list[int]] = []
    model = RequestListModel(lambda ids, generation: asked.append(sorted(ids)))
    model.set_ids(list(range(1, 1001)), {})

    assert model.data(model.index(500, 0)) == PLACEHOLDER
    model.data(model.index(501, 0))  # same batch: no second request
    qtbot.waitUntil(lambda: bool(asked))

    assert len(asked) == 1 and len(asked[0]) == BATCH and 501 in asked[0]
    model.add_rows({rid: _row(rid) for rid in asked[0]}, model.generation)
    assert model.data(model.index(500, 0)) == "Request 501"


def test_rows_fetched_before_a_change_are_dropped(qtbot: QtBot) -> None:
    model = RequestListModel()
    model.set_ids([1], {})
    stale = model.generation
    model.forget_rows()
    model.add_rows({1: _row(1)}, stale)
    assert model.cached_row(1) is None


def test_overdue_is_marked_by_icon_and_words_not_colour_alone() -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QIcon

    model = RequestListModel()
    model.set_ids([1], {1: _row(1, _deadline(DeadlineState.OVERDUE, -3))})
    index = model.index(0, 1)
    assert "3 working days overdue" in model.data(index)
    assert isinstance(model.data(index, Qt.ItemDataRole.DecorationRole), QIcon)
    assert model.data(index, Qt.ItemDataRole.FontRole).bold()


def test_deadline_and_unfiled_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    deadlines = DeadlineListModel()
    deadlines.set_entries(
        [CalendarEntry(1, "Bus lane fines", "Leeds", _deadline(DeadlineState.UPCOMING, 4))]
    )
    qtmodeltester.check(deadlines, force_py=True)
    unfiled = UnfiledModel()
    unfiled.set_messages([_message(7), _message(9)])
    qtmodeltester.check(unfiled, force_py=True)
    data = unfiled.mimeData([unfiled.index(0, 0), unfiled.index(1, 0)])
    assert data.hasFormat(MESSAGE_IDS_MIME)
    assert message_ids_from(data) == [7, 9]


def _message(mid: int) -> MessageRecord:
    return MessageRecord(
        mid,
        None,
        "incoming",
        "response",
        None,
        None,
        "foi@leeds.example.org",
        (),
        (),
        f"Reply {mid}",
        "Body",
        None,
        None,
        None,
        (),
        "",
        False,
        (),
    )


def test_deadlines_arriving_after_the_rows_fill_them_and_refetch_rows_in_flight(
    qtbot: QtBot,
) -> None:
    asked: list[list[int]] = []
    model = RequestListModel(lambda ids, generation: asked.append(sorted(ids)))
    model.set_ids([1, 2], {1: _row(1)})
    model.data(model.index(1, 0))  # row 2 is fetched (without its deadline)
    qtbot.waitUntil(lambda: bool(asked))
    in_flight = model.generation

    overdue = _deadline(DeadlineState.OVERDUE, -3)
    model.set_deadlines({1: overdue, 2: overdue})
    model.add_rows({2: _row(2)}, in_flight)  # computed without deadlines: dropped

    row = model.cached_row(1)
    assert row is not None and row.next_deadline == overdue
    assert model.cached_row(2) is None
    model.data(model.index(1, 0))
    qtbot.waitUntil(lambda: len(asked) == 2)  # asked for again
