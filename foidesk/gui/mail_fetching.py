"""Fetching mail in the window: on start, every few minutes, and on *Check mail* (F5).

The fetch runs on a thread of its own (``network``), where it waits on the servers;
each of its database steps — reading how far each folder was read, filing a mail,
moving the mark — is handed to the database thread with ``DeskWorker.call``, as text
extraction hands over its writes. So the database thread only files, the window
never waits, and each filed mail reaches the views through the desk's ``Changes`` as
a dropped one does. One fetch at a time: a trigger while one runs is that fetch.

What goes wrong with a server (offline, a wrong password, a certificate) is one quiet
line in the status bar per account, replaced on that account's next try; a reply that
moved a deadline becomes a notification (``notifications``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QToolButton,
    QWidget,
)

from foidesk.core.accounts import FetchReport
from foidesk.core.changes import Changes, merge
from foidesk.core.deadlines import DeadlineState
from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError, NotFoundError
from foidesk.core.i18n import _, ngettext
from foidesk.core.progress import Cancelled
from foidesk.core.records import MessageRecord
from foidesk.core.vocabulary import Direction
from foidesk.gui.notifications import DeadlineNotice, Notifier
from foidesk.gui.tasks.files import FileTasks
from foidesk.gui.tasks.progress import SCALE, TaskProgress
from foidesk.gui.tasks.runner import TaskRunner

SETTING = "mail.check_minutes"
DEFAULT_MINUTES = 10
MAX_MINUTES = 24 * 60
#: After the window is shown, so a first fetch never delays it.
START_DELAY_MS = 1500
SUMMARY_MS = 8000
#: The longest a closing window waits for a fetch it has stopped.
SHUT_WAIT_MS = 3000
#: The widest the problem line gets before it is cut (the whole of it is its tooltip).
LINE_MAX_WIDTH = 560
LINE_MIN_WIDTH = 120
_OPEN = frozenset({DeadlineState.UPCOMING, DeadlineState.DUE_TODAY})


def minutes_of(value: str | None) -> int:
    """The saved interval; anything unreadable is the default."""
    try:
        minutes = int(value) if value is not None else DEFAULT_MINUTES
    except ValueError:
        return DEFAULT_MINUTES
    return min(max(minutes, 0), MAX_MINUTES)


class ElidedLabel(QLabel):
    """One line, cut with '…' to the room it is given; the whole text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setMinimumWidth(LINE_MIN_WIDTH)
        self.setMaximumWidth(LINE_MAX_WIDTH)

    def set_full_text(self, text: str, tip: str = "") -> None:
        self._full = text
        self.setToolTip(tip or text)
        self.setAccessibleDescription(tip or text)
        self._elide()
        self.updateGeometry()

    def full_text(self) -> str:
        return self._full

    def sizeHint(self) -> Any:
        hint = super().sizeHint()
        hint.setWidth(min(self.fontMetrics().horizontalAdvance(self._full) + 8, LINE_MAX_WIDTH))
        return hint

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.text():
            self.setText(shown)


