"""After an import the window reads attachment text in the background, for search."""

from __future__ import annotations

from pathlib import Path

from mailmaker import make_email
from pytestqt.qtbot import QtBot

from foidesk.core.desk import Desk
from foidesk.core.sample.files import pdf_document
from foidesk.gui.main_window import MainWindow
from tests.helpers.scans import image_bytes, require_tesseract, scan_image


def test_imported_pdf_text_becomes_searchable(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    pdf = pdf_document("Annex", ["The gritting lorries covered 412 routes in January."])
    path = tmp_path / "reply.eml"
    path.write_bytes(make_email(attachments=(("annex.pdf", pdf),)))
    with qtbot.waitSignal(window.text_indexer.finished, timeout=60_000):
        window.import_into(None, [path])
    hits = desk.search("gritting")
    assert [h.kind for h in hits] == ["attachment"]
    assert "gritting" in hits[0].snippet.lower()


def test_an_imported_scan_is_recognised_in_the_background(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    require_tesseract("eng")
    scan = image_bytes(scan_image(["The gritting lorries salted Quorndon Lane."], dpi=200), "PNG")
    path = tmp_path / "reply.eml"
    path.write_bytes(make_email(attachments=(("scan.png", scan),)))
    with qtbot.waitSignal(window.text_indexer.finished, timeout=120_000):
        window.import_into(None, [path])
    hits = desk.search("quorndon")
    assert [h.kind for h in hits] == ["attachment"]
    assert "«quorndon»" in hits[0].snippet.lower()
