"""German words are long: in German, no label, button or header of the window is cut off."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionComboBox,
    QTabBar,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.gui import language
from foidesk.gui.authority_dialog import AuthorityDialog
from foidesk.gui.clock_event_dialog import ClockEventDialog
from foidesk.gui.compact_buttons import CompactButtons
from foidesk.gui.main_window import CALENDAR_TAB, MainWindow
from foidesk.gui.message_dialog import MessageDialog
from foidesk.gui.request_dialog import RequestDialog
from foidesk.gui.trash_dialog import TrashDialog

TODAY = date(2024, 4, 10)
LAPTOP = (1366, 740)


@pytest.fixture
def german() -> Iterator[None]:
    language.apply_language("de")
    yield
    language.apply_language("en")


def cut_off(top: QWidget) -> list[str]:
    """Every visible label, button and tab of ``top`` given less room than its words need."""
    found = []
    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top) or widget.window() is not top.window():
            continue
        icon_only = Qt.ToolButtonStyle.ToolButtonIconOnly
        if isinstance(widget, QToolButton) and widget.toolButtonStyle() is icon_only:
            continue  # its words are in its tooltip, by design
        wrapped = isinstance(widget, QLabel) and widget.wordWrap()
        if wrapped and widget.height() < widget.heightForWidth(widget.width()):
            found.append(f"{widget.text()!r}: too low")
        worded = isinstance(widget, QLabel | QAbstractButton) and bool(widget.text())
        if worded and not wrapped and widget.width() < widget.sizeHint().width():
            found.append(f"{widget.text()!r}: {widget.width()} < {widget.sizeHint().width()}")
        if isinstance(widget, QComboBox) and not widget.isEditable():
            room, needed = combo_text_room(widget)
            if room < needed:
                found.append(f"menu {widget.currentText()!r}: {room} < {needed}")
    for bar in top.findChildren(QTabBar):
        for n in range(bar.count()):
            if bar.isVisibleTo(top) and bar.tabRect(n).width() < bar.tabSizeHint(n).width():
                found.append(f"tab {bar.tabText(n)!r}")
    return found


def combo_text_room(combo: QComboBox) -> tuple[int, int]:
    """The room a menu's field gives its current choice (where Qt elides it), and the
    room the choice's words need."""
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    field = combo.style().subControlRect(
        QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
    )
    return field.width(), combo.fontMetrics().horizontalAdvance(combo.currentText())


def headers_cut_off(header: QHeaderView) -> list[str]:
    model = header.model()
    assert model is not None
    return [
        str(model.headerData(n, header.orientation()))
        for n in range(header.count())
        if header.sectionSize(n) < header.sectionSizeHint(n)
    ]


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.usefixtures("german")
def test_the_main_window_fits_a_laptop_in_german(qtbot: QtBot, desk: Desk) -> None:
    desk.load_sample()
    window = MainWindow(desk)
    shown(qtbot, window)
    window.resize(*LAPTOP)
    qtbot.waitUntil(lambda: window.thread_pane.detail is not None, timeout=10_000)
    window.focus_search()  # the search panel takes its share of the width
    qtbot.waitUntil(lambda: not window.worker.busy and window.busy_label.text() == "")
    assert window.list_pane.filters.tag.currentText() == "Alle Schlagwörter"  # the longest
    assert window.width() == LAPTOP[0], "the German window asks for more than the screen"
    assert cut_off(window) == []
    assert headers_cut_off(window.list_pane.table.horizontalHeader()) == []
    with qtbot.waitSignal(window.calendar.loaded, timeout=10_000):
        window.tabs.setCurrentIndex(CALENDAR_TAB)
    assert cut_off(window) == []
    assert headers_cut_off(window.calendar.list.horizontalHeader()) == []
    window.close()


@pytest.mark.usefixtures("german")
def test_the_dialogs_fit_their_german_words(qtbot: QtBot, desk: Desk) -> None:
    dialogs: list[QWidget] = [
        RequestDialog(desk.list_authorities(), Desk.regimes(), TODAY),
        MessageDialog(datetime(2024, 4, 10, 9, 30, tzinfo=UTC)),
        AuthorityDialog(Desk.regimes()),
        TrashDialog(),
    ]
    for dialog in dialogs:
        assert cut_off(shown(qtbot, dialog)) == [], dialog.windowTitle()
    event = ClockEventDialog(TODAY)
    shown(qtbot, event)
    for index in range(event.kind.count()):
        event.kind.setCurrentIndex(index)
        assert cut_off(event) == [], event.kind.currentText()


@pytest.mark.usefixtures("german")
def test_the_empty_window_and_preferences_fit_their_german_words(
    qtbot: QtBot, window_factory: Callable[[], MainWindow]
) -> None:
    window = window_factory()
    window.resize(*LAPTOP)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.empty_state)
    assert cut_off(window) == []  # the first window a new user sees
    dialog = window.show_preferences()
    qtbot.waitExposed(dialog)
    for page in range(dialog.tabs.count()):
        dialog.tabs.setCurrentIndex(page)
        qtbot.waitUntil(lambda: dialog.tabs.currentWidget().isVisible())
        assert cut_off(dialog) == [], dialog.tabs.tabText(page)
    dialog.close()


def test_header_buttons_keep_their_words_while_there_is_room(qtbot: QtBot) -> None:
    buttons = [QToolButton(), QToolButton()]
    for button, text in zip(buttons, ("Nachricht hinzufügen…", "Ereignis erfassen…"), strict=True):
        button.setText(text)
    row = CompactButtons(buttons)
    pane = QWidget()  # the header the row sits in, as narrow as the pane beside the list
    QHBoxLayout(pane).addWidget(row)
    shown(qtbot, pane)
    words = Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    full = row.sizeHint().width()
    pane.resize(full + 40, pane.height())
    qtbot.waitUntil(lambda: row.width() >= full)
    assert not row.compact and all(b.toolButtonStyle() is words for b in buttons)
    pane.resize(full // 2, pane.height())
    qtbot.waitUntil(lambda: row.compact)
    assert all(b.toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly for b in buttons)
    assert buttons[0].toolTip() == "Nachricht hinzufügen…"
    assert pane.minimumSizeHint().width() < full // 2
    pane.resize(full + 40, pane.height())
    qtbot.waitUntil(lambda: not row.compact)
    assert all(b.toolButtonStyle() is words for b in buttons)


@pytest.fixture
def window_factory(qtbot: QtBot, desk: Desk) -> Iterator[Callable[[], MainWindow]]:
    made: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(desk)
        shown(qtbot, window)
        qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
