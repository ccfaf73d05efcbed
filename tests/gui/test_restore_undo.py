"""After a restore, Undo offers nothing from the profile as it was before."""

from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from foidesk.core.backup import create_backup
from foidesk.core.desk import Desk
from foidesk.core.records import NewRequest
from foidesk.gui import undoable
from foidesk.gui.main_window import MainWindow

WAIT_MS = 20_000


def test_a_restore_clears_the_undo_history(
    qtbot: QtBot, window: MainWindow, desk: Desk, settle: object
) -> None:
    backup = create_backup(desk).path
    new = NewRequest(
        title="Made after the backup", authority="Home Office", sent_on=date(2024, 5, 2)
    )
    with qtbot.waitSignal(window.undo_stack.indexChanged, timeout=WAIT_MS):
        undoable.create_request(window.ops, new)
    assert window.undo_stack.canUndo()

    with qtbot.waitSignal(window.backups.restore_finished, timeout=WAIT_MS):
        window.backups.restore_from(backup)

    assert not window.undo_stack.canUndo() and window.undo_stack.count() == 0
    assert desk.list_requests() == []  # the request made after the backup is gone
