"""A PDF opened from a search result shows the matches marked on its pages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from foidesk.core.sample.files import pdf_document
from foidesk.gui.preview import render_pdf


def _yellow_pixels(image: QImage) -> int:
    found = 0
    for y in range(0, image.height(), 2):
        for x in range(0, image.width(), 2):
            colour = QColor(image.pixel(x, y))
            if colour.red() > 200 and colour.green() > 180 and colour.blue() < 170:
                found += 1
    return found


def test_matches_are_marked_only_when_searching(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "annex.pdf"
    path.write_bytes(pdf_document("Annex", ["Caller ID can be spoofed by anyone."]))
    plain, pages = render_pdf(path, 400)
    marked, _ = render_pdf(path, 400, query="spoofed")
    assert pages == 1
    assert _yellow_pixels(plain[0]) == 0
    assert _yellow_pixels(marked[0]) > 20
    unmatched, _ = render_pdf(path, 400, query="gritting")
    assert _yellow_pixels(unmatched[0]) == 0
