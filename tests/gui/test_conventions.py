"""Conventions users expect: shortcuts, remembered layout, readable palettes, crisp icons,
plain messages for their mistakes and a copyable report for ours."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPalette
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.errors import InvalidInputError
from foidesk.gui.about_dialog import AboutDialog
from foidesk.gui.errors_ui import CrashDialog, make_excepthook
from foidesk.gui.main_window import MainWindow
from foidesk.gui.palette import Theme, contrast_ratio, palette_for
from foidesk.gui.resources import icon, resources_dir
from foidesk.gui.tasks.database import DeskWorker

Settle = Callable[[], None]
GUI_DIR = Path(__file__).resolve().parents[2] / "foidesk" / "gui"


def test_standard_shortcuts(window: MainWindow) -> None:
    c = window.commands
    assert c.new_request.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert c.find.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert c.import_files.shortcut() == QKeySequence("Ctrl+I")
    assert c.undo.shortcut() == QKeySequence(QKeySequence.StandardKey.Undo)
    assert not c.preferences.shortcut().isEmpty()
    assert not c.quit.shortcut().isEmpty()


def test_find_opens_the_search_panel(window: MainWindow) -> None:
    window.show()
    window.commands.find.trigger()
    assert window.search_dock.isVisible()
    assert window.search_panel.isAncestorOf(window.focusWidget())


def test_filter_focuses_the_quick_filter_and_typing_filters(
    qtbot: QtBot, window: MainWindow, settle: Settle, new_request: Callable[..., int]
) -> None:
    new_request(title="Bus lane camera fines")
    new_request(title="Gritting routes", authority="Kent County Council")
    window.refresh_all()
    settle()
    window.commands.filter_list.trigger()
    assert window.list_pane.filters.text.hasFocus()
    qtbot.keyClicks(window.list_pane.filters.text, "kent")
    settle()
    assert window.model.rowCount() == 1
    assert window.count_label.text() == "1 of 2 requests shown"


def test_controls_have_accessible_names(window: MainWindow) -> None:
    names = {
        window.list_pane.table.accessibleName(),
        window.thread_pane.view.accessibleName(),
        window.list_pane.filters.text.accessibleName(),
        window.thread_pane.header.status.accessibleName(),
        window.calendar.calendar.accessibleName(),
    }
    assert "" not in names and len(names) == 5


def test_layout_and_sort_are_remembered(qtbot: QtBot, desk: Desk, settle: Settle) -> None:
    first = MainWindow(desk)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 520)
    first.list_pane.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    first.close()
    second = MainWindow(desk)
    qtbot.addWidget(second)
    header = second.list_pane.table.horizontalHeader()
    assert second.size() == QSize(760, 520)
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (
        0,
        Qt.SortOrder.AscendingOrder,
    )
    assert second.list_pane.filters.query().sort.value == "title"
    second.close()


@pytest.mark.parametrize("theme", [Theme.LIGHT, Theme.DARK])
def test_both_palettes_are_readable(theme: Theme) -> None:
    palette = palette_for(theme)
    for fg, bg in (
        (QPalette.ColorRole.Text, QPalette.ColorRole.Base),
        (QPalette.ColorRole.WindowText, QPalette.ColorRole.Window),
        (QPalette.ColorRole.HighlightedText, QPalette.ColorRole.Highlight),
        (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Button),
    ):
        assert contrast_ratio(palette.color(fg), palette.color(bg)) >= 4.5


def test_every_icon_the_code_names_is_shipped_and_renders_crisply() -> None:
    source = "".join(p.read_text() for p in GUI_DIR.glob("*.py"))
    named = set(re.findall(r"icon\(\"([a-z-]+)\"\)", source))
    named |= set(re.findall(r"\"(state-[a-z-]+|file-[a-z-]+)\"", source))
    assert {"new", "find", "state-overdue", "file-pdf"} <= named
    for name in named:
        assert (resources_dir() / "icons" / f"{name}.svg").is_file(), name
        pixmap = icon(name).pixmap(QSize(16, 16), 2.0)
        assert pixmap.width() == 32 and pixmap.devicePixelRatio() == 2.0
    assert (resources_dir() / "foidesk.desktop").is_file()


def test_about_names_the_version_and_data_folder(window: MainWindow, desk: Desk) -> None:
    dialog = window.show_about()
    assert isinstance(dialog, AboutDialog)
    assert str(desk.profile.data_dir) in dialog.text.text()
    dialog.close()


def test_user_errors_are_one_clear_message(qtbot: QtBot, window: MainWindow) -> None:
    hook = make_excepthook(lambda: window)
    hook(InvalidInputError, InvalidInputError("a title is required"), None)
    [box] = [b for b in window.findChildren(QMessageBox) if b.objectName() == "user-error"]
    assert box.text() == "a title is required"
    assert not window.findChildren(CrashDialog)
    box.close()


def test_bugs_get_a_dialog_with_copyable_details(
    qtbot: QtBot, window: MainWindow, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        raise KeyError("unexpected")
    except KeyError as exc:
        make_excepthook(lambda: window)(KeyError, exc, exc.__traceback__)
    [dialog] = window.findChildren(CrashDialog)
    assert "KeyError: 'unexpected'" in dialog.details.toPlainText()
    dialog.copy_details()
    assert "KeyError" in QGuiApplication.clipboard().text()
    dialog.close()
    assert "KeyError" in capsys.readouterr().err


def test_a_user_error_in_an_operation_is_shown_not_raised(
    qtbot: QtBot, window: MainWindow, settle: Settle
) -> None:
    window.ops.perform("Rename", lambda desk: desk.update_request(999, title="x"))
    settle()
    boxes = [b for b in window.findChildren(QMessageBox) if b.objectName() == "user-error"]
    assert [b.text() for b in boxes] == ["no request with id 999"]


def test_stale_results_on_a_channel_are_dropped(qtbot: QtBot, desk: Desk) -> None:
    worker = DeskWorker(desk)
    got: list[str] = []
    try:
        worker.submit(lambda d: "old", got.append, channel="list")
        worker.submit(lambda d: "new", got.append, channel="list")
        worker.submit(lambda d: "other", got.append)
        qtbot.waitUntil(lambda: not worker.busy)
    finally:
        worker.stop()
    assert got == ["new", "other"]
