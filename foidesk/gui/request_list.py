"""The request list pane: filter bar over a lazy table, fed by the database worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from foidesk.core.desk import Desk
from foidesk.core.list_queries import (
    FilterChoices,
    ListQuery,
    NextDeadlines,
    RequestRow,
    SortKey,
    filter_choices,
    live_count,
    request_ids,
    request_rows,
)
from foidesk.gui.request_filters import FilterBar
from foidesk.gui.request_list_model import SORT_KEYS, RequestListModel
from foidesk.gui.worker import DeskWorker

#: Rows loaded together with a new query result, so the first screen paints at once.
FIRST_ROWS = 80
#: Starting widths (the user's own are remembered): the title gets the most room.
COLUMN_WIDTHS = (230, 245, 135, 160, 95)


@dataclass(frozen=True)
class _ListResult:
    query: ListQuery
    deadlines: NextDeadlines | None  # None: not computed yet (they follow)
    ids: list[int]
    rows: dict[int, RequestRow]
    total: int


class RequestListPane(QWidget):
    """Shows the requests matching the filters; tells the window which one is selected."""

    request_selected = Signal(object)  # int | None
    loaded = Signal(int, int)  # shown, total live requests
    deadlines_shown = Signal()  # the next-deadline column is filled

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._deadlines: NextDeadlines | None = None
        self._selected: int | None = None
        self.total = 0
        self.filters = FilterBar()
        self.model = RequestListModel(self._fetch_rows)
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 0, 0)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)
        self.filters.changed.connect(self._query)
        self.model.sort_requested.connect(self.filters.set_sort)

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("request-table")
        table.setModel(self.model)
        table.setAccessibleName("Requests")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        table.setDropIndicatorShown(True)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setMinimumSectionSize(60)
        default_sort = SORT_KEYS.index(SortKey.LAST_ACTIVITY)
        header.setSortIndicator(default_sort, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            table.setColumnWidth(column, width)
        table.selectionModel().selectionChanged.connect(self._on_selection)
        return table

    # --- loading ---------------------------------------------------------------------

    def refresh(self, *, deadlines_changed: bool = True) -> None:
        """Reload after a change: rows are fetched again, deadlines if they may have moved."""
        if deadlines_changed:
            self._deadlines = None
        self.model.forget_rows()
        self._query(self.filters.query())
        self._worker.submit(filter_choices, self._set_choices, channel="list-choices")

    def _set_choices(self, choices: FilterChoices) -> None:
        self.filters.set_choices(choices, dict(Desk.regimes()))

    def _query(self, query: ListQuery) -> None:
        """Computing every request's next deadline is the slow part of a query (about a
        second at 10,000 requests). Unless the filter or the order needs them, the rows
        are shown first and the deadlines follow."""
        cached = self._deadlines
        later = cached is None and not query.needs_deadlines

        def run(desk: Desk) -> _ListResult:
            deadlines = cached if cached is not None or later else desk.next_deadlines()
            known = deadlines or {}
            ids = request_ids(desk, query, known)
            first = request_rows(desk, ids[:FIRST_ROWS], known)
            return _ListResult(query, deadlines, ids, first, live_count(desk))

        self._worker.submit(run, self._show, channel="request-list")
        if later:
            self._worker.submit(
                lambda desk: desk.next_deadlines(), self._show_deadlines, channel="list-deadlines"
            )

    def _show(self, result: _ListResult) -> None:
        if result.deadlines is not None:
            self._deadlines = result.deadlines
        self.total = result.total
        self.model.set_ids(result.ids, result.rows)
        self._restore_selection()
        self.loaded.emit(len(result.ids), result.total)
        if result.deadlines is not None:
            self.deadlines_shown.emit()

    def _show_deadlines(self, deadlines: NextDeadlines) -> None:
        self._deadlines = deadlines
        self.model.set_deadlines(deadlines)
        self.deadlines_shown.emit()

    def _fetch_rows(self, ids: list[int], generation: int) -> None:
        deadlines = self._deadlines or {}
        self._worker.submit(
            lambda desk: request_rows(desk, ids, deadlines),
            lambda rows: self.model.add_rows(rows, generation),
        )

    # --- selection ---------------------------------------------------------------------

    def select_request(self, request_id: int | None) -> None:
        """Select a request by id; one hidden by the filters makes them clear first."""
        if request_id is None:
            changed = self._selected is not None
            self._selected = None
            self.table.selectionModel().clearSelection()
            if changed:
                self.request_selected.emit(None)
            return
        hidden = self.model.row_of(request_id) is None
        if self._selected != request_id:
            self._selected = request_id
            self.request_selected.emit(request_id)
        if hidden and self.filters.is_filtering():
            self.clear_filters()  # the new query result reselects it
        else:
            self._restore_selection()

    def clear_filters(self) -> None:
        self.filters.text.clear()
        for combo in (self.filters.group, self.filters.authority, self.filters.tag):
            combo.setCurrentIndex(0)
        self.filters.regime.setCurrentIndex(0)

    def selected_request(self) -> int | None:
        return self._selected

    def _restore_selection(self) -> None:
        """After a reload, select the shown request again (if the filters still show it)."""
        row = None if self._selected is None else self.model.row_of(self._selected)
        if row is None:
            return
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        self.table.scrollTo(index)

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return  # a cleared selection keeps the thread on screen, like a mail client
        chosen = self.model.request_id(indexes[0].row())
        if chosen != self._selected:
            self._selected = chosen
            self.request_selected.emit(chosen)

    def select_first(self) -> None:
        if self.model.rowCount():
            self.select_request(self.model.request_id(0))

    def connect_drops(
        self,
        on_files: Callable[[int, list[Path]], None],
        on_messages: Callable[[int, list[int]], None],
    ) -> None:
        self.model.files_dropped.connect(on_files)
        self.model.messages_dropped.connect(on_messages)