class MailStatus(QWidget):
    """The status bar's mail corner: what went wrong per account, and a running fetch's
    progress with its Cancel."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mail-status")
        self.line = ElidedLabel()
        self.line.setObjectName("mail-problems")
        self.line.setAccessibleName(_("Mail"))
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(110)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(_("Checking mail"))
        self.cancel = QToolButton()
        self.cancel.setText(_("Stop"))
        self.cancel.setToolTip(_("Stop checking mail (what has arrived is kept)"))
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.line)
        row.addWidget(self.bar)
        row.addWidget(self.cancel)
        self.show_running(False)
        self.show_problems({})

    def show_running(self, running: bool) -> None:
        self.bar.setVisible(running)
        self.cancel.setVisible(running)
        if running:
            self.bar.setRange(0, 0)

    def show_progress(self, value: int, _message: str) -> None:
        if value < 0:
            self.bar.setRange(0, 0)
        else:
            self.bar.setRange(0, SCALE)
            self.bar.setValue(value)

    def show_problems(self, problems: dict[str, str]) -> None:
        lines = [
            _("Mail of {account} not checked: {reason}").format(account=name, reason=reason)
            if name
            else _("Mail not checked: {reason}").format(reason=reason)  # the profile's trouble
            for name, reason in sorted(problems.items())
        ]
        if len(lines) > 1:  # one short line; the tooltip has each account's sentence
            names = ", ".join(sorted(name for name in problems if name))
            shown = ngettext(
                "Mail of {count} account not checked: {names}",
                "Mail of {count} accounts not checked: {names}",
                len(lines),
            ).format(count=len(lines), names=names)
        else:
            shown = "".join(lines)
        self.line.set_full_text(shown, "\n".join(lines))
        self.line.setVisible(bool(lines))


class MailFetching(QObject):
    """Runs one fetch at a time off the GUI and database threads, and says how it went."""

    started = Signal()
    finished = Signal(object)  # FetchReport, or None when cancelled or failed
    #: account name → the sentence of its last failed try (absent once it worked)
    problems_changed = Signal(dict)
    summary = Signal(str, int)  # a short status-bar message, and for how long

    def __init__(
        self, runner: TaskRunner, notifier: Notifier, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._notifier = notifier
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self.network = FileTasks(self, self._pool)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check_mail)
        self.problems: dict[str, str] = {}
        self.minutes: float = DEFAULT_MINUTES
        self._progress: TaskProgress | None = None
        self._began = False
        self._held = False
        self._shut = False

    @property
    def running(self) -> bool:
        return self._progress is not None

    @property
    def progress(self) -> TaskProgress | None:
        return self._progress

    def begin(self) -> None:
        """Once the window is up: read the interval, and fetch if there is an account."""
        if self._began or self._shut:
            return
        self._began = True
        self._runner.database.submit(
            lambda desk: (desk.get_setting(SETTING), bool(desk.accounts())), self._begun
        )

    def _begun(self, found: tuple[str | None, bool]) -> None:
        saved, has_accounts = found
        self.set_interval(minutes_of(saved))
        if has_accounts:
            self.check_mail()

    def set_interval(self, minutes: float) -> None:
        """Fetch every ``minutes`` from now on (0: only on start and on F5)."""
        self.minutes = minutes
        if minutes <= 0 or self._shut:
            self.timer.stop()
        else:
            self.timer.start(max(1, int(minutes * 60_000)))

    def save_interval(self, minutes: int) -> None:
        """Keep the interval in the profile's settings; it applies once saved (``apply``)."""
        self._runner.database.submit(lambda desk: desk.set_setting(SETTING, str(minutes)))

    def apply(self, changes: Changes) -> None:
        """A changed interval (from Preferences, or a restore) takes effect at once."""
        if self._began and (changes.everything or SETTING in changes.settings):
            self._runner.database.submit(
                lambda desk: desk.get_setting(SETTING),
                lambda saved: self.set_interval(minutes_of(saved)),
            )

    def on_database(self, heard: list[Changes] | None = None) -> Callable[[Callable[[], Any]], Any]:
        """Hands a step to the database thread and waits; what the step published there
        is added to ``heard`` (that thread runs one job at a time: all of it is ours)."""
        database = self._runner.database

        def hand_over(work: Callable[[], Any]) -> Any:
            def job(desk: Desk) -> Any:
                if heard is None:
                    return work()
                here = threading.get_ident()

                def listen(changes: Changes) -> None:
                    if threading.get_ident() == here:
                        heard.append(changes)

                stop = desk.feed.subscribe(listen)
                try:
                    return work()
                finally:
                    stop()

            return database.call(job)

        return hand_over

    def hold(self) -> None:
        """Stop a running fetch and start none until ``release`` (while a restore replaces
        the profile under the database thread)."""
        self._held = True
        self.cancel()

    def release(self) -> None:
        self._held = False

    def when_idle(self, then: Callable[[], None]) -> None:
        """Run ``then`` once no fetch runs: at once, or after the running one is stopped
        (removing an account must not pull the rows from under its fetch)."""
        if self._progress is None:
            then()
            return

        def once(_report: object) -> None:
            self.finished.disconnect(once)
            then()

        self.finished.connect(once)
        self.cancel()

    def check_mail(self) -> bool:
        """Start a fetch of every account; False when one runs already (it is this one),
        or while fetching is held."""
        if self._progress is not None or self._shut or self._held:
            return False
        progress = TaskProgress(self)
        self._progress = progress
        heard: list[Changes] = []
        desk, on_database = self._runner.desk, self.on_database(heard)
        self.started.emit()
        self.network.start(
            lambda: desk.fetch_mail(progress=progress, on_database=on_database),
            lambda report: self._fetched(report, merge(heard)),
            self._failed,
        )
        return True

    def cancel(self) -> None:
        if self._progress is not None:
            self._progress.cancel()

    def shut(self) -> None:
        """The window closes: stop the timer, stop a running fetch, and wait for it (its
        database steps need the database thread, which stops next). The cancel also
        shuts the fetch's connection (``accounts/aborting``), so a server that stopped
        answering does not hold the close; the wait is bounded all the same."""
        self._shut = True
        self.timer.stop()
        self.cancel()
        self.network.wait(SHUT_WAIT_MS)

    def _fetched(self, report: FetchReport, heard: Changes) -> None:
        self._progress = None
        self.problems = {a.account: reason for a in report.accounts if (reason := _trouble(a))}
        self.problems_changed.emit(dict(self.problems))
        arrived = sum(a.filed + a.unfiled for a in report.accounts)
        if arrived:
            self.summary.emit(
                ngettext("{count} new mail arrived", "{count} new mails arrived", arrived).format(
                    count=arrived
                ),
                SUMMARY_MS,
            )
        self.finished.emit(report)
        if arrived and not self._shut:
            self._runner.database.submit(
                lambda desk: deadline_notices(desk, report, heard), self._tell
            )

    def _tell(self, notices: list[DeadlineNotice]) -> None:
        for notice in notices:
            self._notifier.notify(notice.text())

    def _failed(self, exc: BaseException) -> None:
        self._progress = None
        self.finished.emit(None)
        if isinstance(exc, Cancelled):
            self.summary.emit(_("Mail check stopped; what had arrived is kept"), SUMMARY_MS)
        elif isinstance(exc, FoideskError):  # a read-only or damaged profile
            self.problems = {"": str(exc)}
            self.problems_changed.emit(dict(self.problems))
        elif not self._shut:
            raise exc


