"""When the profile's database cannot be trusted: the explanation and the way back.

Shown by the launcher instead of the main window — never an empty request list —
when ``Desk.open`` refuses the profile (``guard.ProfileRefusedError``): the same
paragraph the command line prints, and buttons for what it advises: restore the
newest backup, restore another one, salvage a damaged database, or quit. Each runs
on a worker thread behind a progress dialog; when one succeeds, the dialog is
accepted and the launcher opens the profile again.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.backup import restore_backup
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import N_, _
from foidesk.core.profile import Option, Problem, Profile, ProfileRefusedError
from foidesk.core.progress import Cancelled, Progress
from foidesk.gui.dates import date_text
from foidesk.gui.tasks.files import FileTasks
from foidesk.gui.tasks.progress import TaskProgress, close_dialog, progress_dialog

DIALOG_WIDTH = 720


class ProfileProblemDialog(QDialog):
    """The refusal in words, with restore and salvage one click away."""

    #: The work that ran (restore or salvage) and its outcome, for a status message.
    repaired = Signal(str)

    def __init__(
        self, error: ProfileRefusedError, profile: Profile, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.profile = profile
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._tasks = FileTasks(self, pool)
        self._progress: TaskProgress | None = None
        self.progress: QProgressDialog | None = None
        self.message_box: QMessageBox | None = None
        self.setWindowTitle(_("foidesk did not open your profile"))
        self.setObjectName("profile-problem")
        self.setMinimumWidth(DIALOG_WIDTH)
        layout = QVBoxLayout(self)
        heading = QLabel(_heading(error.problem))
        heading.setObjectName("profile-problem-heading")
        heading.setWordWrap(True)
        font = heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        heading.setFont(font)
        self.explanation = QLabel(explanation_html(error))
        self.explanation.setObjectName("profile-problem-text")
        self.explanation.setTextFormat(Qt.TextFormat.RichText)
        self.explanation.setWordWrap(True)
        self.explanation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.explanation.setAccessibleName(_("What is wrong, and what to do"))
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self._buttons())

    def _buttons(self) -> QDialogButtonBox:
        box = QDialogButtonBox()
        newest = self.error.newest_backup
        self.restore_newest = None
        if newest is not None:
            self.restore_newest = QPushButton(
                _("Restore {day} backup").format(day=date_text(newest.created_at.date()))
            )
            self.restore_newest.setToolTip(str(newest.path))
            self.restore_newest.setDefault(True)
            self.restore_newest.clicked.connect(lambda: self.restore(newest.path))
            box.addButton(self.restore_newest, QDialogButtonBox.ButtonRole.AcceptRole)
        self.choose_backup = QPushButton(_("Restore another backup…"))
        self.choose_backup.clicked.connect(self.choose_and_restore)
        box.addButton(self.choose_backup, QDialogButtonBox.ButtonRole.ActionRole)
        self.salvage_button = None
        if self.error.problem is Problem.DAMAGED:
            self.salvage_button = QPushButton(_("Salvage what can be read"))
            self.salvage_button.setToolTip(
                _(
                    "Copy what SQLite can still read into a new database; the damaged file is "
                    "kept aside"
                )
            )
            self.salvage_button.clicked.connect(self.salvage)
            box.addButton(self.salvage_button, QDialogButtonBox.ButtonRole.ActionRole)
        quit_button = box.addButton(_("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        quit_button.clicked.connect(self.reject)
        return box

    # --- the ways back -------------------------------------------------------------------

    def choose_and_restore(self) -> None:
        newest = self.error.newest_backup
        folder = str(newest.path.parent if newest else self.profile.backups_dir)
        name, _filter = QFileDialog.getOpenFileName(
            self, _("Restore a backup"), folder, _("foidesk backups") + " (*.foidesk-backup)"
        )
        if name:
            self.restore(Path(name))

    def restore(self, path: Path) -> None:
        """Restore ``path`` into the profile (its folder is kept aside, never deleted)."""
        profile = self.profile

        def work(progress: Progress) -> object:
            result = restore_backup(path, profile, progress)
            if result.previous_profile:
                return _("Restored {file}; your previous folder is kept in {folder}").format(
                    file=path.name, folder=result.previous_profile
                )
            return _("Restored {file}").format(file=path.name)

        self._run(work, _("Restoring"))

    def salvage(self) -> None:
        """Salvage into a new database; the profile opens on it once its check passes
        (when it does not, the salvaged database is still better than the damaged one,
        and the launcher opens it all the same: the window then shows what is missing)."""
        from foidesk.core.salvage import salvage  # loads only when asked for

        profile = self.profile

        def work(progress: Progress) -> object:
            result = salvage(profile, progress=progress)
            return _("Salvaged the database; the damaged file is kept as {file}").format(
                file=result.damaged_copy.name
            )

        self._run(work, _("Salvaging"))

    # --- running one piece of work ---------------------------------------------------

    def _run(self, work: Callable[[Progress], object], title: str) -> None:
        if self._progress is not None:
            return
        progress = TaskProgress(self)
        self._progress = progress
        self.progress = progress_dialog(self, title, progress, modal=True)
        self._tasks.start(
            lambda: work(progress),
            lambda outcome: self._finish(self._succeeded, outcome),
            lambda exc: self._finish(self._failed, _message_of(exc)),
        )

    def _finish(self, handler: Callable[[object], None], outcome: object) -> None:
        dialog, self.progress = self.progress, None
        if dialog is not None:
            close_dialog(dialog)
        self._progress = None
        handler(outcome)

    def _succeeded(self, outcome: object) -> None:
        self.repaired.emit(str(outcome))
        self.accept()

    def _failed(self, text: object) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "foidesk", str(text), QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("profile-problem-failure")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_box = box


_CANCELLED = N_("Cancelled: nothing was changed.")
_HEADINGS = {
    Problem.MISSING: N_("The database of this profile is missing"),
    Problem.EMPTY: N_("The database of this profile is empty"),
    Problem.DAMAGED: N_("The database of this profile is damaged"),
    Problem.FOREIGN: N_("This database belongs to another profile"),
    Problem.NOT_A_PROFILE: N_("This folder is not a foidesk profile"),
}


def _heading(problem: Problem) -> str:
    return _(_HEADINGS[problem])


def explanation_html(error: ProfileRefusedError) -> str:
    """The refusal laid out: what is wrong, what was here, and each way out in a list."""
    what = error.what[0].upper() + error.what[1:]
    folder = _("Profile folder: {folder}").format(
        folder=f"<code>{escape(str(error.data_dir))}</code>"
    )
    unchanged, choices = _("Nothing was changed."), _("What you can do:")
    facts = f"<p>{escape(what)}. {escape(error.history)} <b>{escape(unchanged)}</b></p>"
    items = "".join(f"<li>{_option_html(o)}</li>" for o in error.options)
    return f"<p>{folder}</p>{facts}<p>{escape(choices)}</p><ul>{items}</ul>"


def _option_html(option: Option) -> str:
    text = escape(option.text[0].upper() + option.text[1:])
    if option.command is None:
        return f"{text}."
    return f"{text}:<br><code>{escape(option.command)}</code>"


def _message_of(exc: BaseException) -> str:
    if isinstance(exc, Cancelled):
        return _(_CANCELLED)
    if isinstance(exc, FoideskError):
        return str(exc)
    details = "".join(traceback.format_exception(exc))
    return _("foidesk hit an unexpected error; nothing was changed.") + f"\n\n{details}"


def ask_about_profile(
    error: ProfileRefusedError, profile: Profile, parent: QObject | None = None
) -> ProfileProblemDialog:
    """The dialog, opened (not run: the event loop goes on); the caller connects to its
    ``accepted`` (open the profile again) and ``rejected`` (quit)."""
    dialog = ProfileProblemDialog(error, profile, parent if isinstance(parent, QWidget) else None)
    dialog.open()
    return dialog
