"""About foidesk: version, data folder, and where the data lives."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from foidesk import __version__
from foidesk.core.i18n import _
from foidesk.gui.resources import icon


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, database_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("About foidesk"))
        self.setObjectName("about-dialog")
        logo = QLabel()
        logo.setPixmap(icon("foidesk").pixmap(QSize(64, 64), self.devicePixelRatioF()))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        database = (
            _("SQLite in the data folder") if database_url.startswith("sqlite") else _("server")
        )
        about = _(
            "Freedom of Information requests, their correspondence and every statutory "
            "deadline, kept on your own machine."
        )
        folder_title, database_title = _("Data folder"), _("Database")
        licence = _("Licensed under the GNU GPL, version 3 or later.")
        self.text = QLabel(
            f"<h2>foidesk {escape(__version__)}</h2>"
            f"<p>{escape(about)}</p>"
            f"<p><b>{escape(folder_title)}</b><br><code>{escape(str(data_dir))}</code></p>"
            f"<p><b>{escape(database_title)}</b><br>{escape(database)}</p>"
            f"<p>{escape(licence)}</p>"
        )
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(logo)
        row.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(460, 280)
