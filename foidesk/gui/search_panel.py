"""Find anything: a search field with filters over a ranked, highlighted results list.

Self-contained: give it the open ``Desk``; it emits ``open_hit(request_id,
message_id, attachment_id)`` when the user picks a result (``request_id`` is
None for an Unfiled message; the others are None when the hit is the request
itself or a message). Queries run on a one-thread pool, debounced while the
user types; only the newest query's results are ever shown.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QModelIndex, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.changes import Changes
from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import N_, _, ngettext, pgettext
from foidesk.core.phrases import shown
from foidesk.core.search import (
    FILE_TYPES,
    Filters,
    Highlighter,
    OcrStatus,
    SearchHit,
    TextState,
    TextStatus,
    ocr_status,
    parse_query,
    search,
    text_status,
)
from foidesk.core.vocabulary import RequestStatus
from foidesk.gui.dates import number_text
from foidesk.gui.search_results import HIT_ROLE, SearchHitDelegate, SearchResultsModel
from foidesk.gui.tasks.database import DeskWorker

DEBOUNCE_MS = 250
RESULT_LIMIT = 100
HINT = N_('Words, "exact phrases", prefix*, OR, NOT or -word; filters like status:successful')
TYPE_LABELS = {
    "pdf": N_("PDF"),
    "word": N_("Documents"),
    "spreadsheet": N_("Spreadsheets"),
    "presentation": N_("Presentations"),
    "image": N_("Images"),
    "email": N_("Emails"),
    "text": N_("Text files"),
    "html": N_("Web pages"),
}


@dataclass(frozen=True)
class _Found:
    generation: int
    hits: list[SearchHit]
    seconds: float
    error: str


def _run_search(desk: Desk, generation: int, text: str, filters: Filters) -> _Found:
    """On the database thread: a user's mistake in the query is a message, not a failure."""
    started = time.perf_counter()
    try:
        hits = search(desk, text, filters=filters, limit=RESULT_LIMIT)
    except FoideskError as exc:
        return _Found(generation, [], time.perf_counter() - started, str(exc))
    return _Found(generation, hits, time.perf_counter() - started, "")


@dataclass(frozen=True)
class _Choices:
    authorities: list[str]
    status: TextStatus
    scans: OcrStatus


def _choices(desk: Desk) -> _Choices:
    authorities = [a.name for a in desk.list_authorities()]
    return _Choices(authorities, text_status(desk), ocr_status(desk))


