"""Record event offers every event the deadline engine knows, each saying what it does."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from foidesk.core.deadlines import ClockEventKind
from foidesk.gui.clock_event_dialog import ClockEventDialog


def test_every_clock_event_can_be_recorded_and_says_what_it_does(qtbot: QtBot) -> None:
    dialog = ClockEventDialog(date(2025, 3, 10))
    qtbot.addWidget(dialog)
    offered = [ClockEventKind(dialog.kind.itemData(i)) for i in range(dialog.kind.count())]
    assert set(offered) == set(ClockEventKind)
    effects = set()
    for index, kind in enumerate(offered):
        dialog.kind.setCurrentIndex(index)
        assert dialog.values()[0] == kind.value
        effects.add(dialog.effect.text())
    assert len(effects) == len(offered)  # no two events claim to do the same
    dialog.kind.setCurrentIndex(offered.index(ClockEventKind.NO_APPEAL_NOTICE))
    assert "VwGO §58(2)" in dialog.effect.text()