def _trouble(fetched: Any) -> str | None:
    """The one sentence an account's try leaves on the status line, if any."""
    if fetched.error:
        return str(fetched.error)
    if fetched.errors:
        count = len(fetched.errors)
        return ngettext(
            "{count} mail could not be read ({first})",
            "{count} mails could not be read (the first: {first})",
            count,
        ).format(count=count, first=fetched.errors[0])
    return None


def deadline_notices(desk: Desk, report: FetchReport, heard: Changes) -> list[DeadlineNotice]:
    """On the database thread: for each request a fetched reply moved the deadlines of,
    the deadline it opened or moved (the soonest still open on a day that moved); for a
    reply whose proposal awaits the user, the deadline confirming it would open."""
    notices: dict[int, DeadlineNotice] = {}
    for fetched in report.accounts:
        for message_id in fetched.message_ids:
            message = desk.get_message(message_id)
            request_id = message.request_id
            if request_id is None or request_id in notices:
                continue
            if message.direction != Direction.INCOMING:
                continue
            notice = _moved(desk, message, heard) or _proposed(desk, message_id, request_id)
            if notice is not None:
                notices[request_id] = notice
    return list(notices.values())


def _moved(desk: Desk, message: MessageRecord, heard: Changes) -> DeadlineNotice | None:
    """The soonest open deadline of the message's request on a day that moved; the caller
    has read the message already, so its kind is taken from the record it was given."""
    request_id = message.request_id
    if request_id is None or not (heard.all_deadlines or request_id in heard.deadlines):
        return None
    days = heard.deadline_days
    shown = desk.deadlines(request_id)
    moved = [d for d in shown if d.state in _OPEN and (days is None or d.due in days)]
    if not moved:
        return None
    authority = desk.get_request(request_id).summary.authority
    return DeadlineNotice(request_id, message.kind, authority, min(moved, key=lambda d: d.due))


def _proposed(desk: Desk, message_id: int, request_id: int) -> DeadlineNotice | None:
    """The deadline a reply's open proposal would open once confirmed, if any."""
    try:
        proposal = desk.reply_proposal(message_id)
    except NotFoundError:
        return None
    if proposal.decided:
        return None
    now = {(d.kind, d.due) for d in desk.deadlines(request_id) if d.state in _OPEN}
    opened = [
        d
        for d in desk.deadlines_if_confirmed(message_id)
        if d.state in _OPEN and (d.kind, d.due) not in now
    ]
    if not opened:
        return None
    authority = desk.get_request(request_id).summary.authority
    soonest = min(opened, key=lambda d: d.due)
    return DeadlineNotice(request_id, "reply", authority, soonest, proposed=proposal.kind)


