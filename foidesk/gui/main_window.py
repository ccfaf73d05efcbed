"""The main window: request list and thread side by side, a calendar tab, the unfiled tray.

The window owns the long-lived machinery (database worker, file pool, undo
stack) and wires the panes to it. Panes never reach into each other: they
emit signals, and every data change comes back as an ``Operations.changed``
that each pane answers by reloading only what it shows.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.changes import EVERYTHING, Changes
from foidesk.core.desk import Desk
from foidesk.core.errors import DatabaseDamagedError
from foidesk.core.i18n import _, ngettext
from foidesk.core.records import MessageRecord, RequestDetail
from foidesk.gui import letter_drafts
from foidesk.gui import undoable as edits
from foidesk.gui.about_dialog import AboutDialog
from foidesk.gui.actions import WindowActions, WindowMenus, build_menus, make_actions
from foidesk.gui.attachments import AttachmentActions
from foidesk.gui.backup_ui import BackupController
from foidesk.gui.calendar_view import CalendarPane, ask_ics_path
from foidesk.gui.editor import EditingController
from foidesk.gui.empty_state import EmptyState
from foidesk.gui.errors_ui import report_failure, show_user_error
from foidesk.gui.export_dialog import ExportController
from foidesk.gui.importing import ImportController
from foidesk.gui.language import SETTING as LANGUAGE
from foidesk.gui.language import saved_choice
from foidesk.gui.live_updates import LiveUpdates
from foidesk.gui.mail_fetching import MailController
from foidesk.gui.main_splitter import MainSplitter
from foidesk.gui.mime import DROP_MESSAGES_ON_A_REQUEST, drop_refusal, paths_from
from foidesk.gui.operations import Operations
from foidesk.gui.outbox_ui import SendingController
from foidesk.gui.palette import Theme, apply_theme
from foidesk.gui.preferences_dialog import PreferencesDialog
from foidesk.gui.profile_banner import ProfileBanner
from foidesk.gui.request_list import RequestListPane
from foidesk.gui.request_list_model import RequestListModel
from foidesk.gui.resources import icon
from foidesk.gui.search_panel import SearchPanel
from foidesk.gui.tasks.runner import TaskRunner
from foidesk.gui.text_indexing import TextIndexer
from foidesk.gui.thread_pane import ThreadPane
from foidesk.gui.unfiled_tray import UnfiledTray
from foidesk.gui.window_state import WindowState

if TYPE_CHECKING:
    from foidesk.core.letters import Letter
    from foidesk.gui.compose_window import ComposeWindow

REQUESTS_TAB, CALENDAR_TAB = 0, 1
#: Let the window settle before reading attachment text left over from earlier runs.
INDEXING_DELAY_MS = 3000
#: The Unfiled tray: its width when mail first lands in it, and the narrowest it gets.
UNFILED_WIDTH = 280
UNFILED_MIN_WIDTH = 180
#: The least and the most of the window's width a first run gives the request list.
LIST_SHARE = (0.40, 0.56)
#: What a first run gives the list's title beyond its starting width, where it fits.
TITLE_ROOM = 120
#: The request list and the thread never get narrower than this.
PANE_MIN_WIDTHS = (260, 360)
#: How long the status bar says why a drop was refused.
DROP_REASON_MS = 6000


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.setWindowTitle("foidesk")
        self.setWindowIcon(icon("foidesk"))
        self.setObjectName("main-window")
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._shut = False
        self.runner = TaskRunner(desk, self)
        self.worker = self.runner.database
        self.files = self.runner.files
        self.undo_stack = QUndoStack(self)
        self.ops = Operations(self.runner, self.undo_stack, self)
        self.attachments = AttachmentActions(desk, self.files, self, self.worker)
        self.importer = ImportController(self.worker, self)
        self.list_pane = RequestListPane(self.worker)
        self.thread_pane = ThreadPane(self.worker)
        # Explicit minimums, below what the panes' contents ask for: with the docks open
        # they are squeezed, but the window never grows past the screen by itself.
        self.list_pane.setMinimumWidth(PANE_MIN_WIDTHS[0])
        self.thread_pane.setMinimumWidth(PANE_MIN_WIDTHS[1])
        self.calendar = CalendarPane(self.worker)
        self.unfiled = UnfiledTray(self.worker)
        self.empty_state = EmptyState()
        self.editing = EditingController(
            self.ops,
            lambda: self.thread_pane.detail,
            self.list_pane.select_request,
            self,
            reload=self.thread_pane.reload,
        )
        self._build_central()
        self.unfiled_dock = self._build_unfiled_dock()
        self.search_panel = SearchPanel(self.worker)
        self.text_indexer = TextIndexer(self.runner, self)
        self._hit_message: int | None = None
        self.search_dock = self._build_search_dock()
        self.commands: WindowActions = make_actions(self, self.undo_stack)
        self.menus: WindowMenus = build_menus(self, self.commands)
        self.menus.view.addAction(self.unfiled_dock.toggleViewAction())
        self.menus.view.addAction(self.search_dock.toggleViewAction())
        self.sending = SendingController(self.runner, self)
        self.backup_anchor = self.commands.trash
        self.mail = MailController(self.runner, self.menus.mail, self)
        self.menus.mail.addSeparator()
        self.outbox_action = self.menus.mail.addAction(icon("outgoing"), _("&Outbox…"))
        self.outbox_action.setStatusTip(_("Letters waiting to be sent, or that failed"))
        self.backups = BackupController(
            self.runner, self, pause=self._hold_background, resume=self._resume_background
        )
        self.menus.file.insertActions(self.backup_anchor, self.backups.actions)
        self.exports = ExportController(self.runner, self, self.current_request)
        self._build_status_bar()
        self._connect()
        self.state = WindowState(desk.profile.data_dir)
        self._restore_state()
        self.live = LiveUpdates(desk, self.statusBar(), self)  # before the first reading
        self.refresh_all()

    # --- building ----------------------------------------------------------------------

    @property
    def model(self) -> RequestListModel:
        return self.list_pane.model

    def _build_central(self) -> None:
        self.splitter = MainSplitter()
        self.splitter.addWidget(self.list_pane)
        self.splitter.addWidget(self.thread_pane)
        self.splitter.setStretchFactor(1, 1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.empty_state)
        self.pages.addWidget(self.splitter)
        self.pages.setCurrentWidget(self.splitter)  # "No requests yet" only once it is so
        self.tabs = QTabWidget()
        self.tabs.setObjectName("main-tabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.pages, icon("list"), _("Requests"))
        self.tabs.addTab(self.calendar, icon("calendar"), _("Calendar"))
        self.profile_banner = ProfileBanner()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.profile_banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

    def _build_unfiled_dock(self) -> QDockWidget:
        dock = QDockWidget(_("Unfiled"), self)
        dock.setObjectName("unfiled-dock")
        dock.setWidget(self.unfiled)
        self.unfiled.setMinimumWidth(UNFILED_MIN_WIDTH)
        dock.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea
            | Qt.DockWidgetArea.RightDockWidgetArea
            | Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
        return dock

    def _build_search_dock(self) -> QDockWidget:
        dock = QDockWidget(_("Search"), self)
        dock.setObjectName("search-dock")
        dock.setWidget(self.search_panel)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()
        return dock

    def _build_status_bar(self) -> None:
        self.count_label = QLabel()
        self.count_label.setAccessibleName(_("Request count"))
        self.busy_label = QLabel()
        self.statusBar().addPermanentWidget(self.mail.status)
        self.statusBar().addPermanentWidget(self.busy_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _connect(self) -> None:
        a = self.commands
        e = self.editing
        a.new_request.triggered.connect(e.new_request)
        a.new_authority.triggered.connect(e.new_authority)
        a.import_files.triggered.connect(self.choose_import)
        a.export_ics.triggered.connect(self.export_ics)
        a.load_example.triggered.connect(self.load_example)
        a.trash.triggered.connect(e.show_trash)
        a.quit.triggered.connect(self.close)
        a.edit_request.triggered.connect(e.edit_request)
        a.edit_authority.triggered.connect(e.edit_authority)
        a.delete_request.triggered.connect(e.delete_request)
        a.find.triggered.connect(self.focus_search)
        a.filter_list.triggered.connect(self.focus_filter)
        self.search_panel.open_hit.connect(self.open_hit)
        self.thread_pane.shown.connect(self._scroll_to_hit)
        a.preferences.triggered.connect(self.show_preferences)
        a.add_message.triggered.connect(e.add_message)
        a.record_event.triggered.connect(e.record_event)
        a.write_message.triggered.connect(lambda: self.write_message())
        self.outbox_action.triggered.connect(self.sending.show_outbox)
        self.sending.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.sending.note_waiting()
        a.change_status.triggered.connect(self._focus_status)
        a.export_bundle.triggered.connect(self.exports.ask)
        self.exports.status_message.connect(self.statusBar().showMessage)
        a.show_requests.triggered.connect(lambda: self.tabs.setCurrentIndex(REQUESTS_TAB))
        a.show_calendar.triggered.connect(lambda: self.tabs.setCurrentIndex(CALENDAR_TAB))
        a.next_pane.triggered.connect(self.focus_next_pane)
        a.about.triggered.connect(self.show_about)
        es = self.empty_state
        es.new_button.clicked.connect(e.new_request)
        es.import_button.clicked.connect(self.choose_import)
        es.example_button.clicked.connect(self.load_example)
        self.load_example_button = es.example_button
        self.list_pane.request_selected.connect(self._request_selected)
        self.list_pane.loaded.connect(self._list_loaded)
        self.list_pane.connect_drops(self.import_into, self.file_messages, self.drop_refused)
        header = self.thread_pane.header
        header.status_chosen.connect(e.set_status)
        header.edit_requested.connect(e.edit_request)
        header.add_message_requested.connect(e.add_message)
        header.record_event_requested.connect(e.record_event)
        header.write_letter_requested.connect(self.write_letter)
        self.thread_pane.proposal_bar.confirm_requested.connect(e.confirm_reply)
        self.thread_pane.proposal_bar.correct_requested.connect(e.correct_reply)
        view = self.thread_pane.view
        view.drag_files = self.attachments.temporary_copy
        view.attachment_opened.connect(self.attachments.open)
        view.attachment_save_requested.connect(self.attachments.save_as)
        view.link_opened.connect(lambda url: self.attachments.system_open(url))
        view.files_dropped.connect(self._dropped_on_thread)
        view.files_dropped_on_message.connect(self._dropped_on_message)
        self.calendar.open_request.connect(self.open_request)
        self.calendar.export_requested.connect(self.export_ics)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.unfiled.count_changed.connect(self._unfiled_count)
        self.runner.changes.changed.connect(self._on_changes)
        self.ops.done.connect(lambda done: self.thread_pane.offer(done.result, done.serial))
        self.ops.failed.connect(lambda what, exc, _tb: report_failure(self, what, exc, ""))
        self.ops.failed.connect(lambda _what, exc, _tb: self._note_damage(exc))
        self.worker.unhandled_error.connect(
            lambda exc, tb: report_failure(self, "foidesk", exc, tb)
        )
        self.runner.busy_changed.connect(
            lambda busy: self.busy_label.setText(_("Working…") if busy else "")
        )
        self.files.unhandled_error.connect(lambda exc, tb: report_failure(self, "foidesk", exc, tb))
        self.importer.finished.connect(lambda _r: self.text_indexer.start())
        self.text_indexer.busy_changed.connect(self._show_indexing)
        self.backups.status_message.connect(self.statusBar().showMessage)
        self.backups.start_schedule()
        self.profile_banner.restore.clicked.connect(self.backups.choose_and_restore)
        self.backups.restore_finished.connect(self._restored)
        self._check_profile()
        QTimer.singleShot(INDEXING_DELAY_MS, self.text_indexer.start)
        self._enable_request_actions(False)

    def _hold_background(self) -> None:
        """A restore is about to replace the profile: no text reading, no mail fetch."""
        self.text_indexer.stop()
        self.mail.fetching.hold()

    def _resume_background(self) -> None:
        self.text_indexer.start()
        self.mail.fetching.release()

    # --- the profile's health --------------------------------------------------------

    def _check_profile(self) -> None:
        """Say at once when the profile is read-only; check its pages in the background
        unless the last foidesk left them known sound, before the user's first change.

        The check reads the whole file after a crash (minutes for a large archive on a
        cold disk), so it runs on the file pool with a connection of its own: the list
        and the thread load meanwhile, and a write waits for its outcome."""
        self.profile_banner.hide()
        if self.desk.read_only:
            self.profile_banner.show_read_only()
            return
        self.runner.files.start(self.desk.check_pages, self._pages_checked)

    def _pages_checked(self, problems: list[str]) -> None:
        if problems:
            self.profile_banner.show_damage(problems[0])

    def _note_damage(self, exc: BaseException) -> None:
        if isinstance(exc, DatabaseDamagedError) and self.desk.db.damage is not None:
            self.profile_banner.show_damage(self.desk.db.damage)

    # --- state ---------------------------------------------------------------------

    def _layout_parts(self) -> tuple[dict[str, QSplitter], dict[str, QHeaderView]]:
        splitters = {"main": self.splitter, "calendar": self.calendar.splitter}
        headers = {"requests": self.list_pane.table.horizontalHeader()}
        return splitters, headers

    def _restored(self, _result: object) -> None:
        """The undo history belongs to the profile as it was: its steps name requests
        and messages the restored one may not have."""
        self.undo_stack.clear()
        self._check_profile()

    def _restore_state(self) -> None:
        splitters, headers = self._layout_parts()
        self._first_run = not self.state.restore(self, splitters, headers)
        self.list_pane.columns_restored()
        header = self.list_pane.table.horizontalHeader()
        self.list_pane.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())

    def showEvent(self, event: QShowEvent) -> None:
        """On a first run, give the list what its essential columns need (the thread the
        rest), within a fair share of the width."""
        super().showEvent(event)
        self.mail.begin()  # the first fetch, once the window is up (begins only once)
        if self._first_run:
            self._first_run = False
            QTimer.singleShot(0, self._split_for_the_list)

    def _split_for_the_list(self) -> None:
        """Every column and a longer title where the width allows (1920 px), at least the
        essential columns (1366 px)."""
        width = self.splitter.width() - self.splitter.handleWidth()
        essential = self.list_pane.essential_width()
        every_column = self.list_pane.essential_width(self.list_pane.model.columnCount())
        wanted = max(essential, min(every_column + TITLE_ROOM, int(width * LIST_SHARE[1])))
        share = min(max(wanted, int(width * LIST_SHARE[0])), int(width * LIST_SHARE[1]))
        self.splitter.setSizes([share, width - share])

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._shut:
            splitters, headers = self._layout_parts()
            self.state.save(self, splitters, headers)
            self.backups.on_exit()
            self.shut_down()
        super().closeEvent(event)

    def shut_down(self) -> None:
        """Finish queued work before the desk closes: nothing outlives it."""
        self._shut = True
        self.live.stop()
        self.text_indexer.shut()
        self.mail.shut()
        self.runner.stop()

    # --- refreshing ------------------------------------------------------------------

    def refresh_all(self) -> None:
        """Everything on show, read again (at start)."""
        self._on_changes(EVERYTHING, 0)

    def _on_changes(self, changes: Changes, serial: int) -> None:
        """What the desk changed, handed to each view, which repaints what it names."""
        self.list_pane.apply(changes)
        self.thread_pane.apply(changes, serial)
        self.calendar.apply(changes)
        self.unfiled.apply(changes)
        self.search_panel.apply(changes)
        self.sending.apply(changes)
        self.mail.apply(changes)

    def _list_loaded(self, shown: int, total: int) -> None:
        empty = not total and self.desk.db.damage is None
        self.pages.setCurrentWidget(self.empty_state if empty else self.splitter)
        self.count_label.setText(
            ngettext("{total} request", "{total} requests", total).format(total=total)
            if shown == total
            else ngettext(
                "{shown} of {total} request shown", "{shown} of {total} requests shown", total
            ).format(shown=shown, total=total)
        )
        if total and self.list_pane.selected_request() is None:
            self.list_pane.select_first()

    def _request_selected(self, request_id: int | None) -> None:
        self.thread_pane.show_request(request_id)
        self._enable_request_actions(request_id is not None)

    def _enable_request_actions(self, enabled: bool) -> None:
        for action in self.commands.request_actions():
            action.setEnabled(enabled)

    def _unfiled_count(self, count: int) -> None:
        dock = self.unfiled_dock
        dock.setWindowTitle(_("Unfiled ({count})").format(count=count) if count else _("Unfiled"))
        if count and not dock.isVisible():
            dock.show()
            QTimer.singleShot(0, self._widen_unfiled)  # once the dock has its place

    def _widen_unfiled(self) -> None:
        """Room for a subject line and a sender, unless the user made it narrower."""
        dock = self.unfiled_dock
        if dock.isVisible() and not dock.isFloating() and dock.width() < UNFILED_WIDTH:
            self.resizeDocks([dock], [UNFILED_WIDTH], Qt.Orientation.Horizontal)

    def _tab_changed(self, index: int) -> None:
        if index == CALENDAR_TAB:
            self.calendar.show_if_stale()

    # --- user paths ------------------------------------------------------------------

    def open_request(self, request_id: int) -> None:
        """Show a request in the list and its thread (from the calendar or a search hit)."""
        self.tabs.setCurrentIndex(REQUESTS_TAB)
        self.list_pane.select_request(request_id)

    def open_hit(self, request_id: int, message_id: int, attachment_id: int) -> None:
        """A search result: open its request at the message, matches marked (then the file)."""
        if request_id:
            self._hit_message = message_id or None
            self.thread_pane.view.mark_search(request_id, self.search_panel.highlighter())
            shown = self.thread_pane.view.detail
            self.open_request(request_id)
            if shown is not None and shown.id == request_id:  # already on screen
                self._scroll_to_hit(request_id)
        if attachment_id:
            query = self.search_panel.field.text()
            self.worker.submit(
                lambda desk: desk.get_attachment(attachment_id),
                lambda attachment: self.attachments.open(attachment, query),
            )

    def _scroll_to_hit(self, request_id: object) -> None:
        """Once the hit's thread is painted, bring its message into view."""
        shown = self.thread_pane.view.detail
        if self._hit_message is not None and shown is not None and shown.id == request_id:
            self.thread_pane.view.scroll_to_message(self._hit_message)
            self._hit_message = None

    def load_example(self) -> None:
        self.ops.perform(
            _("Load the example request"),
            lambda desk: desk.load_sample(),
            on_done=lambda detail: self.list_pane.select_request(detail.id),
        )

    def choose_import(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(
            self,
            _("Import emails or documents"),
            "",
            _("Mail and documents")
            + " (*.eml *.msg *.mbox *.pdf *.docx *.xlsx *.txt);;"
            + _("All files")
            + " (*)",
        )
        self.import_into(None, [Path(n) for n in names])

    def import_into(self, request_id: int | None, paths: list[Path]) -> None:
        if paths:
            count = len(paths)
            self.statusBar().showMessage(
                ngettext("Importing {count} file…", "Importing {count} files…", count).format(
                    count=count
                )
            )
            self.importer.import_paths(paths, request_id)

    def file_messages(self, request_id: int, message_ids: list[int]) -> None:
        edits.file_messages(self.ops, message_ids, request_id)

    def _dropped_on_thread(self, paths: list[Path]) -> None:
        self.import_into(self.thread_pane.request_id, paths)

    def _dropped_on_message(self, message: MessageRecord, paths: list[Path]) -> None:
        edits.attach_files(self.ops, message, paths)

    def write_letter(self, kind: str) -> None:
        """A next step's *Write…*: the law's letter for it, filled from the request. A
        letter to the authority opens in a compose window beside the thread (send, save a
        draft or copy it there); one to someone else — a complaint goes to the regulator —
        is saved as an ``.eml`` draft addressed to them, where the user says."""
        detail = self.thread_pane.detail
        if detail is None:
            return
        if not letter_drafts.goes_to_the_authority(kind):
            path = letter_drafts.ask_draft_path(self, detail.summary.title, kind)
            if path is not None:
                self.write_letter_to(detail.id, kind, path)
            return
        request_id = detail.id
        self.worker.submit(
            lambda desk: desk.letter(request_id, kind),
            lambda letter: self._compose_letter(request_id, letter),
            on_error=lambda exc: report_failure(self, _("Could not write the letter"), exc, ""),
        )

    def _compose_letter(self, request_id: int, letter: Letter) -> None:
        detail = self.current_request()
        if detail is None or detail.id != request_id:
            return  # the user has moved on to another request meanwhile
        self.write_message(
            letter_drafts.message_kind(letter.kind), subject=letter.subject, body=letter.body
        )

    def write_letter_to(self, request_id: int, kind: str, path: Path) -> None:
        letter_drafts.save_draft(
            self,
            self.worker,
            request_id,
            kind,
            path,
            lambda saved: self.statusBar().showMessage(
                _("Draft saved to {file}: open it in your mail client to send it").format(
                    file=saved.name
                ),
                8000,
            ),
        )

    def export_ics(self) -> None:
        path = ask_ics_path(self)
        if path is None:
            return
        self.export_ics_to(path)

    def export_ics_to(self, path: Path) -> None:
        self.worker.submit(
            lambda desk: desk.export_ics(path),
            lambda count: self.statusBar().showMessage(
                ngettext(
                    "Exported {count} deadline to {file}",
                    "Exported {count} deadlines to {file}",
                    count,
                ).format(count=count, file=path.name),
                8000,
            ),
            on_error=lambda exc: report_failure(self, _("Could not export the calendar"), exc, ""),
        )

    def _show_indexing(self, busy: bool) -> None:
        if busy:
            self.statusBar().showMessage(_("Reading the text of new attachments for search…"))
        else:
            self.statusBar().clearMessage()
            self.search_panel.refresh_choices()

    def focus_search(self) -> None:
        """Ctrl+F: search every request, message and attachment's text."""
        self.search_dock.show()
        self.search_dock.raise_()
        self.search_panel.focus_search()

    def focus_filter(self) -> None:
        self.tabs.setCurrentIndex(REQUESTS_TAB)
        self.list_pane.filters.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.list_pane.filters.text.selectAll()

    def focus_next_pane(self) -> None:
        """F6 moves list → thread → filter box, like the panes of a mail client."""
        order: list[QWidget] = [
            self.list_pane.table,
            self.thread_pane.view,
            self.list_pane.filters.text,
        ]
        current = self.focusWidget()
        index = next((n for n, w in enumerate(order) if w is current), -1)
        order[(index + 1) % len(order)].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _focus_status(self) -> None:
        self.tabs.setCurrentIndex(REQUESTS_TAB)
        self.thread_pane.header.status.setFocus()
        self.thread_pane.header.status.showPopup()

    def current_request(self) -> RequestDetail | None:
        return self.thread_pane.detail

    def write_message(
        self, kind: str | None = None, subject: str = "", body: str = ""
    ) -> ComposeWindow | None:
        """Request ▸ Write message…: a compose window beside the request's thread."""
        from foidesk.gui.compose_window import ComposeWindow

        detail = self.current_request()
        if detail is None:
            return None
        window = ComposeWindow(self.sending, detail, self, kind=kind, subject=subject, body=body)
        window.show()
        return window

    # --- dialogs ---------------------------------------------------------------------

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.desk.profile.data_dir, self.desk.profile.database_url, self)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def theme(self) -> Theme:
        return Theme(self.state.value("appearance/theme", Theme.SYSTEM.value))

    def show_preferences(self) -> PreferencesDialog:
        data_dir = self.desk.profile.data_dir
        dialog = PreferencesDialog(self.theme(), str(data_dir), self, saved_choice(data_dir))
        dialog.theme_chosen.connect(self.set_theme)
        dialog.language_chosen.connect(lambda choice: self.state.set_value(LANGUAGE, choice))
        dialog.add_page(self.backups.settings_page(dialog), _("Backups"))
        dialog.add_page(self.mail.settings_page(dialog), _("Mail"))
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def set_theme(self, theme: Theme) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.state.set_value("appearance/theme", theme.value)

    # --- drops anywhere else on the window: import and let the core file them ----------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if paths_from(event.mimeData()):
            event.acceptProposedAction()
        else:
            self.drop_refused(drop_refusal(event.mimeData()) or _(DROP_MESSAGES_ON_A_REQUEST))

    def dropEvent(self, event: QDropEvent) -> None:
        paths = paths_from(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_into(None, paths)

    def drop_refused(self, reason: str) -> None:
        """Say why a drop cannot happen, where the eye is while dragging."""
        if self.statusBar().currentMessage() != reason:
            self.statusBar().showMessage(reason, DROP_REASON_MS)

    def user_error(self, title: str, message: str) -> None:
        show_user_error(self, title, message)

    def open_url(self, url: QUrl) -> None:
        self.attachments.system_open(url)
