"""A bar above the window's panes while the profile can only be read.

Two reasons: the profile is on a disk foidesk cannot write (everything can still be
read, listed, searched and checked), or its database was found damaged after it
opened (``Desk.check_pages`` in the background, or a failed read) — then every write
is refused, and the bar offers the way back: restore a backup.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QWidget

from foidesk.core.i18n import _
from foidesk.gui.resources import icon

ICON_SIZE = 20


class ProfileBanner(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("profile-banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        badge = QLabel()
        badge.setPixmap(icon("state-overdue").pixmap(ICON_SIZE, ICON_SIZE))
        self.text = QLabel()
        self.text.setObjectName("profile-banner-text")
        self.text.setWordWrap(True)
        self.text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.restore = QPushButton(_("Restore a backup…"))
        self.restore.setObjectName("profile-banner-restore")
        layout.addWidget(badge)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.restore)
        self.hide()

    def show_read_only(self) -> None:
        self.text.setText(
            _(
                "This profile is on a disk foidesk cannot write: you can read, search and "
                "check it, but not change it."
            )
        )
        self.restore.hide()
        self.setAccessibleName(_("The profile is read-only"))
        self.show()

    def show_damage(self, detail: str) -> None:
        self.text.setText(
            _(
                "The database is damaged ({detail}), so foidesk only reads it and saves no "
                "change. Restore the newest backup, or run {command} to copy what can still "
                "be read into a new database."
            ).format(detail=detail, command="<code>foidesk salvage</code>")
        )
        self.restore.show()
        self.setAccessibleName(_("The database is damaged"))
        self.show()
