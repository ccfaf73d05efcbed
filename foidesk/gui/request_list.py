"""The request list pane: filter bar over a lazy table, fed by the database worker."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.changes import Changes
from foidesk.core.deadlines import Deadline
from foidesk.core.desk import Desk
from foidesk.core.i18n import _
from foidesk.core.records import (
    FilterChoices,
    ListQuery,
    NextDeadlines,
    RequestRow,
    SortKey,
)
from foidesk.gui.column_fill import ColumnFill
from foidesk.gui.request_filters import FilterBar
from foidesk.gui.request_list_model import SORT_KEYS, RequestListModel
from foidesk.gui.tasks.database import DeskWorker

#: Rows loaded together with a new query result, so the first screen paints at once.
FIRST_ROWS = 80
#: Requests whose next deadlines one background job works out (~0.1 s at a time).
DEADLINE_SLICE = 1000
#: Starting widths (the user's own are remembered): the title gets the most room.
COLUMN_WIDTHS = (190, 245, 140, 150, 95)
#: Title, next deadline, status and authority: a first window shows them all.
ESSENTIAL_COLUMNS = 4


@dataclass(frozen=True)
class _Update:
    deadlines: dict[int, Deadline] | None
    rows: dict[int, RequestRow]


def _without(deadlines: NextDeadlines, ids: frozenset[int]) -> dict[int, Deadline]:
    return {rid: d for rid, d in deadlines.items() if rid not in ids}


def _slice(desk: Desk, *, part: list[int], still_wanted: Callable[[], bool]) -> dict[int, Deadline]:
    """One slice of every next deadline; nothing when a newer round has begun."""
    if not part or not still_wanted():
        return {}
    return desk.next_deadlines(part)


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
        self._deadline_round = 0
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
        table.setAccessibleName(_("Requests"))
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
        header.setMinimumSectionSize(60)
        default_sort = SORT_KEYS.index(SortKey.LAST_ACTIVITY)
        header.setSortIndicator(default_sort, Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        table.setSortingEnabled(True)
        for column, width in enumerate(COLUMN_WIDTHS):  # never narrower than its title
            table.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self._title_fill = ColumnFill(table, 0, table.columnWidth(0))
        table.selectionModel().selectionChanged.connect(self._on_selection)
        return table

    def columns_restored(self) -> None:
        """Widths saved by an earlier run may leave spare width: the title takes it."""
        self.table.horizontalHeader().setStretchLastSection(False)
        self._title_fill.fill()

    def essential_width(self, columns_shown: int = ESSENTIAL_COLUMNS) -> int:
        """The width that shows the first ``columns_shown`` columns whole (the essential
        ones unless told), with the table's frame and its vertical scroll bar; the title
        at its starting width, since it takes whatever is spare."""
        table = self.table
        others = sum(table.columnWidth(c) for c in range(1, columns_shown))
        columns = self._title_fill.least + others
        scroll_bar = table.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return columns + scroll_bar + 2 * table.frameWidth()

    # --- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Everything again: rows, every next deadline, the filters' choices."""
        self._deadlines = None
        self.model.forget_rows()
        self._query(self.filters.query())
        self._load_choices()

    def apply(self, changes: Changes) -> None:
        """Repaint what ``changes`` names: the rows of the requests it changed, their next
        deadlines; ask again which ids to show only when the set or order may differ."""
        if changes.everything or changes.all_deadlines:
            self.refresh()
            return
        if changes.authorities or changes.listing:
            self._load_choices()
        query = self.filters.query()
        moved = changes.deadlines
        again = (
            changes.listing
            or (changes.requests and self.filters.is_filtering())
            or (moved and query.needs_deadlines)
        )
        touched = changes.requests | moved
        if not (again or touched):
            return
        known = self._deadlines

        def run(desk: Desk) -> _Update:
            fresh = desk.next_deadlines(sorted(moved)) if moved else {}
            merged = None if known is None else {**_without(known, moved), **fresh}
            shown = merged or {}
            rows = {} if again else desk.list_rows(sorted(touched), shown)
            return _Update(merged, rows)

        def done(update: _Update) -> None:
            if update.deadlines is not None:
                self._deadlines = update.deadlines
            if again:
                self.model.forget(touched)
                self._query(query)
            else:
                self.model.update_rows(update.rows)

        self._worker.submit(run, done)

    def _load_choices(self) -> None:
        self._worker.submit(
            lambda desk: desk.filter_choices(), self._set_choices, channel="list-choices"
        )

    def _set_choices(self, choices: FilterChoices) -> None:
        self.filters.set_choices(choices, dict(Desk.regimes()))

    def _query(self, query: ListQuery) -> None:
        """Every request's next deadline is the slow part of a query (about a second at
        10,000 requests). Unless the filter or the order needs them, the rows are shown
        first and the deadlines follow, worked out in the background a slice at a time —
        so the thread of the selected request never waits behind them."""
        cached = self._deadlines
        if cached is None and query.needs_deadlines:
            self._load_deadlines(lambda found: self._query(query))
            return

        def run(desk: Desk) -> _ListResult:
            known = cached or {}
            ids = desk.list_ids(query, known)
            first = desk.list_rows(ids[:FIRST_ROWS], known)
            return _ListResult(query, cached, ids, first, desk.live_count())

        self._worker.submit(run, self._show, channel="request-list")
        if cached is None:
            self._load_deadlines(self._show_deadlines)

    def _load_deadlines(self, then: Callable[[NextDeadlines], None]) -> None:
        """Every next deadline, in background slices; ``then`` gets them all. A newer
        call makes an older one's slices stale (they do nothing, and ``then`` never comes)."""
        self._deadline_round += 1
        current = self._deadline_round
        found: dict[int, Deadline] = {}

        def slice_done(part: dict[int, Deadline], last: bool) -> None:
            if current != self._deadline_round:
                return
            found.update(part)
            if last:
                self._deadlines = dict(found)
                then(self._deadlines)

        def still_wanted() -> bool:
            return current == self._deadline_round

        def start(ids: list[int]) -> None:
            if current != self._deadline_round:
                return
            slices = [ids[n : n + DEADLINE_SLICE] for n in range(0, len(ids), DEADLINE_SLICE)]
            for number, part in enumerate(slices or [[]]):
                last = number == max(len(slices) - 1, 0)
                self._worker.submit(
                    functools.partial(_slice, part=part, still_wanted=still_wanted),
                    functools.partial(slice_done, last=last),
                    background=True,
                )

        self._worker.submit(lambda desk: desk.live_ids(), start, background=True)

    def _show(self, result: _ListResult) -> None:
        self.total = result.total
        self.model.set_ids(result.ids, result.rows)
        self._restore_selection()
        self.loaded.emit(len(result.ids), result.total)
        if result.deadlines is not None:
            self.deadlines_shown.emit()

    def _show_deadlines(self, deadlines: NextDeadlines) -> None:
        self.model.set_deadlines(deadlines)
        self.deadlines_shown.emit()

    def _fetch_rows(self, ids: list[int], generation: int) -> None:
        deadlines = self._deadlines or {}
        self._worker.submit(
            lambda desk: desk.list_rows(ids, deadlines),
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
        on_files: Callable[[int | None, list[Path]], None],
        on_messages: Callable[[int, list[int]], None],
        on_refused: Callable[[str], None],
    ) -> None:
        self.model.files_dropped.connect(on_files)
        self.model.messages_dropped.connect(on_messages)
        self.model.drop_refused.connect(on_refused)
