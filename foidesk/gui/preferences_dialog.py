"""Preferences: a tab per area. Other areas (backups) add their own page with ``add_page``."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.i18n import _
from foidesk.gui.palette import Theme


class PreferencesDialog(QDialog):
    theme_chosen = Signal(object)  # Theme

    def __init__(self, theme: Theme, data_dir: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Preferences"))
        self.setObjectName("preferences-dialog")
        self.tabs = QTabWidget()
        self.theme = QComboBox()
        self.theme.setAccessibleName(_("Colour scheme"))
        for choice in Theme:
            self.theme.addItem(choice.label, choice.value)
        self.theme.setCurrentIndex(self.theme.findData(theme.value))
        self.theme.currentIndexChanged.connect(
            lambda _i: self.theme_chosen.emit(Theme(str(self.theme.currentData())))
        )
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(_("&Colour scheme:"), self.theme)
        folder = QLabel(data_dir)
        folder.setWordWrap(True)
        form.addRow(_("Data folder:"), folder)
        self.tabs.addTab(general, _("General"))
        # Further pages (Backups) are added by MainWindow.show_preferences via add_page().
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def add_page(self, page: QWidget, title: str) -> None:
        self.tabs.addTab(page, title)
