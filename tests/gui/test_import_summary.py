"""The window's import summary and a message's details say what the import assumed and skipped."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from real_mail import case

from foidesk.core.desk import Desk
from foidesk.core.importing.importer import ImportedFile, ImportReport
from foidesk.gui.importing import file_details, summary
from foidesk.gui.main_window import MainWindow

Settle = Callable[[], None]


def test_summary_and_details_name_each_file() -> None:
    report = ImportReport(
        (
            ImportedFile("/in/box.mbox", "imported", duplicates=2, warnings=("message 3: x",)),
            ImportedFile("/in/gb.eml", "unfiled", charset_notes=("decoded as GB18030",)),
            ImportedFile("/in/ok.eml", "imported"),
            ImportedFile("/in/bad.eml", "error", error="Not an email: the file is empty"),
        )
    )
    assert summary(report) == (
        "2 imported, 1 left in Unfiled, 1 refused, 2 messages already here skipped"
    )
    assert file_details(report).splitlines() == [
        "box.mbox:",
        "  2 messages already imported were skipped",
        "  warning: message 3: x",
        "gb.eml:",
        "  character set: decoded as GB18030",
        "bad.eml:",
        "  Not an email: the file is empty",
    ]


def test_the_window_shows_the_per_file_details_after_an_import(
    qtbot: QtBot, window: MainWindow, settle: Settle, tmp_path: Path
) -> None:
    path = tmp_path / "gb.eml"
    path.write_bytes(case("gb2312-undeclared.eml"))
    with qtbot.waitSignal(window.importer.finished, timeout=20_000):
        window.importer.import_paths([path])
    box = window.importer.last_summary
    assert box is not None and box.objectName() == "import-summary"
    assert box.text() == "Import: 1 left in Unfiled."
    assert "character set: text with no declared character set was decoded as GB18030" in (
        box.detailedText()
    )
    if os.environ.get("FOIDESK_SHOTS"):  # to look at it: FOIDESK_SHOTS=folder
        for width in (1366, 1920):
            window.resize(width, 800)
            box.grab().save(str(Path(os.environ["FOIDESK_SHOTS"]) / f"summary-{width}.png"))
    box.close()


def test_a_message_card_shows_the_charset_assumed(
    window: MainWindow, settle: Settle, desk: Desk, new_request: Callable[..., int], tmp_path: Path
) -> None:
    rid = new_request()
    path = tmp_path / "gb.eml"
    path.write_bytes(case("gb2312-undeclared.eml"))
    desk.import_paths([path], request_id=rid)
    window.refresh_all()
    settle()
    window.open_request(rid)
    settle()
    text = window.thread_pane.view.toPlainText()
    assert "text with no declared character set was decoded as GB18030" in text
    if os.environ.get("FOIDESK_SHOTS"):
        for width in (1366, 1920):
            window.resize(width, 800)
            settle()
            window.grab().save(str(Path(os.environ["FOIDESK_SHOTS"]) / f"card-{width}.png"))