class MailSettingsPage(QWidget):
    """Preferences → Mail: how often to check, and the way to the accounts."""

    def __init__(
        self, fetching: MailFetching, open_accounts: Callable[[], object], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mail-settings")
        self._fetching = fetching
        self.interval = QSpinBox()
        self.interval.setRange(0, MAX_MINUTES)
        self.interval.setSuffix(" " + _("minutes"))
        self.interval.setSpecialValueText(_("Only on start and with F5"))
        self.interval.setAccessibleName(_("Check for new mail every"))
        self.interval.setValue(int(fetching.minutes))
        self.interval.valueChanged.connect(self._chosen)
        accounts = QPushButton(_("Mail &accounts…"))
        accounts.clicked.connect(open_accounts)
        note = QLabel(
            _(
                "foidesk checks every mail account when it starts, then at this interval, "
                "and whenever you press F5 (Mail → Check mail). With 0 it checks only on "
                "start and with F5."
            )
        )
        note.setWordWrap(True)
        self.interval.setMinimumWidth(self.interval.sizeHint().width())
        interval_row = QHBoxLayout()
        interval_row.addWidget(self.interval)
        interval_row.addStretch(1)
        accounts_row = QHBoxLayout()
        accounts_row.addWidget(accounts)
        accounts_row.addStretch(1)
        label = QLabel(_("Check for new mail &every:"))
        label.setBuddy(self.interval)
        form = QFormLayout(self)
        form.addRow(label, interval_row)
        form.addRow("", note)
        form.addRow("", accounts_row)

    def _chosen(self, minutes: int) -> None:
        self._fetching.save_interval(minutes)


class MailController(QObject):
    """The Mail menu's two commands, the status corner and the fetching behind them."""

    def __init__(self, runner: TaskRunner, menu: QMenu, window: QWidget) -> None:
        super().__init__(window)
        self._runner = runner
        self._window = window
        self.status = MailStatus()
        self.notifier = Notifier(window.windowIcon(), self._status_line, self)
        self.fetching = MailFetching(runner, self.notifier, self)
        self.check_mail = QAction(_("&Check mail"), window)
        self.check_mail.setShortcut(QKeySequence("F5"))
        self.check_mail.setStatusTip(_("Fetch the replies waiting in every mail account"))
        self.check_mail.triggered.connect(self.fetching.check_mail)
        self.accounts = QAction(_("Mail &accounts…"), window)
        self.accounts.setStatusTip(_("Add, change, test or remove the accounts foidesk reads"))
        self.accounts.triggered.connect(lambda: self.open_accounts())
        menu.addActions([self.check_mail, self.accounts])
        f = self.fetching
        f.started.connect(lambda: self._running(True))
        f.finished.connect(lambda _report: self._running(False))
        f.problems_changed.connect(self.status.show_problems)
        f.summary.connect(self._status_line)
        self.status.cancel.clicked.connect(f.cancel)

    def _running(self, running: bool) -> None:
        self.status.show_running(running)
        progress = self.fetching.progress
        if running and progress is not None:
            progress.reported.connect(self.status.show_progress)

    def _status_line(self, text: str, msecs: int) -> None:
        bar = getattr(self._window, "statusBar", None)
        if bar is not None:
            bar().showMessage(text, msecs)

    def begin(self) -> None:
        QTimer.singleShot(START_DELAY_MS, self, self.fetching.begin)

    def apply(self, changes: Changes) -> None:
        self.fetching.apply(changes)

    def open_accounts(self, parent: QWidget | None = None) -> QWidget:
        """The accounts dialog, over ``parent`` (Preferences, when opened from there)."""
        from foidesk.gui.mail_accounts_dialog import MailAccountsDialog

        dialog = MailAccountsDialog(self._runner.database, self.fetching, parent or self._window)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    def settings_page(self, parent: QWidget | None = None) -> MailSettingsPage:
        page = MailSettingsPage(self.fetching, lambda: self.open_accounts(page.window()), parent)
        return page

    def shut(self) -> None:
        self.fetching.shut()
        self.notifier.hide()
