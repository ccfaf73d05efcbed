"""Telling the user about a reply that moved a deadline — or will, once they confirm what it
is — even when the window is behind others.

A desktop notification (through the system tray's balloon, which each platform shows
in its own way) when a tray is there; otherwise the status bar says it. The words
are the deadline engine's: the message's kind, the authority, the deadline's label
and its day in the chosen language's long date ("12 January 2027", "12. Januar 2027").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, QLocale, QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QSystemTrayIcon

from foidesk.core.deadlines import Deadline
from foidesk.core.i18n import _, pgettext
from foidesk.core.replies import ReplyKind
from foidesk.core.vocabulary import MessageKind

#: How long a tray balloon or the status line shows a notice.
NOTICE_MS = 15_000


@dataclass(frozen=True)
class DeadlineNotice:
    """A fetched reply and the deadline it opened or moved."""

    request_id: int
    message_kind: str
    authority: str
    deadline: Deadline
    #: The reply awaits the user's word on what it is (``ReplyKind``): the deadline is
    #: the one confirming the proposal would open.
    proposed: str | None = None

    def text(self) -> str:
        """'Response from Northtown Council — Last day to ask for a review: 12 January 2027',
        or for a reply still to confirm 'Reply from Northtown Council, probably a refusal —
        once you confirm it, Last day to ask for a review: 12 January 2027'."""
        day = long_day_text(self.deadline.due)
        if self.proposed is not None:
            return _(
                "Reply from {authority}, probably {phrase} — once you confirm it, {deadline}: {day}"
            ).format(
                authority=self.authority,
                phrase=ReplyKind(self.proposed).phrase,
                deadline=self.deadline.label,
                day=day,
            )
        return _("{kind} from {authority} — {deadline}: {day}").format(
            kind=_kind_label(self.message_kind),
            authority=self.authority,
            deadline=self.deadline.label,
            day=day,
        )


def _kind_label(kind: str) -> str:
    try:
        return MessageKind(kind).label
    except ValueError:
        return kind


def long_day_text(day: date) -> str:
    """'12 January 2027': a day a notice names, its month in words."""
    # Translators: a Qt date pattern (d = day, MMMM = the month's name, yyyy = year).
    pattern = pgettext("date format", "d MMMM yyyy")
    return QLocale().toString(QDate(day.year, day.month, day.day), pattern)


class Notifier(QObject):
    """Shows notices in the tray when there is one, else on the status line."""

    #: every notice shown, whichever way (for views and tests that follow them)
    notified = Signal(str)

    def __init__(
        self, icon: QIcon, status_line: Callable[[str, int], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._icon = icon
        self._status_line = status_line
        self._tray: QSystemTrayIcon | None = None

    @property
    def uses_tray(self) -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def notify(self, text: str) -> None:
        if self.uses_tray:
            tray = self._tray_icon()
            tray.showMessage(
                _("foidesk: a deadline changed"),
                text,
                QSystemTrayIcon.MessageIcon.Information,
                NOTICE_MS,
            )
        else:
            self._status_line(text, NOTICE_MS)
        self.notified.emit(text)

    def _tray_icon(self) -> QSystemTrayIcon:
        if self._tray is None:
            self._tray = QSystemTrayIcon(self._icon, self)
            self._tray.setToolTip("foidesk")
            self._tray.show()
        return self._tray

    def hide(self) -> None:
        """At close: a tray icon must not outlive the window."""
        if self._tray is not None:
            self._tray.hide()
