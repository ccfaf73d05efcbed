"""Backups in the window: "Back up now…", "Restore…", the daily schedule, the settings page.

``BackupController`` owns the actions and runs every backup or restore on the task
runner's lane for long work, behind a progress dialog that appears after half a second
and whose Cancel stops the work between two chunks. A backup's few database steps, and
the whole of a restore, run on the database thread; what a restore changed (everything)
the desk publishes like any other change.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.backup import (
    BackupEntry,
    BackupInfo,
    RestoreResult,
    ScheduledBackup,
    back_up_and_rotate,
    backup_due,
    load_settings,
    note_of,
    read_manifest_only,
    restore_backup,
)
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _, ngettext
from foidesk.core.progress import Cancelled, Progress
from foidesk.gui.backup_settings import BackupSettingsPage, rotation_lines
from foidesk.gui.dates import long_moment_text, month_day_text
from foidesk.gui.tasks.progress import TaskProgress, close_dialog, progress_dialog
from foidesk.gui.tasks.runner import TaskRunner

FIRST_CHECK_MS = 60_000  # let the window settle before a scheduled backup starts
CHECK_INTERVAL_MS = 3_600_000
MOST_DAYS_SHOWN = 3
Clock = Callable[[], datetime]


def _utc_now() -> datetime:
    return datetime.now(UTC)


class BackupController(QObject):
    backup_finished = Signal(object)  # BackupInfo
    restore_finished = Signal(object)  # RestoreResult (the desk publishes that all changed)
    failed = Signal(str)
    cancelled = Signal()
    busy_changed = Signal(bool)
    status_message = Signal(str)  # for the status bar

    def __init__(
        self,
        runner: TaskRunner,
        window: QWidget,
        *,
        clock: Clock = _utc_now,
        pause: Callable[[], None] = lambda: None,
        resume: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(window)
        self.runner = runner
        self.desk = runner.desk
        self.window = window
        self.clock = clock
        self._pause, self._resume = pause, resume  # background reading, held still
        self.progress_dialog: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self._progress: TaskProgress | None = None
        self._automatic = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check_schedule)
        self.backup_action = QAction(_("Back up &now…"), self)
        self.backup_action.setStatusTip(_("Write a backup of everything to the backup folder"))
        self.backup_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(_("&Restore…"), self)
        self.restore_action.setStatusTip(_("Replace this profile with a backup"))
        self.restore_action.triggered.connect(self.choose_and_restore)
        self.settings_action = QAction(_("&Backup settings…"), self)
        self.settings_action.triggered.connect(self.open_settings)

    @property
    def actions(self) -> list[QAction]:
        """The File menu entries, in menu order."""
        return [self.backup_action, self.restore_action]

    @property
    def busy(self) -> bool:
        return self._progress is not None

    # --- backups -----------------------------------------------------------------------

    def back_up_now(self) -> None:
        self._back_up(automatic=False)

    def check_schedule(self) -> None:
        """Start an automatic backup if one is due (asked on the database thread)."""
        if self.busy:
            return
        now = self.clock()
        self.runner.database.submit(
            lambda desk: backup_due(desk, now),
            lambda due: self._back_up(automatic=True) if due else None,
        )

    def start_schedule(
        self, first_check_ms: int = FIRST_CHECK_MS, interval_ms: int = CHECK_INTERVAL_MS
    ) -> None:
        """Check soon after start, then every hour: a day-old backup is then replaced."""
        QTimer.singleShot(first_check_ms, self, self.check_schedule)
        self._timer.start(interval_ms)

    def on_exit(self) -> None:
        """At quit: finish the running job, then back up if the last is over a day old.
        The window is closing: asking the database thread is waiting for it."""
        self._timer.stop()
        self.wait()
        if not self.busy and self.runner.database.call(lambda d: backup_due(d, self.clock())):
            self._back_up(automatic=True)
            self.wait()

    def wait(self) -> None:
        """Block (in a local event loop, so progress still shows) until the job is done."""
        if not self.busy:
            return
        loop = QEventLoop()
        self.busy_changed.connect(loop.quit)
        loop.exec()
        self.busy_changed.disconnect(loop.quit)

    def _back_up(self, *, automatic: bool) -> None:
        if self.busy:
            return
        self._automatic = automatic
        desk, now, database = self.desk, self.clock(), self.runner.database

        def work(progress: Progress) -> ScheduledBackup:
            return back_up_and_rotate(
                desk, progress, now=now, on_database=lambda step: database.call(lambda _d: step())
            )

        title = _("Backing up") if not automatic else _("Automatic backup")
        self._start(work, title, self._backed_up, modal=False)

    def _backed_up(self, result: object) -> None:
        assert isinstance(result, ScheduledBackup)
        info = result.backup
        self.status_message.emit(status_text(result))
        if not self._automatic:
            lines = rotation_lines(note_of(result.rotation, info.created_at))
            text = "\n\n".join([_saved_text(info), *(["\n".join(lines)] if lines else [])])
            self._tell(QMessageBox.Icon.Information, _("Backup saved"), text)
        self.backup_finished.emit(info)

    # --- restoring ---------------------------------------------------------------------

    def choose_and_restore(self) -> None:
        self.runner.database.submit(lambda desk: load_settings(desk).folder, self._choose_in)

    def _choose_in(self, folder: Path) -> None:
        name, _filter = QFileDialog.getOpenFileName(
            self.window,
            _("Restore a backup"),
            str(folder),
            _("foidesk backups") + " (*.foidesk-backup)",
        )
        if name and self._confirm_restore(Path(name)):
            self.restore_from(Path(name))

    def _confirm_restore(self, path: Path) -> bool:
        manifest = read_manifest_only(path) if path.is_file() else None
        question = _("Replace everything in this profile with {file}?").format(file=path.name)
        if manifest is not None:
            question += " " + _made_and_holds(
                manifest.created_at, manifest.counts.requests, manifest.counts.messages
            )
        kept = _("Your current data is not deleted: it is kept in a folder beside the profile.")
        answer = QMessageBox.question(
            self.window,
            _("Restore a backup"),
            f"{question}\n\n{kept}",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def restore_from(self, path: Path) -> None:
        """Restore without asking (the caller asked). Background reading stops and other
        file work is let finish; then the restore runs on the database thread itself, so
        no database job runs while the desk is closed and its files replaced; afterwards,
        restored or not, the same desk opens the files then in place (and publishes that
        everything changed)."""
        if self.busy:
            return
        desk, runner = self.desk, self.runner

        def replace_files(progress: Progress) -> RestoreResult:
            desk.close()
            try:
                return restore_backup(path, desk.profile, progress)
            finally:
                desk.reopen()

        def work(progress: Progress) -> RestoreResult:
            runner.wait_for_files(progress)
            result: RestoreResult = runner.database.call(lambda _d: replace_files(progress))
            return result

        self._pause()
        self.busy_changed.connect(self._resume_background)
        self._start(work, _("Restoring"), self._restored, modal=True)

    def _resume_background(self, busy: bool) -> None:
        if not busy:
            self.busy_changed.disconnect(self._resume_background)
            self._resume()

    def _restored(self, result: object) -> None:
        assert isinstance(result, RestoreResult)
        text = _("Restored {file}.").format(file=result.backup.name)
        if result.previous_profile:
            text += "\n\n" + _("Your previous data is kept in {folder}.").format(
                folder=result.previous_profile
            )
        self._tell(QMessageBox.Icon.Information, _("Backup restored"), text)
        self.restore_finished.emit(result)

    # --- settings ----------------------------------------------------------------------

    def settings_page(self, parent: QWidget | None = None) -> BackupSettingsPage:
        page = BackupSettingsPage(self.runner.database, parent)
        page.back_up_now.clicked.connect(self.backup_action.trigger)
        page.restore.clicked.connect(self.restore_action.trigger)
        self.runner.changes.changed.connect(page.apply)  # Qt disconnects when the page goes
        return page

    def open_settings(self) -> QDialog:
        dialog = QDialog(self.window)
        dialog.setWindowTitle(_("Backups"))
        layout = QVBoxLayout(dialog)
        layout.addWidget(self.settings_page(dialog))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.finished.connect(lambda _r: dialog.deleteLater())
        dialog.open()
        return dialog

    # --- running a job -----------------------------------------------------------------

    def _start(
        self,
        work: Callable[[Progress], object],
        title: str,
        on_success: Callable[[object], None],
        *,
        modal: bool,
    ) -> None:
        """Backups let the user keep working; a restore holds the window until it is done."""
        progress = TaskProgress(self)
        self._progress = progress
        self.progress_dialog = progress_dialog(self.window, title, progress, modal=modal)
        for action in self.actions:
            action.setEnabled(False)
        self.busy_changed.emit(True)
        self.runner.long.start(
            lambda: work(progress),
            lambda result: self._finish(on_success, result),
            lambda exc: self._finish(self._outcome_of(exc), exc),
        )

    def _outcome_of(self, exc: BaseException) -> Callable[[object], None]:
        if isinstance(exc, Cancelled):
            return self._cancelled
        if isinstance(exc, FoideskError):
            return lambda error: self._failed(str(error))
        return self._crashed

    def _finish(self, handler: Callable[[object], None], outcome: object) -> None:
        dialog, self.progress_dialog = self.progress_dialog, None
        if dialog is not None:
            close_dialog(dialog)
        self._progress = None
        for action in self.actions:
            action.setEnabled(True)
        handler(outcome)
        self.busy_changed.emit(False)

    def _failed(self, message: object) -> None:
        text = str(message)
        self._tell(QMessageBox.Icon.Warning, _("Backup or restore failed"), text)
        self.failed.emit(text)

    def _crashed(self, exc: object) -> None:
        details = (
            "".join(traceback.format_exception(exc)) if isinstance(exc, BaseException) else exc
        )
        text = _("foidesk hit an unexpected error; nothing was changed.") + f"\n\n{details}"
        self._tell(QMessageBox.Icon.Critical, _("foidesk hit a bug"), text)
        self.failed.emit(text)

    def _cancelled(self, _outcome: object) -> None:
        self.status_message.emit(_("Cancelled: nothing was changed"))
        self.cancelled.emit()

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        """A message that does not block the event loop (``open``, not ``exec``)."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self.window)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box


