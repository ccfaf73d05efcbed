"""A spin box for a count of something, its unit in the plural form the count needs.

A fixed suffix reads "1 days" in English and "1 Tage" in German; the unit's form depends
on the number shown, and some languages put the unit before it. So the box is given a
wording with a ``{count}`` field (``ngettext("{count} day", "{count} days", n)``) and
takes its prefix and suffix from that wording each time its value changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QSpinBox, QWidget

#: The sentence for a count, ``{count}`` where the number stands.
CountWording = Callable[[int], str]


class CountSpinBox(QSpinBox):
    def __init__(self, wording: CountWording, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._wording = wording
        self.valueChanged.connect(self._word)
        self._word(self.value())

    def _word(self, value: int) -> None:
        before, _field, after = self._wording(value).partition("{count}")
        self.setPrefix(before)
        self.setSuffix(after)
