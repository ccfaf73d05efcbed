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
from foidesk.gui import language
from foidesk.gui.palette import Theme


class PreferencesDialog(QDialog):
    theme_chosen = Signal(object)  # Theme
    language_chosen = Signal(str)  # "system" or a language tag: used from the next start

    def __init__(
        self,
        theme: Theme,
        data_dir: str,
        parent: QWidget | None = None,
        language_choice: str = language.SYSTEM,
    ) -> None:
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
        self.language = self._language_box(language_choice)
        self.language_note = QLabel(_("A new language is used from the next start of foidesk."))
        self.language_note.setObjectName("language-note")
        self.language_note.setWordWrap(True)
        general = QWidget()
        form = QFormLayout(general)
        form.addRow(_("&Colour scheme:"), self.theme)
        form.addRow(_("&Language:"), self.language)
        form.addRow("", self.language_note)
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
        self.resize(560, 380)

    def _language_box(self, current: str) -> QComboBox:
        box = QComboBox()
        box.setAccessibleName(_("Language"))
        box.setAccessibleDescription(_("A new language is used from the next start of foidesk."))
        for value, label in language.choices():
            box.addItem(label, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.currentIndexChanged.connect(self._language_changed)
        return box

    def _language_changed(self, _index: int) -> None:
        value = str(self.language.currentData())
        self.language_note.setText(
            _("{language} is used from the next start of foidesk.").format(
                language=self.language.currentText()
            )
            if value != language.SYSTEM
            else _("The system's language is used from the next start of foidesk.")
        )
        self.language_chosen.emit(value)

    def add_page(self, page: QWidget, title: str) -> None:
        self.tabs.addTab(page, title)
        self.resize(self.size().expandedTo(self.sizeHint()))
