"""The last English in a German window: spin-box units by the count, Undo and Redo in
German word order, and the sentences kept with a message worded when shown."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.i18n import ngettext
from foidesk.core.records import AttachmentRecord
from foidesk.gui import language
from foidesk.gui.backup_settings import BackupSettingsPage
from foidesk.gui.main_window import MainWindow
from foidesk.gui.preview import AttachmentPreview, has_pdf_renderer
from foidesk.gui.spin_boxes import CountSpinBox
from foidesk.gui.undo_actions import redo_action, undo_action


@pytest.fixture
def german() -> Iterator[None]:
    language.apply_language("de")
    yield
    language.apply_language("en")


def _days(count: int) -> str:
    return ngettext("{count} day", "{count} days", count)


def test_a_spin_box_unit_follows_the_count_in_german(qtbot: QtBot, german: None) -> None:
    box = CountSpinBox(_days)
    qtbot.addWidget(box)
    box.setRange(0, 10)
    box.setValue(1)
    assert box.text() == "1 Tag"
    box.setValue(3)
    assert box.text() == "3 Tage"


def test_a_spin_box_unit_follows_the_count_in_english(qtbot: QtBot) -> None:
    box = CountSpinBox(_days)
    qtbot.addWidget(box)
    box.setRange(0, 10)
    box.setValue(1)
    assert box.text() == "1 day"
    box.setValue(3)
    assert (box.prefix(), box.suffix(), box.text()) == ("", " days", "3 days")


def test_the_backup_page_counts_its_days_and_weeks_in_german(
    qtbot: QtBot, window: MainWindow, german: None
) -> None:
    page = BackupSettingsPage(window.worker)
    qtbot.addWidget(page)
    page.keep_daily.setValue(1)
    page.keep_weekly.setValue(1)
    assert (page.keep_daily.text(), page.keep_weekly.text()) == ("1 Tag", "1 Woche")
    page.keep_daily.setValue(3)
    page.keep_weekly.setValue(3)
    assert (page.keep_daily.text(), page.keep_weekly.text()) == ("3 Tage", "3 Wochen")


def _stack_with_a_step(qtbot: QtBot, text: str) -> tuple[QMainWindow, QUndoStack]:
    owner = QMainWindow()
    qtbot.addWidget(owner)
    stack = QUndoStack(owner)
    stack.push(QUndoCommand(text))
    return owner, stack


def test_undo_and_redo_read_in_german_order(qtbot: QtBot, german: None) -> None:
    owner, stack = _stack_with_a_step(qtbot, "Status ändern")
    undo, redo = undo_action(owner, stack), redo_action(owner, stack)
    assert (undo.text(), undo.isEnabled()) == ("&Rückgängig: Status ändern", True)
    assert (redo.text(), redo.isEnabled()) == ("&Wiederholen", False)
    undo.trigger()
    assert (undo.text(), undo.isEnabled()) == ("&Rückgängig", False)
    assert (redo.text(), redo.isEnabled()) == ("&Wiederholen: Status ändern", True)


def test_undo_and_redo_in_english_are_unchanged(qtbot: QtBot) -> None:
    owner, stack = _stack_with_a_step(qtbot, "Change status")
    undo, redo = undo_action(owner, stack), redo_action(owner, stack)
    assert undo.text() == "&Undo Change status"
    stack.undo()
    assert (undo.text(), redo.text()) == ("&Undo", "&Redo Change status")


def test_the_window_s_edit_menu_undo_follows_the_stack(
    qtbot: QtBot, desk: Desk, german: None, settle_window: Callable[[MainWindow], None]
) -> None:
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    settle_window(window)
    assert window.commands.undo.text() == "&Rückgängig"
    window.undo_stack.push(QUndoCommand("Titel ändern"))
    assert window.commands.undo.text() == "&Rückgängig: Titel ändern"
    assert window.commands.undo.isEnabled()
    window.undo_stack.clear()
    window.close()


def test_a_message_s_filing_reason_is_german_in_the_thread(
    qtbot: QtBot, desk: Desk, german: None, settle_window: Callable[[MainWindow], None]
) -> None:
    desk.load_sample()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    settle_window(window)
    text = window.thread_pane.view.toPlainText()
    assert "Beispieldaten" in text and "example data" not in text
    assert "in foidesk geschrieben" in text and "written in foidesk" not in text
    window.close()


@pytest.fixture
def settle_window(qtbot: QtBot) -> Callable[[MainWindow], None]:
    def settle(window: MainWindow) -> None:
        qtbot.waitUntil(lambda: not window.worker.busy and not window.files.active, timeout=10_000)

    return settle


def test_a_preview_that_fails_says_why_in_german(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, german: None
) -> None:
    if not has_pdf_renderer():
        pytest.skip("pypdfium2 is not installed")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    record = AttachmentRecord(1, 1, "broken.pdf", "application/pdf", 18, "0" * 64, "failed")
    preview = AttachmentPreview(record, broken, window.files, window)
    qtbot.addWidget(preview)
    with qtbot.waitSignal(preview.pages_ready, timeout=10_000):
        pass
    assert preview.status.text().startswith(
        "Für broken.pdf gibt es keine Vorschau (das PDF ist beschädigt oder kein PDF)"
    )
