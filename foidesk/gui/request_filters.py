"""The filter bar above the request list: quick filter box and the four menus."""

from __future__ import annotations

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
)

from foidesk.core.i18n import _
from foidesk.core.records import FilterChoices, ListQuery, SortKey, StatusGroup
from foidesk.gui.resources import icon

ANY = None


class FilterBar(QWidget):
    """Emits ``changed`` with a new ``ListQuery`` whenever the user changes a filter."""

    changed = Signal(object)  # ListQuery

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._sort = SortKey.LAST_ACTIVITY
        self._descending = True
        self.text = QLineEdit()
        self.text.setPlaceholderText(_("Filter by title, authority or reference (Ctrl+L)"))
        self.text.setAccessibleName(_("Quick filter"))
        self.text.setClearButtonEnabled(True)
        self.text.addAction(icon("find"), QLineEdit.ActionPosition.LeadingPosition)
        self.group = self._combo(_("Status group"))
        for group in StatusGroup:
            self.group.addItem(group.label, group)
        self.authority = self._combo(_("Authority filter"))
        self.tag = self._combo(_("Tag filter"))
        self.regime = self._combo(_("Regime filter"))
        self.set_choices(FilterChoices((), (), ()), {})
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 0, 0, 1, 4)
        for column, combo in enumerate((self.group, self.authority, self.tag, self.regime)):
            layout.addWidget(combo, 1, column)  # no stretch: each first gets what it asks
        self.text.textChanged.connect(self._emit)
        for combo in (self.group, self.authority, self.tag, self.regime):
            combo.currentIndexChanged.connect(self._emit)

    def _combo(self, name: str) -> QComboBox:
        combo = FilterCombo()
        combo.setAccessibleName(name)
        combo.setToolTip(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(5)  # a narrow list still shows four of them
        return combo

    def set_choices(self, choices: FilterChoices, regime_names: dict[str, str]) -> None:
        """Refill the menus with what is in use, keeping each current choice if still there."""
        _refill(self.authority, _("Any authority"), [(n, i) for i, n in choices.authorities])
        _refill(self.tag, _("Any tag"), [(t, t) for t in choices.tags])
        _refill(self.regime, _("Any law"), [(regime_names.get(r, r), r) for r in choices.regimes])

    def set_sort(self, key: SortKey, descending: bool) -> None:
        self._sort, self._descending = key, descending
        self._emit()

    def query(self) -> ListQuery:
        return ListQuery(
            text=self.text.text().strip(),
            group=StatusGroup(self.group.currentData() or StatusGroup.ALL),  # Qt hands back a str
            authority_id=self.authority.currentData(),
            tag=self.tag.currentData(),
            regime=self.regime.currentData(),
            sort=self._sort,
            descending=self._descending,
        )

    def is_filtering(self) -> bool:
        q = self.query()
        return bool(q.text or q.authority_id or q.tag or q.regime) or q.group is not StatusGroup.ALL

    def _emit(self) -> None:
        self.changed.emit(self.query())


class FilterCombo(QComboBox):
    """A filter menu that asks for the room its "Any …" choice needs whole (German words
    are long: "Alle Schlagwörter"), yet may still be squeezed to a few letters when the
    list is narrow: its minimum stays the few letters ``setMinimumContentsLength`` sets."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        if self.count():
            hint.setWidth(max(hint.width(), combo_width_for(self, self.itemText(0))))
        return hint


def combo_width_for(combo: QComboBox, text: str) -> int:
    """How wide ``combo`` must be to show ``text`` uncut, by its style's own measure."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    option.currentText = text
    contents = QSize(combo.fontMetrics().horizontalAdvance(text), combo.fontMetrics().height())
    style = combo.style()
    return style.sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, contents, combo).width()


def _refill(combo: QComboBox, anything: str, items: list[tuple[str, object]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(anything, ANY)
    for label, value in items:
        combo.addItem(label, value)
    found = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(found, 0))
    combo.blockSignals(False)
    combo.updateGeometry()  # its "Any …" may be worded anew
    if current is not None and found < 0:
        combo.currentIndexChanged.emit(0)