def _made_and_holds(made: datetime, requests: int, messages: int) -> str:
    """'It was made on 10 April 2024 at 09:30 and holds 3 requests and 12 messages.'"""
    return _("It was made on {when} and holds {requests} and {messages}.").format(
        when=long_moment_text(made),
        requests=_count_of(requests, "request"),
        messages=_count_of(messages, "message"),
    )


def _count_of(number: int, what: str) -> str:
    """'1 request', '3 messages', '2 files' (``what`` names one of the three)."""
    forms = {
        "request": ngettext("{count} request", "{count} requests", number),
        "message": ngettext("{count} message", "{count} messages", number),
        "file": ngettext("{count} file", "{count} files", number),
    }
    return forms[what].format(count=number)


def _saved_text(info: BackupInfo) -> str:
    counts = info.counts
    text = _("Saved {file} in {folder}: {requests}, {messages} and {files}, checked.").format(
        file=info.path.name,
        folder=info.path.parent,
        requests=_count_of(counts.requests, "request"),
        messages=_count_of(counts.messages, "message"),
        files=_count_of(counts.files, "file"),
    )
    if info.warnings:
        text += "\n\n" + "\n".join(info.warnings)
    return text


def status_text(result: ScheduledBackup) -> str:
    """One status-bar line: what was saved, and what rotation removed or kept."""
    requests = _count_of(result.backup.counts.requests, "request")
    parts = [_("Backed up {requests}").format(requests=requests)]
    rotation = result.rotation
    if rotation.removed_backups:
        removed = rotation.removed_backups
        parts.append(
            ngettext(
                "removed {count} older backup ({days})",
                "removed {count} older backups ({days})",
                len(removed),
            ).format(count=len(removed), days=_days(removed))
        )
    held_more = [k.backup for k in rotation.kept_because if k.newer is not None]
    if held_more:
        parts.append(
            ngettext(
                "kept {count} older backup that holds more than a newer one ({days})",
                "kept {count} older backups that hold more than a newer one ({days})",
                len(held_more),
            ).format(count=len(held_more), days=_days(held_more))
        )
    unreadable = [k.backup for k in rotation.kept_because if k.newer is None]
    if unreadable:
        parts.append(
            ngettext(
                "kept {count} unreadable backup ({days})",
                "kept {count} unreadable backups ({days})",
                len(unreadable),
            ).format(count=len(unreadable), days=_days(unreadable))
        )
    return "; ".join(parts)


def _days(entries: Sequence[BackupEntry]) -> str:
    """The local days the backups were made, oldest first: "29 Nov, 30 Nov"."""
    days = sorted({e.created_at.astimezone().date() for e in entries})
    shown = ", ".join(month_day_text(day) for day in days[:MOST_DAYS_SHOWN])
    return shown + (", …" if len(days) > MOST_DAYS_SHOWN else "")
