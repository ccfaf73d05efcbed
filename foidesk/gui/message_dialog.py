"""Add a message by hand: a phone call, a letter that came by post, a note to self."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from foidesk.core.i18n import N_, _
from foidesk.core.importing import added_by_hand
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.vocabulary import MessageKind
from foidesk.gui.dates import date_time_edit_format
from foidesk.gui.forms import lay_out_dialog

#: How the correspondence travelled: (label, direction, kind, how it came). The label is
#: stored as the subject when none is typed; how it came is kept as the reason the
#: message is in the thread (``added_by_hand``), worded when shown.
CHANNELS = (
    (N_("Phone call with the authority"), "incoming", MessageKind.NOTE, "phone-call"),
    (N_("Letter received by post"), "incoming", MessageKind.RESPONSE, "letter-received"),
    (N_("Letter sent by post"), "outgoing", MessageKind.FOLLOW_UP, "letter-sent"),
    (N_("Email received (typed in)"), "incoming", MessageKind.RESPONSE, "email"),
    (N_("Email sent (typed in)"), "outgoing", MessageKind.FOLLOW_UP, "email"),
    (N_("Note to self"), "outgoing", MessageKind.NOTE, "note"),
)


class MessageDialog(QDialog):
    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Add message"))
        self.setObjectName("message-dialog")
        self.channel = QComboBox()
        self.channel.setAccessibleName(_("How it came"))
        for label, *_rest in CHANNELS:
            self.channel.addItem(_(label))
        self.kind = QComboBox()
        self.kind.setAccessibleName(_("Kind of message"))
        for kind in MessageKind:
            self.kind.addItem(kind.label, kind.value)
        self.when = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(int(now.timestamp())))
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat(date_time_edit_format())
        self.when.setAccessibleName(_("Date and time"))
        self.who = QLineEdit()
        self.who.setAccessibleName(_("From or with"))
        self.who.setPlaceholderText(_("Who called or wrote (optional)"))
        self.subject = QLineEdit()
        self.subject.setAccessibleName(_("Subject"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(_("What was said"))
        self.files = QListWidget()
        self.files.setAccessibleName(_("Attached files"))
        self.files.setFixedHeight(70)
        add_files = QPushButton(_("Attach files…"))
        add_files.clicked.connect(self._choose_files)
        files_row = QHBoxLayout()
        files_row.addWidget(self.files, 1)
        files_row.addWidget(add_files)
        form = QFormLayout()
        form.addRow(_("&How:"), self.channel)
        form.addRow(_("&Kind:"), self.kind)
        form.addRow(_("&When:"), self.when)
        form.addRow(_("&From / with:"), self.who)
        form.addRow(_("&Subject:"), self.subject)
        form.addRow(_("&Text:"), self.body)
        form.addRow(_("Files:"), files_row)
        lay_out_dialog(self, form)
        self.channel.currentIndexChanged.connect(self._channel_changed)
        self._channel_changed(0)
        self.resize(560, 520)

    def _channel_changed(self, index: int) -> None:
        self.kind.setCurrentIndex(self.kind.findData(CHANNELS[index][2].value))

    def _choose_files(self) -> None:
        names, _filter = QFileDialog.getOpenFileNames(self, _("Attach files"))
        self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            self.files.addItem(str(path))

    def new_message(self) -> NewMessage:
        _label, direction, _kind, channel = CHANNELS[self.channel.currentIndex()]
        when = self.when.dateTime().toPython()
        assert isinstance(when, datetime)
        moment = when.astimezone()
        paths = [Path(self.files.item(i).text()) for i in range(self.files.count())]
        who = self.who.text().strip()
        return NewMessage(
            direction=direction,
            kind=str(self.kind.currentData()),
            sent_at=moment,
            received_at=moment,
            from_addr=who if direction == "incoming" else "",
            to=(who,) if direction == "outgoing" and who else (),
            subject=self.subject.text().strip() or self.channel.currentText(),
            body_text=self.body.toPlainText(),
            attachments=tuple(NewAttachment(p.name, p) for p in paths),
            filed_by=added_by_hand(channel),
        )
