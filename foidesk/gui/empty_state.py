"""What a new user sees first: what foidesk does, and three ways to begin."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from foidesk.core.i18n import N_, _
from foidesk.gui.resources import icon

EMPTY_HEADING = N_("No requests yet")
EMPTY_TEXT = (
    N_(
        "foidesk keeps your Freedom of Information requests and everything the authority "
        "sends back, and tells you when each answer is due — counting working days and "
        "holidays the way the law does."
    ),
    N_(
        "Record a request you have sent, drop the emails you already have onto this window "
        "(<b>.eml</b>, <b>.msg</b> or an <b>.mbox</b> export), or load an example request "
        "to look around first."
    ),
)


def empty_html() -> str:
    paragraphs = "".join(f"<p>{_(text)}</p>" for text in EMPTY_TEXT)
    return f"<h2>{_(EMPTY_HEADING)}</h2>{paragraphs}"


class EmptyState(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("empty-state")
        logo = QLabel()
        logo.setPixmap(icon("foidesk").pixmap(QSize(72, 72), self.devicePixelRatioF()))
        text = QLabel(empty_html())
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        text.setMaximumWidth(580)
        self.new_button = QPushButton(icon("new"), _("New request…"))
        self.import_button = QPushButton(icon("import"), _("Import mail…"))
        self.example_button = QPushButton(icon("list"), _("Load example request"))
        for button in (self.new_button, self.import_button, self.example_button):
            button.setAccessibleName(button.text().rstrip("…"))
            button.setMinimumWidth(240)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(logo, 0, Qt.AlignmentFlag.AlignHCenter)
        # centred by stretches, not an alignment flag: with one, the layout would not ask
        # the wrapped text for the height its width needs, and would cut it short
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(text, 8)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addSpacing(12)
        for button in (self.new_button, self.import_button, self.example_button):
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
