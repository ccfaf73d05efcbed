"""The Backups settings page: where backups go, how many are kept, when the last was made
and what the last rotation removed or kept (from the note the core keeps in the profile).

Every change is saved at once in the profile's settings, so the page can sit in any
preferences dialog without an Apply button. The page reads and writes through the
core's backup settings only; the controller runs the actual backups.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.backup import (
    MAX_KEEP,
    BackupEntry,
    BackupSettings,
    RotationNote,
    holdings,
    last_rotation,
    load_settings,
    set_automatic,
    set_folder,
    set_keep,
)
from foidesk.core.changes import Changes
from foidesk.core.i18n import N_, _, ngettext
from foidesk.gui.dates import long_moment_text, short_moment_text
from foidesk.gui.spin_boxes import CountSpinBox, CountWording
from foidesk.gui.tasks.database import DeskWorker

MINIMUM_WIDTH = 560
#: The folder's field keeps room for a path's start beside its two buttons.
FOLDER_MIN_WIDTH = 180
EXPLANATION = N_(
    "Each backup is one file holding every request, message and attachment. It is "
    "checked before it is kept, and any ZIP tool can open it. Older backups are removed "
    "automatically: the newest of each recent day is kept, and then the newest of each "
    "week before. A backup is never removed because of a newer one that holds fewer "
    "requests, messages or files; every removal is written to logs/foidesk.log in the "
    "profile."
)
MOST_LINES_SHOWN = 4


class BackupSettingsPage(QWidget):
    #: the settings are on show (after each read from the database)
    shown = Signal()

    def __init__(self, worker: DeskWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._settings: BackupSettings | None = None
        self.setObjectName("backup-settings")
        self.automatic = QCheckBox(_("Back up every day while foidesk runs, and when it closes"))
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.folder.setAccessibleName(_("Backup folder"))
        self.folder.setMinimumWidth(FOLDER_MIN_WIDTH)
        self.choose_folder = QPushButton(_("Choose…"))
        self.default_folder = QPushButton(_("Use default"))
        self.keep_daily = _spin_box(_days, minimum=1, name=_("Daily backups to keep"))
        self.keep_weekly = _spin_box(_weeks, minimum=0, name=_("Weekly backups to keep"))
        self.last_backup = QLabel()
        self.last_backup.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_backup.setWordWrap(True)
        self.last_rotation = QLabel()
        self.last_rotation.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.last_rotation.setWordWrap(True)
        self.back_up_now = QPushButton(_("Back up now…"))
        self.restore = QPushButton(_("Restore…"))
        self._build()
        self.refresh()
        self._connect()

    def _build(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.choose_folder)
        folder_row.addWidget(self.default_folder)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        folder_label = QLabel(_("&Folder:"))
        folder_label.setBuddy(self.choose_folder)
        form.addRow(self.automatic)
        form.addRow(folder_label, folder_row)
        form.addRow(_("Keep &daily backups for:"), self.keep_daily)
        form.addRow(_("Keep &weekly backups for:"), self.keep_weekly)
        form.addRow(_("Last backup:"), self.last_backup)
        form.addRow(_("Last rotation:"), self.last_rotation)
        about = QLabel(_(EXPLANATION))
        about.setWordWrap(True)
        about.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore)
        buttons.addWidget(self.back_up_now)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(6)
        layout.addWidget(about)
        layout.addStretch(1)
        layout.addLayout(buttons)
        # wider when the labels are (German's are): never less than the form needs
        self.setMinimumWidth(max(MINIMUM_WIDTH, layout.minimumSize().width()))

    def _connect(self) -> None:
        self.automatic.toggled.connect(lambda on: self._change(set_automatic, on))
        self.keep_daily.valueChanged.connect(lambda n: self._change(set_keep, daily=n))
        self.keep_weekly.valueChanged.connect(lambda n: self._change(set_keep, weekly=n))
        self.choose_folder.clicked.connect(self._choose_folder)
        self.default_folder.clicked.connect(self._use_default_folder)

    def _change(self, setter: Callable[..., None], *args: object, **kwargs: object) -> None:
        """Store a setting on the database thread; the published change refreshes."""
        self._worker.submit(lambda desk: setter(desk, *args, **kwargs))

    def apply(self, changes: Changes, _serial: int = 0) -> None:
        if changes.everything or any(key.startswith("backup.") for key in changes.settings):
            self.refresh()

    def refresh(self) -> None:
        """Show the settings as stored (after a backup, a restore, or a change elsewhere)."""
        self._worker.submit(
            lambda desk: (load_settings(desk), last_rotation(desk)),
            self._show,
            channel="backup-settings",
        )

    def _show(self, read: tuple[BackupSettings, RotationNote | None]) -> None:
        settings, note = read
        self._settings = settings
        for widget in (self.automatic, self.keep_daily, self.keep_weekly):
            widget.blockSignals(True)
        self.automatic.setChecked(settings.automatic)
        self.keep_daily.setValue(settings.keep_daily)
        self.keep_weekly.setValue(settings.keep_weekly)
        for widget in (self.automatic, self.keep_daily, self.keep_weekly):
            widget.blockSignals(False)
        self.folder.setText(str(settings.folder))
        self.folder.setToolTip(str(settings.folder))
        self.folder.setCursorPosition(0)
        self.default_folder.setEnabled(not settings.folder_is_default)
        self.last_backup.setText(last_backup_text(settings))
        self.last_rotation.setText(last_rotation_text(note))
        self.last_rotation.setToolTip("\n".join(note.lines) if note else "")
        self.shown.emit()

    def _choose_folder(self) -> None:
        current = str(self._settings.folder) if self._settings else ""
        chosen = QFileDialog.getExistingDirectory(self, _("Folder for backups"), current)
        if chosen:
            self._change(set_folder, Path(chosen))

    def _use_default_folder(self) -> None:
        self._change(set_folder, None)


def _days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count)


def _weeks(count: int) -> str:
    return ngettext("{count} week", "{count} weeks", count)


def _spin_box(wording: CountWording, *, minimum: int, name: str) -> QSpinBox:
    box = CountSpinBox(wording)
    box.setRange(minimum, MAX_KEEP)
    box.setAccessibleName(name)
    box.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return box


def last_backup_text(settings: BackupSettings) -> str:
    if settings.last_at is None:
        return _("Never")
    when = long_moment_text(settings.last_at)
    name = f"\n{settings.last_file.name}" if settings.last_file else ""
    return f"{when}{name}"


def last_rotation_text(note: RotationNote | None) -> str:
    if note is None:
        return _("Never")
    when = long_moment_text(note.at)
    lines = rotation_lines(note)
    if not lines:
        return _("{when}: nothing removed").format(when=when)
    return f"{when}:\n" + "\n".join(lines)


def rotation_lines(note: RotationNote, most: int = MOST_LINES_SHOWN) -> list[str]:
    """What rotation did, by the backups' local times (their file names are in the
    tooltip and the log), one a line; beyond ``most``, only counted."""
    lines = [
        _("Removed the backup of {when} ({holds})").format(when=_when(e), holds=_holds(e))
        for e in note.removed
    ]
    lines += [
        _("Kept the backup of {when}: {why}").format(
            when=_when(k.backup), why=k.explain(_backup_of)
        )
        for k in note.kept_because
    ]
    if len(lines) > most:
        more = len(lines) - most
        lines[most:] = [
            ngettext(
                "…and {count} more, listed in {log}",
                "…and {count} more, listed in {log}",
                more,
            ).format(count=more, log="logs/foidesk.log")
        ]
    return [f"• {line}" for line in lines]


def _when(entry: BackupEntry) -> str:
    return short_moment_text(entry.created_at)


def _backup_of(entry: BackupEntry) -> str:
    return _("backup of {when}").format(when=_when(entry))


def _holds(entry: BackupEntry) -> str:
    return holdings(entry.counts) if entry.counts else _("its manifest cannot be read")
