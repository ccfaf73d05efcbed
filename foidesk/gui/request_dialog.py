"""New and edit request: authority with completion, law defaulting to the authority's."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from foidesk.core.i18n import _
from foidesk.core.letters import request_letter
from foidesk.core.records import AuthorityRecord, NewRequest, RequestDetail
from foidesk.gui.dates import date_edit_format
from foidesk.gui.forms import lay_out_dialog
from foidesk.gui.undoable import RequestEdit


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class RequestDialog(QDialog):
    """Collects a request's fields; the window turns them into an (undoable) operation."""

    def __init__(
        self,
        authorities: list[AuthorityRecord],
        regimes: list[tuple[str, str]],
        today: date,
        existing: RequestDetail | None = None,
        parent: QWidget | None = None,
        request_templates: dict[str, str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.existing = existing
        self._today = today
        self._templates = request_templates or {}
        self._authorities = {a.name.lower(): a for a in authorities}
        self.setWindowTitle(_("Edit request") if existing else _("New request"))
        self.setObjectName("request-dialog")
        self.title = QLineEdit()
        self.title.setAccessibleName(_("Title"))
        self.title.setPlaceholderText(_("What you asked for, in a few words"))
        self.authority = QComboBox()
        self.authority.setEditable(True)
        self.authority.setAccessibleName(_("Authority"))
        self.authority.addItems([a.name for a in authorities])
        self.authority.setCurrentText("")
        completer = QCompleter([a.name for a in authorities], self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.authority.setCompleter(completer)
        line = self.authority.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setPlaceholderText(_("Type to find an authority, or a new name"))
        self.regime = QComboBox()
        self.regime.setAccessibleName(_("Law"))
        for regime_id, name in regimes:
            self.regime.addItem(name, regime_id)
        self.sent = QDateEdit(to_qdate(today))
        self.sent.setCalendarPopup(True)
        self.sent.setDisplayFormat(date_edit_format())
        self.sent.setAccessibleName(_("Sent on"))
        self.draft = QCheckBox(_("Not sent yet (draft)"))
        self.reference = QLineEdit()
        self.reference.setAccessibleName(_("Reference"))
        self.reference.setPlaceholderText(_("The authority's reference, once they give one"))
        self.tags = QLineEdit()
        self.tags.setAccessibleName(_("Tags"))
        self.tags.setPlaceholderText(_("comma, separated, labels"))
        self.body = QPlainTextEdit()
        self.body.setAccessibleName(_("Request text"))
        self.body.setPlaceholderText(_("Dear …,\n\nPlease provide …"))
        self.address = QLabel()
        self.address.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.address.hide()
        self.as_letter = QPushButton(_("Write as a letter"))
        self.as_letter.setToolTip(
            _("Put the request text into the law's request letter, addressed to the authority")
        )
        self.as_letter.setVisible(existing is None and bool(self._templates))
        self.as_letter.clicked.connect(self._write_as_letter)
        self.error = QLabel()
        self.error.setObjectName("form-error")
        self.error.setWordWrap(True)
        self.error.hide()
        self._build()
        self.authority.currentTextChanged.connect(self._authority_changed)
        self.draft.toggled.connect(lambda on: self.sent.setEnabled(not on))
        if existing is not None:
            self._fill(existing)

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(_("&Title:"), self.title)
        form.addRow(_("&Authority:"), self.authority)
        form.addRow("", self.address)
        form.addRow(_("&Law:"), self.regime)
        sent_row = QHBoxLayout()
        sent_row.addWidget(self.sent)
        sent_row.addWidget(self.draft)
        sent_row.addStretch(1)
        sent_label = QLabel(_("&Sent on:"))  # a row of two widgets needs its label's buddy set
        sent_label.setBuddy(self.sent)
        form.addRow(sent_label, sent_row)
        form.addRow(_("&Reference:"), self.reference)
        form.addRow(_("Ta&gs:"), self.tags)
        form.addRow(_("Re&quest text:"), self.body)
        letter_row = QHBoxLayout()
        letter_row.addStretch(1)
        letter_row.addWidget(self.as_letter)
        form.addRow("", letter_row)
        lay_out_dialog(self, form, self.error)
        self.resize(640, 560)

    def _fill(self, detail: RequestDetail) -> None:
        s = detail.summary
        self.title.setText(s.title)
        self.authority.setCurrentText(s.authority)
        self.regime.setCurrentIndex(max(self.regime.findData(s.regime), 0))
        if s.sent_on is not None:
            self.sent.setDate(to_qdate(s.sent_on))
        self.draft.hide()
        self.reference.setText(s.reference or "")
        self.tags.setText(", ".join(s.tags))
        self.body.setPlainText(detail.body)

    def _authority_changed(self, text: str) -> None:
        """A known authority brings its own default law (the user may still change it)
        and its FOI address, where the request goes."""
        known = self._authorities.get(text.strip().lower())
        if known is not None:
            self.regime.setCurrentIndex(max(self.regime.findData(known.default_regime), 0))
        email = known.email if known is not None else None
        self.address.setText(_("FOI address: {email}").format(email=email) if email else "")
        self.address.setVisible(bool(email))

    def _write_as_letter(self) -> None:
        """The request text, as the law's request letter: what was typed becomes the
        question, and the letter names the law's sections and its time to answer."""
        regime = str(self.regime.currentData())
        authority = self.authority.currentText().strip()
        known = self._authorities.get(authority.lower())
        letter = request_letter(
            self._templates[regime],
            regime=regime,
            title=self.title.text().strip(),
            authority=authority,
            authority_email=known.email if known else None,
            question=self.body.toPlainText().strip(),
            sent_on=None if self.draft.isChecked() else from_qdate(self.sent.date()),
            today=self._today,
        )
        self.body.setPlainText(letter.body)

    def accept(self) -> None:
        """Stay open with a plain sentence rather than let the desk refuse empty fields."""
        no_title = not self.title.text().strip()
        no_authority = not self.authority.currentText().strip()
        if no_title or no_authority:
            self.error.setText(
                _("Please give a title and an authority.")
                if no_title and no_authority
                else _("Please give a title.")
                if no_title
                else _("Please give an authority.")
            )
            self.error.show()
            return
        super().accept()

    def _tag_list(self) -> tuple[str, ...]:
        return tuple(t.strip() for t in self.tags.text().split(",") if t.strip())

    def new_request(self) -> NewRequest:
        draft = self.draft.isChecked()
        return NewRequest(
            title=self.title.text().strip(),
            authority=self.authority.currentText().strip(),
            sent_on=None if draft else from_qdate(self.sent.date()),
            regime=str(self.regime.currentData()),
            body=self.body.toPlainText(),
            reference=self.reference.text().strip() or None,
            tags=self._tag_list(),
            status="draft" if draft else "waiting_response",
        )

    def request_edit(self) -> RequestEdit:
        return RequestEdit(
            title=self.title.text().strip(),
            authority=self.authority.currentText().strip(),
            regime=str(self.regime.currentData()),
            sent_on=from_qdate(self.sent.date()),
            body=self.body.toPlainText(),
            reference=self.reference.text().strip(),
            tags=self._tag_list(),
        )
