"""The request list as a lazy table model: it holds ids and fetches the rows it paints.

Ten thousand requests must scroll smoothly, so the model never loads them all:
``data()`` for a row it has not seen asks its ``RowSource`` for a batch around
that row (on the database worker) and shows a placeholder until the batch
arrives. Rows are cached by id, so re-filtering mostly hits the cache.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QGuiApplication

from foidesk.core.deadlines import Deadline, DeadlineState
from foidesk.core.i18n import N_, _, ngettext
from foidesk.core.records import RequestRow, SortKey
from foidesk.gui import deadline_display
from foidesk.gui.dates import date_text
from foidesk.gui.mime import (
    DROP_MESSAGES_ON_A_REQUEST,
    MESSAGE_IDS_MIME,
    drop_refusal,
    message_ids_from,
    paths_from,
)
from foidesk.gui.resources import icon

Index = QModelIndex | QPersistentModelIndex
REQUEST_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The deadline comes second so it stays in view when the list pane is narrow.
COLUMNS = (N_("Title"), N_("Next deadline"), N_("Status"), N_("Authority"), N_("Last activity"))
SORT_KEYS = (
    SortKey.TITLE,
    SortKey.NEXT_DEADLINE,
    SortKey.STATUS,
    SortKey.AUTHORITY,
    SortKey.LAST_ACTIVITY,
)
TITLE_COLUMN, NEXT_DEADLINE_COLUMN, STATUS_COLUMN, AUTHORITY_COLUMN = 0, 1, 2, 3
#: Rows fetched around one that is painted but not loaded yet.
BATCH = 60
PLACEHOLDER = "…"

RowSource = Callable[[list[int], int], None]


class RequestListModel(QAbstractTableModel):
    """Ids of the requests matching the list's query, with their rows fetched on demand."""

    sort_requested = Signal(object, bool)  # SortKey, descending
    files_dropped = Signal(object, object)  # request id (None: off the rows), list[Path]
    messages_dropped = Signal(int, object)  # request id, list[int]
    drop_refused = Signal(str)  # why what is being dragged cannot be dropped there

    def __init__(self, fetch: RowSource | None = None) -> None:
        super().__init__()
        self._fetch = fetch or (lambda ids, generation: None)
        self._ids: list[int] = []
        self._position: dict[int, int] = {}
        self._rows: dict[int, RequestRow] = {}
        self._asked: set[int] = set()
        self._wanted: set[int] = set()
        self._generation = 0
        self._flush = QTimer(self)
        self._flush.setSingleShot(True)
        self._flush.setInterval(0)
        self._flush.timeout.connect(self._ask_for_wanted)

    # --- feeding ---------------------------------------------------------------------

    def set_fetch(self, fetch: RowSource) -> None:
        self._fetch = fetch

    def set_ids(self, ids: Sequence[int], rows: Mapping[int, RequestRow]) -> None:
        """A new result of the query: the ids in order, with the first rows already loaded.
        The same ids in the same order are no reset: only the rows given are repainted."""
        if list(ids) == self._ids:
            self.update_rows(rows)
            return
        self.beginResetModel()
        self._ids = list(ids)
        self._position = {rid: n for n, rid in enumerate(self._ids)}
        self._rows.update(rows)
        self.endResetModel()

    def update_rows(self, rows: Mapping[int, RequestRow]) -> None:
        """Fresh rows for some requests (a change named them): each repainted in place."""
        self._rows.update(rows)
        last = self.columnCount() - 1
        for rid in rows:
            position = self._position.get(rid)
            if position is not None:
                self.dataChanged.emit(self.index(position, 0), self.index(position, last))

    def forget(self, request_ids: Iterable[int]) -> None:
        """Drop the cached rows of these requests: they are fetched again when painted."""
        for rid in request_ids:
            self._rows.pop(rid, None)
            self._asked.discard(rid)

    def add_rows(self, rows: Mapping[int, RequestRow], generation: int) -> None:
        """Rows the source fetched; those fetched before a ``forget_rows`` are dropped."""
        if generation != self._generation:
            return
        self._rows.update(rows)
        self._asked.difference_update(rows)
        positions = sorted(self._position[rid] for rid in rows if rid in self._position)
        if positions:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(positions[0], 0), self.index(positions[-1], last))

    def set_deadlines(self, deadlines: Mapping[int, Deadline]) -> None:
        """Deadlines computed after the rows: put into the rows held, and rows still on
        their way (fetched without them) are asked for again."""
        self._generation += 1
        self._asked.clear()
        self._rows = {
            rid: replace(row, next_deadline=deadlines.get(rid)) for rid, row in self._rows.items()
        }
        if self._ids:
            last = self.columnCount() - 1
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._ids) - 1, last))

    def forget_rows(self) -> None:
        """Drop every cached row (something changed); visible rows are fetched again."""
        self._generation += 1
        self._rows.clear()
        self._asked.clear()

    @property
    def generation(self) -> int:
        return self._generation

    def request_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, request_id: int) -> int | None:
        return self._position.get(request_id)

    def cached_row(self, request_id: int) -> RequestRow | None:
        return self._rows.get(request_id)

    @property
    def ids(self) -> list[int]:
        return list(self._ids)

    # --- Qt model ----------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        shown = role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS) and shown:
            return _(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        request_id = self._ids[index.row()]
        if role == REQUEST_ID_ROLE:
            return request_id
        row = self._rows.get(request_id)
        if row is None:
            self._want(index.row())
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole else None
        return _cell(row, index.column(), role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new query (SQL does it), so the model only passes the wish on."""
        if 0 <= column < len(SORT_KEYS):
            self.sort_requested.emit(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)

    # --- drops: files import into a request, unfiled messages are filed into it -------

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", MESSAGE_IDS_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        reason = self._refusal(data, self._drop_target(row, parent))
        if reason is not None:
            self.drop_refused.emit(reason)
        return reason is None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        target = self._drop_target(row, parent)
        reason = self._refusal(data, target)
        if reason is not None:
            self.drop_refused.emit(reason)
            return False
        if data.hasFormat(MESSAGE_IDS_MIME):
            assert target is not None
            self.messages_dropped.emit(target, message_ids_from(data))
        else:  # files: into the request they fell on, or filed by the core
            self.files_dropped.emit(target, paths_from(data))
        return True

    @staticmethod
    def _refusal(data: QMimeData, target: int | None) -> str | None:
        reason = drop_refusal(data)
        if reason is None and target is None and data.hasFormat(MESSAGE_IDS_MIME):
            return _(DROP_MESSAGES_ON_A_REQUEST)
        return reason

    def _drop_target(self, row: int, parent: Index) -> int | None:
        """The request a drop fell on; None between rows or below them."""
        if parent.isValid() and 0 <= parent.row() < len(self._ids):
            return self._ids[parent.row()]
        return None

    # --- lazy fetching -------------------------------------------------------------

    def _want(self, row: int) -> None:
        """Ask for a batch around ``row`` unless one already on its way covers it."""
        if self._ids[row] in self._wanted or self._ids[row] in self._asked:
            return
        start = max(0, row - BATCH // 3)
        for rid in self._ids[start : start + BATCH]:
            if rid not in self._rows and rid not in self._asked:
                self._wanted.add(rid)
        if self._wanted and not self._flush.isActive():
            self._flush.start()

    def _ask_for_wanted(self) -> None:
        wanted = [rid for rid in self._wanted if rid in self._position]
        self._wanted.clear()
        if wanted:
            self._asked.update(wanted)
            self._fetch(wanted, self._generation)


def _cell(row: RequestRow, column: int, role: int) -> Any:
    if role == Qt.ItemDataRole.DisplayRole:
        return _display(row, column)
    if role == Qt.ItemDataRole.ToolTipRole:
        return _tooltip(row, column)
    if column == NEXT_DEADLINE_COLUMN and row.next_deadline is not None:
        return _deadline_role(row, role)
    if column == TITLE_COLUMN and row.unconfirmed_replies:
        return _unconfirmed_role(row, role)
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return _display(row, column)
    return None


def _unconfirmed_role(row: RequestRow, role: int) -> Any:
    """A reply waiting to be confirmed: a small mark before the title (the status column
    has no room for one at 1366 px), said in words in the tooltip."""
    if role == Qt.ItemDataRole.DecorationRole:
        return icon("incoming")
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return _tooltip(row, TITLE_COLUMN)
    return None


def _display(row: RequestRow, column: int) -> str:
    if column == TITLE_COLUMN:
        return row.title
    if column == AUTHORITY_COLUMN:
        return row.authority
    if column == STATUS_COLUMN:
        return row.status_label
    if column == NEXT_DEADLINE_COLUMN:
        return "—" if row.next_deadline is None else deadline_display.short_text(row.next_deadline)
    return date_text(row.last_activity_at.astimezone().date())


def _tooltip(row: RequestRow, column: int) -> str:
    if column == NEXT_DEADLINE_COLUMN:
        if row.next_deadline is None:
            return _("No open deadline")
        return deadline_display.long_text(row.next_deadline)
    if column == TITLE_COLUMN:
        lines = [row.title]
        if row.reference:
            lines = [
                _("{title}\nReference {reference}").format(title=row.title, reference=row.reference)
            ]
        if row.unconfirmed_replies:
            lines.append(
                ngettext(
                    "{count} reply to confirm",
                    "{count} replies to confirm",
                    row.unconfirmed_replies,
                ).format(count=row.unconfirmed_replies)
            )
        return "\n".join(lines)
    return _display(row, column)


def _deadline_role(row: RequestRow, role: int) -> Any:
    deadline = row.next_deadline
    assert deadline is not None
    if role == Qt.ItemDataRole.DecorationRole:
        return icon(deadline_display.icon_name(deadline))
    if role == Qt.ItemDataRole.ForegroundRole and deadline_display.is_urgent(deadline):
        return deadline_display.state_colour(deadline, QGuiApplication.palette())
    overdue = deadline.state is DeadlineState.OVERDUE
    if role == Qt.ItemDataRole.FontRole and overdue and deadline_display.is_urgent(deadline):
        font = QFont()
        font.setBold(True)
        return font
    if role == Qt.ItemDataRole.AccessibleTextRole:
        return deadline_display.long_text(deadline)
    return None
