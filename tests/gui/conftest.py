"""GUI fixtures: a main window on a real temporary profile, and helpers to wait for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.records import NewRequest
from foidesk.gui.main_window import MainWindow

Settle = Callable[[], None]


@pytest.fixture(autouse=True)
def english_locale() -> Iterator[None]:
    """Dates and Qt's widgets in English whatever the machine's locale, for every test."""
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    yield
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    """Wait until every queued database job and file task has been delivered."""
    qtbot.waitUntil(lambda: not window.worker.busy and not window.files.active, timeout=10_000)


@pytest.fixture
def window(qtbot: QtBot, desk: Desk) -> Iterator[MainWindow]:
    main = MainWindow(desk)
    qtbot.addWidget(main)
    main.show()
    wait_idle(qtbot, main)
    yield main
    main.close()  # saves the layout and stops the worker before the desk closes


@pytest.fixture
def settle(qtbot: QtBot, window: MainWindow) -> Settle:
    """Call to wait until the window has finished the work it queued."""
    return lambda: wait_idle(qtbot, window)


@pytest.fixture
def new_request(desk: Desk) -> Callable[..., int]:
    """Adds a request straight through the desk (for tests about other things)."""
    return lambda **fields: add_request(desk, **fields)


@pytest.fixture
def eml(tmp_path: Path) -> Callable[..., Path]:
    """Writes a real .eml file (the kind users drag out of their mail client)."""
    return lambda subject, body, **kw: write_eml(tmp_path, subject, body, **kw)


def add_request(
    desk: Desk,
    title: str = "Bus lane camera fines",
    authority: str = "Leeds City Council",
    sent_on: date = date(2024, 3, 22),
    reference: str | None = None,
) -> int:
    return desk.add_request(
        NewRequest(
            title=title,
            authority=authority,
            sent_on=sent_on,
            reference=reference,
            body="Please provide the figures.",
        )
    ).id


def write_eml(folder: Path, subject: str, body: str, sender: str = "foi@leeds.example.org") -> Path:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "me@example.net"
    message["Subject"] = subject
    message["Date"] = "Tue, 09 Apr 2024 10:15:00 +0100"
    message["Message-ID"] = f"<{abs(hash(subject))}@leeds.example.org>"
    message.set_content(body)
    path = folder / "reply.eml"
    path.write_bytes(bytes(message))
    return path
