"""Start the application: open the profile, show the main window, run the event loop."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from foidesk import __version__
from foidesk.core.profile import resolve_profile
from foidesk.gui.quit_signals import QuitOnSignals
from foidesk.gui.resources import icon, stylesheet
from foidesk.gui.startup import Launcher


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
    launcher = Launcher(resolve_profile(data_dir, database_url))
    launcher.failed.connect(lambda _message: app.exit(1))

    def close() -> None:
        if launcher.window is not None:
            launcher.window.close()  # as Quit does: layout saved, work finished
        else:
            app.quit()

    signals = QuitOnSignals(close, app)
    launcher.start()
    try:
        return app.exec()
    finally:
        signals.uninstall()
        window = launcher.window
        if window is not None:
            window.shut_down()
            window.desk.close()
