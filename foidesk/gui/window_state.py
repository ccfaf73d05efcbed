"""Remembering the window between runs: size, splitters, column widths and sort.

Kept in the profile folder (``window.ini``) rather than the platform's settings
store, so two profiles keep two layouts and tests never touch the user's own. The
file is private like the rest of the profile: it is made 0600 before QSettings first
writes it, since QSettings keeps the mode of a file it rewrites but creates a new one
0666 minus the umask.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from foidesk.core import profile as privacy
from foidesk.core.profile import WINDOW_SETTINGS_FILE


class WindowState:
    def __init__(self, data_dir: Path) -> None:
        path = data_dir / WINDOW_SETTINGS_FILE
        privacy.ensure_private_file(path)
        self.settings = QSettings(str(path), QSettings.Format.IniFormat)

    def restore(
        self, window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]
    ) -> bool:
        """Put back what was saved; False on a first run (nothing saved yet)."""
        geometry = self.settings.value("window/geometry")
        if not isinstance(geometry, QByteArray):
            return False
        window.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            window.restoreState(state)
        for name, splitter in splitters.items():
            saved = self.settings.value(f"splitter/{name}")
            if isinstance(saved, QByteArray):
                splitter.restoreState(saved)
        for name, header in headers.items():
            saved = self.settings.value(f"header/{name}")
            if isinstance(saved, QByteArray):
                header.restoreState(saved)
        return True

    def save(
        self, window: QMainWindow, splitters: dict[str, QSplitter], headers: dict[str, QHeaderView]
    ) -> None:
        self.settings.setValue("window/geometry", window.saveGeometry())
        self.settings.setValue("window/state", window.saveState())
        for name, splitter in splitters.items():
            self.settings.setValue(f"splitter/{name}", splitter.saveState())
        for name, header in headers.items():
            self.settings.setValue(f"header/{name}", header.saveState())
        self.settings.sync()

    def value(self, key: str, default: str) -> str:
        found = self.settings.value(key, default)
        return str(found)

    def set_value(self, key: str, value: str) -> None:
        self.settings.setValue(key, value)
        self.settings.sync()
