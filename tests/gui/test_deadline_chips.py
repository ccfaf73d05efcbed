"""Deadline buttons ask only for the width of the widest one, and sit side by side when
both of a pair fit."""

from __future__ import annotations

from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from foidesk.gui.deadline_chips import DeadlineChips

LONG = "Last day to ask for a review Thu 22 May 2025 — 47 working days left"


def _buttons() -> list[QToolButton]:
    texts = ("Response due Tue 23 Apr 2024 — met", LONG, "Last day to complain Fri 31 May")
    buttons = []
    for text in texts:
        button = QToolButton()
        button.setText(text)
        buttons.append(button)
    return buttons


def test_narrow_means_one_column_and_wide_means_two(qtbot: QtBot) -> None:
    chips = DeadlineChips()
    qtbot.addWidget(chips)
    buttons = _buttons()
    chips.set_buttons(buttons)
    widest = max(b.sizeHint().width() for b in buttons)
    assert chips.minimumSizeHint().width() == widest

    chips.resize(widest + 10, 100)
    chips.show()
    qtbot.waitUntil(lambda: chips.columns == 1)
    assert buttons[1].y() > buttons[0].y()

    chips.resize(chips.sizeHint().width() + 10, 100)
    qtbot.waitUntil(lambda: chips.columns == 2)
    qtbot.waitUntil(lambda: buttons[1].x() > buttons[0].x())
    assert buttons[1].y() == buttons[0].y()


def test_new_buttons_replace_the_old_ones(qtbot: QtBot) -> None:
    chips = DeadlineChips()
    qtbot.addWidget(chips)
    old = _buttons()
    chips.set_buttons(old)
    fresh = _buttons()[:1]
    chips.set_buttons(fresh)
    assert chips.buttons == fresh
