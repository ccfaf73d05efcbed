"""The deadline calendar: a month grid marking busy days, and the deadlines beside it.

Each marked day shows how many deadlines fall on it and the worst state among
them as an icon (a shape, not only a colour). Clicking a day lists its
deadlines; activating a deadline opens its request. Export writes an ``.ics``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.changes import Changes
from foidesk.core.deadlines import CalendarEntry, DeadlineState
from foidesk.core.desk import Desk
from foidesk.core.i18n import _, ngettext
from foidesk.core.records import DayCount
from foidesk.gui import deadline_display
from foidesk.gui.dates import day_text, month_text
from foidesk.gui.deadline_list_model import DeadlineListModel
from foidesk.gui.request_dialog import from_qdate
from foidesk.gui.resources import icon
from foidesk.gui.tasks.database import DeskWorker

#: The list beside the grid shows overdue deadlines from this far back, and every upcoming
#: one (a review window often closes months ahead: the grid shows it, so must the list).
LOOK_BACK = timedelta(days=120)
#: Starting widths of the list's columns: the first holds a day and its standing
#: ("Mo., 11. März 2024 · 19 Arbeitstage überfällig" in German).
COLUMN_WIDTHS = (320, 215, 215)


class DeadlineCalendar(QCalendarWidget):
    """A month grid that paints each day's deadline count and worst state."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deadline-calendar")
        self.setAccessibleName(_("Deadline calendar"))
        self.setGridVisible(True)
        self.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.counts: dict[date, DayCount] = {}

    def set_counts(self, counts: Mapping[date, DayCount]) -> None:
        self.counts = dict(counts)
        self.updateCells()

    def paintCell(self, painter: QPainter, rect: QRect, day: QDate) -> None:
        super().paintCell(painter, rect, day)
        found = self.counts.get(from_qdate(day))
        if found is None:
            return
        painter.save()
        size = max(12, min(rect.height() // 3, 18))
        badge = QRect(rect.left() + 3, rect.bottom() - size - 2, size, size)
        icon(deadline_display.state_icon_name(found.worst)).paint(painter, badge)
        painter.setPen(self._count_colour(found.worst))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        text_rect = QRect(badge.right() + 2, badge.top(), rect.width() - size - 6, size)
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, str(found.count))
        painter.restore()

    def _count_colour(self, state: DeadlineState) -> QColor:
        dark = self.palette().color(QPalette.ColorRole.Base).lightness() < 128
        if state is DeadlineState.OVERDUE:
            return QColor("#ff8a80" if dark else "#b71c1c")
        return self.palette().color(QPalette.ColorRole.Text)


@dataclass(frozen=True)
class _Month:
    first: date
    counts: dict[date, DayCount]


class CalendarPane(QWidget):
    """Calendar tab: month grid, deadline list, and export."""

    open_request = Signal(int)
    export_requested = Signal()
    loaded = Signal()

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._day: date | None = None
        self._on_today = False
        self._today: date | None = None
        self._stale = False
        self.calendar = DeadlineCalendar()
        self.model = DeadlineListModel()
        self.list = QTableView()
        self.list.setObjectName("deadline-list")
        self.list.setAccessibleName(_("Deadlines"))
        self.list.setModel(self.model)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.list.verticalHeader().hide()
        self.list.setWordWrap(False)
        self.list.setIconSize(QSize(16, 16))
        header = self.list.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):  # never narrower than its title
            self.list.setColumnWidth(column, max(width, header.sectionSizeHint(column)))
        self.list_title = QLabel()
        self.list_title.setObjectName("calendar-list-title")
        font = self.list_title.font()
        font.setBold(True)
        self.list_title.setFont(font)
        self.show_all = QPushButton(_("Upcoming and overdue"))
        self.show_all.setToolTip(_("Leave the chosen day and list every open deadline"))
        self.export = QPushButton(icon("export"), _("Export .ics…"))
        self.export.setAccessibleName(_("Export deadlines to a calendar file"))
        self._build()
        self.calendar.clicked.connect(lambda d: self.show_day(from_qdate(d)))
        self.calendar.currentPageChanged.connect(lambda _y, _m: self._load_month())
        self.list.activated.connect(lambda index: self._open(index.row()))
        self.list.doubleClicked.connect(lambda index: self._open(index.row()))
        self.show_all.clicked.connect(lambda: self.show_day(None))
        self.export.clicked.connect(self.export_requested.emit)

    def _build(self) -> None:
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.calendar, 1)
        legend = QLabel(
            _(
                "Marked days show how many deadlines fall on them; the icon is the most "
                "pressing: a red triangle when overdue, an amber circle when due that day."
            )
        )
        legend.setWordWrap(True)
        left_layout.addWidget(legend)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        top = QHBoxLayout()
        top.addWidget(self.list_title, 1)
        top.addWidget(self.show_all)
        top.addWidget(self.export)
        right_layout.addLayout(top)
        right_layout.addWidget(self.list, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("calendar-splitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setSizes([430, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

    def apply(self, changes: Changes) -> None:
        """Reload the month and the list beside it where ``changes`` moved a day they
        show; while the calendar is not on screen, only note that it is out of date."""
        if not changes.calendar:
            return
        if not self._shows_a_day_of(changes):
            return
        if not self.isVisible():
            self._stale = True
            return
        self.refresh()

    def _shows_a_day_of(self, changes: Changes) -> bool:
        """Whether the grid's days (with the edges of the months around), or the list's —
        the chosen day, or every day from the list's look back on — include a day whose
        deadlines moved."""
        if changes.deadline_days is None or changes.everything:
            return True
        first = date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        shown = {first - timedelta(days=7) + timedelta(days=n) for n in range(52)}
        if self._day is not None:
            return bool(changes.deadline_days & (shown | {self._day}))
        since = (self._today or date.today()) - LOOK_BACK
        return any(day in shown or day >= since for day in changes.deadline_days)

    def show_if_stale(self) -> None:
        """On coming into view: refresh if a change came while it was hidden (or never
        shown yet)."""
        if self._stale or not self._on_today:
            self._stale = False
            self.refresh()

    def refresh(self) -> None:
        if not self._on_today:
            self._worker.submit(lambda desk: desk.today(), self._start_at)
            return
        self._load_month()
        self.show_day(self._day)

    def _start_at(self, today: date) -> None:
        """The grid opens on the desk's today (which tests and benchmarks fix)."""
        self._on_today = True
        self._today = today
        self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))
        self.calendar.setCurrentPage(today.year, today.month)
        self.refresh()

    def _load_month(self) -> None:
        first = date(self.calendar.yearShown(), self.calendar.monthShown(), 1)
        start, end = first - timedelta(days=7), first + timedelta(days=44)
        self._worker.submit(
            lambda desk: _Month(first, desk.deadline_counts(start, end)),
            lambda month: self.calendar.set_counts(month.counts),
            channel="calendar-month",
            background=True,  # every request's deadlines: never ahead of a thread
        )

    def show_day(self, day: date | None) -> None:
        """List one day's deadlines, or (None) the overdue and upcoming ones."""
        self._day = day

        def load(desk: Desk) -> tuple[date | None, list[CalendarEntry]]:
            if day is not None:
                return day, desk.calendar(day, day)
            today = desk.today()
            entries = desk.calendar(today - LOOK_BACK)
            return None, [e for e in entries if _still_open(e)]

        self._worker.submit(load, self._show_entries, channel="calendar-list", background=True)

    def _show_entries(self, result: tuple[date | None, list[CalendarEntry]]) -> None:
        day, entries = result
        self.model.set_entries(entries)
        count = len(entries)
        if day is None:
            self.list_title.setText(_("Overdue and upcoming ({count})").format(count=count))
        else:
            self.list_title.setText(
                ngettext("{day}: {count} deadline", "{day}: {count} deadlines", count).format(
                    day=day_text(day), count=count
                )
            )
        self.show_all.setEnabled(day is not None)
        self.loaded.emit()

    def _open(self, row: int) -> None:
        self.open_request.emit(self.model.entry(row).request_id)

    def month_title(self) -> str:
        return month_text(date(self.calendar.yearShown(), self.calendar.monthShown(), 1))

    def go_to(self, day: date) -> None:
        self.calendar.setSelectedDate(QDate(day.year, day.month, day.day))


_OPEN = frozenset({DeadlineState.OVERDUE, DeadlineState.DUE_TODAY, DeadlineState.UPCOMING})


def _still_open(entry: CalendarEntry) -> bool:
    """Open deadlines, less the requester's windows that have already closed."""
    deadline = entry.deadline
    return deadline.state in _OPEN and not deadline_display.is_lapsed_window(deadline)


def ask_ics_path(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent, _("Export deadlines"), "foi-deadlines.ics", _("Calendar files") + " (*.ics)"
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".ics" else path.with_suffix(".ics")
