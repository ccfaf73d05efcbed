"""New and edit authority: name, contact address and the law it answers under by default."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from foidesk.core.deadlines import REGION_NAMES
from foidesk.core.i18n import _
from foidesk.core.records import AuthorityRecord
from foidesk.gui.forms import lay_out_dialog


class AuthorityDialog(QDialog):
    def __init__(
        self,
        regimes: list[tuple[str, str]],
        existing: AuthorityRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.existing = existing
        self.setWindowTitle(_("Edit authority") if existing else _("New authority"))
        self.setObjectName("authority-dialog")
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Name"))
        self.short_name = QLineEdit()
        self.short_name.setAccessibleName(_("Short name"))
        self.email = QLineEdit()
        self.email.setAccessibleName(_("FOI email address"))
        self.email.setPlaceholderText("foi@authority.example")
        self.jurisdiction = QLineEdit()
        self.jurisdiction.setAccessibleName(_("Jurisdiction"))
        self.region = QComboBox()
        self.region.setAccessibleName(_("Region"))
        self.region.setToolTip(_("Some laws count the holidays of the authority's state or nation"))
        self.region.addItem(_("Not set: the law's default"), None)
        for code, region_name in REGION_NAMES.items():
            self.region.addItem(f"{region_name} ({code})", code)
        self.regime = QComboBox()
        self.regime.setAccessibleName(_("Default law"))
        for regime_id, name in regimes:
            self.regime.addItem(name, regime_id)
        self.is_school = QCheckBox(_("A school or academy (school-day deadlines)"))
        self.notes = QPlainTextEdit()
        self.notes.setAccessibleName(_("Notes"))
        self.notes.setFixedHeight(80)
        self.error = QLabel()
        self.error.setObjectName("form-error")
        self.error.hide()
        form = QFormLayout()
        form.addRow(_("&Name:"), self.name)
        form.addRow(_("S&hort name:"), self.short_name)
        form.addRow(_("&Email:"), self.email)
        form.addRow(_("&Jurisdiction:"), self.jurisdiction)
        form.addRow(_("&Region:"), self.region)
        form.addRow(_("Default &law:"), self.regime)
        form.addRow("", self.is_school)
        form.addRow(_("N&otes:"), self.notes)
        lay_out_dialog(self, form, self.error)
        if existing is not None:
            self._fill(existing)

    def _fill(self, a: AuthorityRecord) -> None:
        self.name.setText(a.name)
        self.short_name.setText(a.short_name or "")
        self.email.setText(a.email or "")
        self.jurisdiction.setText(a.jurisdiction or "")
        if a.region and self.region.findData(a.region) < 0:
            self.region.addItem(a.region, a.region)
        self.region.setCurrentIndex(max(self.region.findData(a.region), 0))
        self.regime.setCurrentIndex(max(self.regime.findData(a.default_regime), 0))
        self.is_school.setChecked(a.is_school)
        self.notes.setPlainText(a.notes)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(_("Please give the authority's name."))
            self.error.show()
            return
        super().accept()

    def fields(self) -> dict[str, object]:
        """Keyword arguments for ``Desk.add_authority`` / ``update_authority``."""
        values: dict[str, object] = {
            "name": self.name.text().strip(),
            "short_name": self.short_name.text().strip() or None,
            "email": self.email.text().strip() or None,
            "jurisdiction": self.jurisdiction.text().strip() or None,
            "region": self.region.currentData(),
            "is_school": self.is_school.isChecked(),
            "notes": self.notes.toPlainText(),
        }
        key = "default_regime" if self.existing else "regime"
        values[key] = str(self.regime.currentData())
        return values
