"""Start-up in two steps: paint a window at once, then open the profile behind it.

Loading the database layer, the deadline tables and the main window's panes
takes most of a second; a person should see foidesk's window appear while
that happens, not a blank screen. The shell is a plain window with the main
window's saved geometry and a line saying what is going on; once the main
window is built it takes the shell's place. The language is chosen before the shell
says anything (the profile's saved choice, or the system's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QMessageBox

from foidesk.core.i18n import _
from foidesk.core.profile import WINDOW_SETTINGS_FILE, Profile
from foidesk.gui import startup_log
from foidesk.gui.language import apply_saved_language

if TYPE_CHECKING:
    from foidesk.core.profile import ProfileRefusedError
    from foidesk.gui.main_window import MainWindow
    from foidesk.gui.profile_problem import ProfileProblemDialog


class StartupShell(QMainWindow):
    """The first window on screen: foidesk's frame, saying it is opening the profile."""

    painted = Signal()

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.setWindowTitle("foidesk")
        self.resize(1280, 800)
        saved = QSettings(str(profile.data_dir / WINDOW_SETTINGS_FILE), QSettings.Format.IniFormat)
        geometry = saved.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.label = QLabel(_("Opening your requests…"))
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setAccessibleName(_("Opening your requests"))
        self.setCentralWidget(self.label)
        self._told = False

    def show_problem(self) -> None:
        self.label.setText(_("Your requests could not be opened."))

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._told:
            self._told = True
            startup_log.note(startup_log.VISIBLE)
            QTimer.singleShot(0, self.painted.emit)


class Launcher(QObject):
    """Shows the shell, then opens the profile and swaps in the main window."""

    ready = Signal(object)  # MainWindow
    failed = Signal(str)

    def __init__(self, profile: Profile, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.profile = profile
        self.language = apply_saved_language(profile.data_dir)
        self.shell = StartupShell(profile)
        self.window: MainWindow | None = None
        self.problem: ProfileProblemDialog | None = None
        self.shell.painted.connect(self._open)

    def start(self) -> None:
        self.shell.show()

    def _open(self) -> None:
        from foidesk.core.desk import Desk
        from foidesk.core.errors import FoideskError
        from foidesk.core.profile import ProfileRefusedError, start_logging
        from foidesk.gui.errors_ui import install_excepthook
        from foidesk.gui.main_window import MainWindow
        from foidesk.gui.palette import apply_theme

        try:
            desk = Desk.open(self.profile)
        except ProfileRefusedError as exc:
            self._explain(exc)
            return
        except FoideskError as exc:
            QMessageBox.critical(self.shell, _("foidesk cannot open its data"), str(exc))
            self.shell.close()
            self.failed.emit(str(exc))
            return
        start_logging(self.profile)
        window = MainWindow(desk)
        if startup_log.wanted():
            startup_log.watch(window)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, window.theme())
        install_excepthook(lambda: QApplication.activeWindow() or window)
        window.show()
        self.shell.close()
        self.window = window
        self.ready.emit(window)

    def _explain(self, error: ProfileRefusedError) -> None:
        """The refusal and the way back, instead of a window; opened again once mended."""
        from foidesk.gui.profile_problem import ask_about_profile

        self.shell.show_problem()
        self.problem = ask_about_profile(error, self.profile, self.shell)
        self.problem.accepted.connect(self._open)
        self.problem.rejected.connect(lambda: self._give_up(str(error)))

    def _give_up(self, message: str) -> None:
        self.shell.close()
        self.failed.emit(message)
