"""Files dropped anywhere on the request list are taken; a refused drop says why."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui.main_window import MainWindow
from foidesk.gui.mime import message_ids_mime

Settle = Callable[[], None]
COPY = Qt.DropAction.CopyAction


def _files(*paths: Path) -> QMimeData:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    return data


def test_an_email_dropped_below_the_rows_is_imported_and_filed_by_foidesk(
    qtbot: QtBot, window: MainWindow, settle: Settle, desk: Desk, eml: Callable[..., Path]
) -> None:
    path = eml("Your request FOI-77", "Here is our answer.")
    model = window.list_pane.model
    assert model.canDropMimeData(_files(path), COPY, -1, -1, QModelIndex())
    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        assert model.dropMimeData(_files(path), COPY, -1, -1, QModelIndex())
    settle()
    assert window.unfiled.model.rowCount() == 1  # no request matched: it waits in Unfiled


def test_what_cannot_be_dropped_is_refused_with_the_reason(
    qtbot: QtBot, window: MainWindow
) -> None:
    model = window.list_pane.model
    text = QMimeData()
    text.setText("just some words")
    remote = QMimeData()
    remote.setUrls([QUrl("https://example.org/reply.pdf")])
    cases = [
        (text, "Only files can be dropped here"),
        (remote, "Only files on this computer can be dropped"),
        (message_ids_mime([1]), "Drop the messages on the request they belong to."),
    ]
    for data, reason in cases:
        with qtbot.waitSignal(model.drop_refused) as refused:
            assert not model.canDropMimeData(data, COPY, -1, -1, QModelIndex())
        assert refused.args[0].startswith(reason)
        assert window.statusBar().currentMessage().startswith(reason)
