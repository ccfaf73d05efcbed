"""About foidesk: version, data folder, and where the data lives."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from foidesk import __version__
from foidesk.gui.resources import icon


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, database_url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About foidesk")
        self.setObjectName("about-dialog")
        logo = QLabel()
        logo.setPixmap(icon("foidesk").pixmap(QSize(64, 64), self.devicePixelRatioF()))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        database = "SQLite in the data folder" if database_url.startswith("sqlite") else "server"
        self.text = QLabel(
            f"<h2>foidesk {escape(__version__)}</h2>"
            "<p>Freedom of Information requests, their correspondence and every "
            "statutory deadline, kept on your own machine.</p>"
            f"<p><b>Data folder</b><br><code>{escape(str(data_dir))}</code></p>"
            f"<p><b>Database</b><br>{escape(database)}</p>"
            "<p>Licensed under the GNU GPL, version 3 or later.</p>"
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
