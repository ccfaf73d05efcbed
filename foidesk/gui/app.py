"""Start the application: open the profile, show the main window, run the event loop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from foidesk import __version__
from foidesk.core.desk import Desk
from foidesk.core.errors import FoideskError
from foidesk.core.profile import resolve_profile

from .errors_ui import install_excepthook
from .main_window import MainWindow
from .palette import apply_theme
from .resources import icon, stylesheet


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("foidesk")
    app.setApplicationDisplayName("foidesk")
    app.setOrganizationName("foidesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("foidesk")
    app.setWindowIcon(icon("foidesk"))
    app.setStyleSheet(stylesheet())
    return app


def run(data_dir: str | None = None, database_url: str | None = None) -> int:
    app = make_application()
    try:
        desk = Desk.open(resolve_profile(data_dir, database_url))
    except FoideskError as exc:
        QMessageBox.critical(None, "foidesk cannot open its data", str(exc))
        return 1
    window = MainWindow(desk)
    apply_theme(app, window.theme())
    install_excepthook(lambda: QApplication.activeWindow() or window)
    window.show()
    try:
        return app.exec()
    finally:
        window.shut_down()
        desk.close()