class SearchPanel(QWidget):
    open_hit = Signal(object, object, object)  # request_id, message_id, attachment_id
    results_shown = Signal(int)  # how many hits are now listed (also 0 after an error)

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.setAccessibleName(_("Search"))
        self._generation = 0
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.run_search)
        self.field = self._make_field()
        self.model = SearchResultsModel()
        self.results = self._make_results()
        self.status_label = QLabel(_(HINT))
        self.status_label.setWordWrap(True)
        self.text_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(self.field)
        layout.addLayout(self._make_filters())
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.text_label)
        self._choices_stale = True  # read when the panel first shows

    # --- public ---------------------------------------------------------------------

    def focus_search(self) -> None:
        """What Ctrl+F does: put the cursor in the field, with its text selected."""
        self.field.setFocus()
        self.field.selectAll()

    def set_query(self, text: str) -> None:
        self.field.setText(text)
        self.run_search()

    def filters(self) -> Filters:
        """The filter controls as search filters (``To`` includes its own day)."""
        authority = self.authority.currentData()
        status = self.status.currentData()
        file_type = self.file_type.currentData()
        return Filters(
            authorities=(authority,) if authority else (),
            statuses=(status,) if status else (),
            after=_day(self.after) if self.after_check.isChecked() else None,
            before=_day(self.before) + timedelta(days=1) if self.before_check.isChecked() else None,
            has_attachment=self.has_attachment.isChecked(),
            file_types=(file_type,) if file_type else (),
        )

    def highlighter(self) -> Highlighter | None:
        """Marks the current query's words in a thread or preview (None: nothing to mark)."""
        try:
            query = parse_query(self.field.text())
        except FoideskError:
            return None
        return Highlighter(query) if query.terms() else None

    def refresh_choices(self) -> None:
        """Reload the authority list and the attachment-reading summary — now if the
        panel is on screen, else when it next shows (a hidden panel's choices would
        queue database work in front of what the user is waiting for)."""
        if not self.isVisible():
            self._choices_stale = True
            return
        self._choices_stale = False
        self._worker.submit(_choices, self._set_choices, channel="search-choices")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._choices_stale:
            self.refresh_choices()

    def apply(self, changes: Changes) -> None:
        """New authorities, or text read from attachments, change what the panel offers."""
        if changes.everything or changes.authorities or changes.search_index:
            self.refresh_choices()

    def _set_choices(self, choices: _Choices) -> None:
        chosen = self.authority.currentData()
        self.authority.clear()
        self.authority.addItem(_("Any authority"), None)
        for name in choices.authorities:
            self.authority.addItem(name, name)
        self.authority.setCurrentIndex(max(0, self.authority.findData(chosen)))
        self._show_text_status(choices.status, choices.scans)

    def run_search(self) -> None:
        """Search now (Enter, or the typing pause has passed)."""
        self._debounce.stop()
        self._generation += 1
        text = self.field.text()
        if not text.strip():
            self._delegate.forget()
            self.model.set_hits([])
            self.status_label.setText(_(HINT))
            self.results_shown.emit(0)
            return
        generation, filters = self._generation, self.filters()
        self._worker.submit(
            lambda desk: _run_search(desk, generation, text, filters),
            self._show_results,
            channel="search",  # a query not yet started is already out of date
        )

    # --- building -------------------------------------------------------------------

    def _make_field(self) -> QLineEdit:
        field = QLineEdit()
        field.setPlaceholderText(_("Search requests, messages and attachments"))
        field.setClearButtonEnabled(True)
        field.setAccessibleName(_("Search text"))
        field.setToolTip(_(HINT))
        field.textChanged.connect(self._schedule)
        field.returnPressed.connect(self.run_search)
        return field

    def _make_filters(self) -> QVBoxLayout:
        statuses = [(s.label, s.value) for s in RequestStatus]
        self.authority = _combo(_("Authority"), [])
        self.status = _combo(_("Status"), statuses, _("Any status"))
        self.file_type = _combo(_("File type"), list(_type_choices()), _("Any file type"))
        self.has_attachment = QCheckBox(_("Has attachment"))
        self.after_check = QCheckBox(pgettext("search dates", "From"))
        self.after = _date_edit(_("From date"))
        self.before_check = QCheckBox(pgettext("search dates", "To"))
        self.before = _date_edit(_("To date"))
        for box in (self.authority, self.status, self.file_type):
            box.currentIndexChanged.connect(self._schedule)
        for check in (self.has_attachment, self.after_check, self.before_check):
            check.toggled.connect(self._schedule)
        for edit in (self.after, self.before):
            edit.dateChanged.connect(self._schedule)
        kinds = QHBoxLayout()
        kinds.addWidget(self.status, 1)
        kinds.addWidget(self.file_type, 1)
        kinds.addWidget(self.has_attachment)
        dates = QHBoxLayout()
        for widget in (self.after_check, self.after, self.before_check, self.before):
            dates.addWidget(widget)
        dates.addStretch(1)
        rows = QVBoxLayout()
        rows.addWidget(self.authority)
        rows.addLayout(kinds)
        rows.addLayout(dates)
        return rows

    def _make_results(self) -> QListView:
        view = QListView()
        view.setModel(self.model)
        self._delegate = SearchHitDelegate(view)
        view.setItemDelegate(self._delegate)
        view.setAccessibleName(_("Search results"))
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setAlternatingRowColors(True)
        view.activated.connect(self._open)
        view.selectionModel().currentChanged.connect(self._open)
        return view

    # --- reacting -------------------------------------------------------------------

    def _schedule(self, *_: object) -> None:
        self._debounce.start()

    def _show_results(self, result: _Found) -> None:
        if result.generation != self._generation:
            return  # an older query finished after a newer one was asked for
        found, seconds, error = result.hits, result.seconds, result.error
        self._delegate.forget()
        self.model.set_hits(found)
        if error:
            self.status_label.setText(f"<span style='color:#b3261e'>{_html(error)}</span>")
        elif not found:
            self.status_label.setText(_("No matches."))
        else:
            self.status_label.setText(_matches_text(len(found), seconds))
        self.results_shown.emit(len(found))

    def _open(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        hit = index.data(HIT_ROLE) if index.isValid() else None
        if isinstance(hit, SearchHit):
            self.open_hit.emit(hit.request_id, hit.message_id, hit.attachment_id)

    def _show_text_status(self, status: TextStatus, scans: OcrStatus) -> None:
        if not status.counts:
            self.text_label.setText("")
            return
        order = [TextState.DONE, TextState.PENDING, TextState.SCANNED, TextState.FAILED]
        parts = [
            f"{number_text(status.counts[s.value])} {s.label}"
            for s in order
            if s.value in status.counts
        ]
        text = _("Attachments: {states}").format(states=" · ".join(parts))
        self.text_label.setText(f"{text}\n{_scans_text(scans)}" if _scans_text(scans) else text)
        self.text_label.setToolTip(
            "\n".join(f"{p.filename}: {shown(p.reason)}" for p in status.problems[:30])
        )


def _scans_text(scans: OcrStatus) -> str:
    """Scanned pages read and waiting, or why scans are not read, in one line."""
    unread = scans.waiting or scans.uncounted_scans
    if not scans.languages.engine:
        return _("Scans are not read: Tesseract is not installed.") if unread else ""
    if not (scans.pages or scans.uncounted_scans):
        return ""
    line = _("Scanned pages: {recognised} recognised · {waiting} waiting · {failed} failed")
    text = line.format(
        recognised=number_text(scans.recognised),
        waiting=number_text(scans.waiting),
        failed=number_text(scans.failed),
    )
    if scans.uncounted_scans:
        new = ngettext("{count} new scan", "{count} new scans", scans.uncounted_scans)
        text += " · " + new.format(count=number_text(scans.uncounted_scans))
    return text


def _combo(name: str, choices: list[tuple[str, str]], any_label: str | None = None) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName(name)
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(8)  # long authority names must not widen a docked panel
    if any_label is not None:
        box.addItem(any_label, None)
    for label, value in choices:
        box.addItem(label, value)
    return box


def _type_choices() -> list[tuple[str, str]]:
    return [(_(TYPE_LABELS[key]) if key in TYPE_LABELS else key, key) for key in FILE_TYPES]


def _matches_text(count: int, seconds: float) -> str:
    """'12 matches · 4 ms'; 'best 100 matches · 9 ms' when the limit cut the list."""
    ms = f"{seconds * 1000:.0f}"
    if count >= RESULT_LIMIT:
        return _("best {count} matches · {ms} ms").format(count=count, ms=ms)
    return ngettext("{count} match · {ms} ms", "{count} matches · {ms} ms", count).format(
        count=count, ms=ms
    )


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")  # as the query's after: and before: filters write it
    edit.setAccessibleName(name)
    return edit


def _day(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
