"""Nothing of foidesk's own is English in a German window: every text its widgets show —
labels, buttons, menus, tooltips, placeholders, accessible names, titles, headers — is
checked against the catalogue (a source sentence shown untranslated fails) and for the
small words no German sentence has. New widgets are covered as they are added."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest
from babel.messages.pofile import read_po
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QMenu,
    QTableView,
    QTabWidget,
    QTreeView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.i18n import LOCALE_DIR
from foidesk.gui import language
from foidesk.gui.authority_dialog import AuthorityDialog
from foidesk.gui.clock_event_dialog import ClockEventDialog
from foidesk.gui.main_window import CALENDAR_TAB, MainWindow
from foidesk.gui.message_dialog import MessageDialog
from foidesk.gui.request_dialog import RequestDialog
from foidesk.gui.trash_dialog import TrashDialog

TODAY = date(2024, 4, 10)
#: Words of English sentences that German ones never contain.
ENGLISH = re.compile(
    r"\b(the|and|with|your|you|of|to|for|is|are|from|this|these|not|no|or|request|"
    r"requests|message|messages|file|files|day|days|week|weeks|undo|redo|open|save|"
    r"cancel|close|add|new|show|edit|delete|search|backup|backups|settings)\b",
    re.IGNORECASE,
)
#: What is English in German too: the laws' names, places named with their ISO code
#: ("Isle of Man (IM)"), query syntax, web addresses, paths.
KEPT = re.compile(
    r"Freedom of Information|Information Act|\([A-Z]{2}(-[A-Z0-9]+)?\)$|\bOR\b|\bNOT\b|"
    r"status:|https?://|^/"
)


@pytest.fixture(scope="module")
def untranslated_sources() -> frozenset[str]:
    """The catalogue's English sentences that German says otherwise."""
    with (LOCALE_DIR / "de" / "LC_MESSAGES" / "foidesk.po").open("rb") as file:
        catalog = read_po(file)
    found = set()
    for message in catalog:
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found |= {i for i, s in zip(ids, strings, strict=False) if i and s and s != i}
    return frozenset(_plain(text) for text in found)


@pytest.fixture
def german() -> Iterator[None]:
    language.apply_language("de")
    yield
    language.apply_language("en")


def _plain(text: str) -> str:
    return re.sub(r"&(?=\w)", "", text).rstrip("…:").strip()


def texts_of(top: QWidget) -> Iterator[str]:
    """Every text a user may see or hear on ``top`` and its children."""
    for widget in [top, *top.findChildren(QWidget)]:
        yield from (widget.toolTip(), widget.accessibleName(), widget.statusTip())
        if widget is top or widget.isWindow():
            yield widget.windowTitle()
        if isinstance(widget, QLabel | QAbstractButton):
            yield widget.text()
        if isinstance(widget, QLineEdit):
            yield widget.placeholderText()
        if isinstance(widget, QComboBox):
            yield from (widget.itemText(n) for n in range(widget.count()))
        if isinstance(widget, QTabWidget):
            yield from (widget.tabText(n) for n in range(widget.count()))
        if isinstance(widget, QTableView | QTreeView) and widget.model() is not None:
            model = widget.model()
            for column in range(model.columnCount(QModelIndex())):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")
        for action in widget.actions():
            yield from (action.text(), action.toolTip(), action.statusTip())
            menu = action.menu()
            if isinstance(menu, QMenu):
                yield from texts_of(menu)


def english_in(top: QWidget, sources: frozenset[str]) -> list[str]:
    laws = {name for _code, name in Desk.regimes()}  # a law's name is its own
    found = []
    for text in dict.fromkeys(texts_of(top)):
        plain = _plain(text)
        if not plain or KEPT.search(plain) or text in laws:
            continue
        if plain in sources or ENGLISH.search(plain):
            found.append(plain)
    return found


def shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.mark.usefixtures("german")
def test_the_window_its_menus_and_calendar_have_no_english(
    qtbot: QtBot, desk: Desk, untranslated_sources: frozenset[str]
) -> None:
    window = MainWindow(desk)
    shown(qtbot, window)
    qtbot.waitUntil(lambda: not window.worker.busy and not window.files.active, timeout=10_000)
    assert english_in(window, untranslated_sources) == []
    with qtbot.waitSignal(window.calendar.loaded, timeout=10_000):
        window.tabs.setCurrentIndex(CALENDAR_TAB)
    window.focus_search()
    qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
    assert english_in(window, untranslated_sources) == []
    preferences = window.show_preferences()
    qtbot.waitExposed(preferences)
    for page in range(preferences.tabs.count()):
        preferences.tabs.setCurrentIndex(page)
        qtbot.waitUntil(lambda: not window.worker.busy, timeout=10_000)
        assert english_in(preferences, untranslated_sources) == [], page
    preferences.close()
    window.close()


@pytest.mark.usefixtures("german")
def test_the_dialogs_have_no_english(
    qtbot: QtBot, desk: Desk, untranslated_sources: frozenset[str]
) -> None:
    dialogs: list[QWidget] = [
        RequestDialog(desk.list_authorities(), Desk.regimes(), TODAY),
        MessageDialog(datetime(2024, 4, 10, 9, 30, tzinfo=UTC)),
        AuthorityDialog(Desk.regimes()),
        TrashDialog(),
        ClockEventDialog(TODAY),
    ]
    for dialog in dialogs:
        shown(qtbot, dialog)
        assert english_in(dialog, untranslated_sources) == [], dialog.windowTitle()


def test_the_check_finds_english(qtbot: QtBot, untranslated_sources: frozenset[str]) -> None:
    """The check itself: English left in a widget is found, by the catalogue ("Undo" is
    one of its sentences) and by its small words."""
    label = QLabel("Undo")
    label.setToolTip("Drop files here to import them")
    assert set(english_in(shown(qtbot, label), untranslated_sources)) == {
        "Undo",
        "Drop files here to import them",
    }
