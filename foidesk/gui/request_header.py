"""The head of a request: what it is, where it stands, and every deadline with its reasons."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.deadlines import Deadline
from foidesk.core.i18n import _
from foidesk.core.records import RequestDetail, StatusChangeRecord
from foidesk.core.vocabulary import RequestStatus
from foidesk.gui import deadline_display
from foidesk.gui.compact_buttons import CompactButtons
from foidesk.gui.dates import date_text
from foidesk.gui.deadline_chips import DeadlineChips
from foidesk.gui.next_steps_panel import NextStepsPanel
from foidesk.gui.resources import icon

#: The narrowest the title gets before the buttons beside it give up their words.
TITLE_MIN_WIDTH = 240


class RequestHeader(QFrame):
    """Title, authority, law, reference, status (editable) and deadlines (explainable)."""

    status_chosen = Signal(str, str)  # old status, new status
    edit_requested = Signal()
    add_message_requested = Signal()
    record_event_requested = Signal()
    write_letter_requested = Signal(str)  # the letter kind of a next step

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("request-header")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._detail: RequestDetail | None = None
        self._regime_names: dict[str, str] = {}
        self.title = QLabel()
        self.title.setObjectName("request-title")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        self.title.setFont(font)
        self.meta = QLabel()
        self.meta.setWordWrap(True)
        self.meta.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = QComboBox()
        self.status.setAccessibleName(_("Status"))
        self.status.setToolTip(
            _("Change the status; every change is kept in the request's history")
        )
        for status in RequestStatus:
            self.status.addItem(status.label, status.value)
        self.status.activated.connect(self._on_status)
        self.last_change = QLabel()
        self.last_change.setObjectName("last-change")
        self.last_change.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # it wraps, and takes only the room the status row leaves (never widening the pane)
        self.last_change.setWordWrap(True)
        self.last_change.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.deadlines = DeadlineChips()
        self.next_steps = NextStepsPanel()
        self.next_steps.write_letter_requested.connect(self.write_letter_requested)
        self._build_layout()

    def _build_layout(self) -> None:
        buttons = []
        for text, name, signal in (
            (_("Edit…"), "edit", self.edit_requested),
            (_("Add message…"), "message-add", self.add_message_requested),
            (_("Record event…"), "event", self.record_event_requested),
        ):
            button = QToolButton()
            button.setText(text)
            button.setIcon(icon(name))
            button.setAccessibleName(text.rstrip("…"))
            button.clicked.connect(signal.emit)
            buttons.append(button)
        self.actions_row = CompactButtons(buttons)
        # the buttons have their words first; the title takes the rest, never less than this
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setMinimumWidth(TITLE_MIN_WIDTH)
        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.actions_row, 0, Qt.AlignmentFlag.AlignTop)
        status_row = QHBoxLayout()
        label = QLabel(_("&Status:"))
        label.setBuddy(self.status)
        status_row.addWidget(label)
        status_row.addWidget(self.status)
        status_row.addWidget(self.last_change, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.meta)
        layout.addLayout(status_row)
        layout.addWidget(self.deadlines)
        layout.addWidget(self.next_steps)

    def set_regime_names(self, names: dict[str, str]) -> None:
        self._regime_names = names

    def show_request(self, detail: RequestDetail, deadlines: tuple[Deadline, ...]) -> None:
        self._detail = detail
        s = detail.summary
        self.title.setText(s.title)
        law = self._regime_names.get(s.regime, s.regime)
        parts = [_("To {authority}").format(authority=f"<b>{escape(s.authority)}</b>"), escape(law)]
        if s.reference:
            parts.append(
                _("reference {reference}").format(reference=f"<b>{escape(s.reference)}</b>")
            )
        if s.sent_on:
            parts.append(_("sent {day}").format(day=escape(date_text(s.sent_on))))
        if s.tags:
            parts.append(_("tags: {tags}").format(tags=", ".join(escape(t) for t in s.tags)))
        self.meta.setText(" · ".join(parts))
        self.status.setCurrentIndex(self.status.findData(s.status))
        self.last_change.setText(last_change_text(detail))
        self.last_change.setToolTip(history_html(detail.status_history))
        self._show_deadlines(deadlines)
        self.next_steps.show_steps(s.regime, s.status, deadlines)

    @property
    def deadline_buttons(self) -> list[QToolButton]:
        return self.deadlines.buttons

    def _show_deadlines(self, deadlines: tuple[Deadline, ...]) -> None:
        buttons = [_deadline_button(deadline) for deadline in deadlines]
        if not buttons:
            button = QToolButton()
            button.setText(_("No deadlines yet: the clock starts when the request is sent"))
            button.setAutoRaise(True)
            button.setEnabled(False)
            buttons.append(button)
        self.deadlines.set_buttons(buttons)

    def _on_status(self, index: int) -> None:
        if self._detail is None:
            return
        new = str(self.status.itemData(index))
        old = self._detail.summary.status
        if new != old:
            self.status_chosen.emit(old, new)


def last_change_text(detail: RequestDetail) -> str:
    """Who last wrote to the request and when (empty before members were recorded)."""
    if not detail.changed_by:
        return ""
    text = _("last changed by {member}")
    if detail.changed_at is not None:
        local = detail.changed_at.astimezone()
        text = _("last changed by {member} on {day} at {time}")
        return text.format(
            member=detail.changed_by,
            day=date_text(local.date()),
            time=local.strftime("%H:%M"),
        )
    return text.format(member=detail.changed_by)


def history_html(history: tuple[StatusChangeRecord, ...]) -> str:
    """The status history, newest first, each change with the member who made it."""
    rows = []
    for change in reversed(history):
        parts = [date_text(change.changed_on), _status_label(change.status)]
        if change.changed_by:
            parts.append(_("by {member}").format(member=change.changed_by))
        if change.note:
            parts.append(change.note)
        rows.append(f"<li>{escape(' · '.join(parts))}</li>")
    heading = _("Status history")
    return f"<b>{escape(heading)}</b><ul>{''.join(rows)}</ul>"


def _status_label(status: str) -> str:
    try:
        return RequestStatus(status).label
    except ValueError:
        return status


def _deadline_button(deadline: Deadline) -> QToolButton:
    """A deadline as a button: hover shows how it was computed, a click pins that text."""
    button = QToolButton()
    button.setAutoRaise(True)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.setIcon(icon(deadline_display.icon_name(deadline)))
    button.setIconSize(QSize(18, 18))
    button.setText(deadline_display.long_text(deadline))
    explanation = deadline.explanation.text()
    button.setToolTip(explanation)
    button.setAccessibleName(deadline_display.long_text(deadline))
    button.setAccessibleDescription(explanation)
    button.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if deadline_display.is_urgent(deadline):
        font = button.font()
        font.setBold(True)
        button.setFont(font)
    button.clicked.connect(
        lambda: QToolTip.showText(
            button.mapToGlobal(button.rect().bottomLeft()), explanation, button
        )
    )
    return button
