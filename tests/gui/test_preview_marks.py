"""A PDF opened from a search result shows the matches marked on its pages; a recognised
scan (image-only PDF or image) shows them marked where the words stand on the page image."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from foidesk.core.desk import Desk
from foidesk.core.records import AttachmentRecord, NewAttachment, NewMessage, NewRequest
from foidesk.core.sample.files import pdf_document
from foidesk.core.search import ExtractionOptions, OcrOptions, extract_pending, recognise_pending
from foidesk.core.storage.tables import Attachment
from foidesk.gui.main_window import MainWindow
from foidesk.gui.preview import AttachmentPreview, render_pdf
from tests.helpers.scans import image_bytes, require_tesseract, scan_image, scanned_pdf


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


def _attachment(desk: Desk, name: str) -> AttachmentRecord:
    with desk.db.reading() as session:
        row = session.execute(
            select(
                Attachment.id, Attachment.message_id, Attachment.filename, Attachment.media_type,
                Attachment.size, Attachment.sha256, Attachment.text_state,
            ).where(Attachment.filename == name)
        ).one()  # fmt: skip
    return AttachmentRecord(*row)


def _page_pixels(preview: AttachmentPreview, index: int) -> QImage:
    label = preview.findChildren(QLabel, "preview-page")[index]
    return label.pixmap().toImage()


def test_a_recognised_scans_matches_are_marked_on_the_page_image(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    require_tesseract("eng")
    lines = ["Dear Requester,", "The ambulance dispatch contract is attached."]
    pages = [scan_image(["Cover sheet only"], dpi=150), scan_image(lines, dpi=150, seed=2)]
    request = desk.add_request(
        NewRequest(title="Ambulances", authority="Trust", sent_on=date(2024, 1, 5))
    ).id
    new = NewMessage(
        direction="incoming", kind="response", sent_at=datetime(2024, 2, 1, tzinfo=UTC),
        subject="Response", body_text="attached",
        attachments=(NewAttachment("scan.pdf", scanned_pdf(pages, 150)),
                     NewAttachment("scan.png", image_bytes(pages[1], "PNG", 150))),
    )  # fmt: skip
    desk.add_message(request, new)
    extract_pending(desk, options=ExtractionOptions(workers=0))
    recognise_pending(desk, options=OcrOptions(workers=2))

    for name, marked_page in (("scan.pdf", 1), ("scan.png", 0)):
        preview = window.attachments.preview(_attachment(desk, name), "dispatch")
        qtbot.waitUntil(lambda p=preview, m=marked_page: p.marked_pages == [m], timeout=30_000)
        qtbot.waitUntil(
            lambda p=preview, m=marked_page: len(p.findChildren(QLabel, "preview-page")) > m,
            timeout=30_000,
        )
        assert _yellow_pixels(_page_pixels(preview, marked_page)) > 20
        if name == "scan.pdf":
            assert _yellow_pixels(_page_pixels(preview, 0)) == 0
            preview.grab().save(str(tmp_path / "ocr-preview.png"))
        plain = window.attachments.preview(_attachment(desk, name), "")
        qtbot.waitUntil(
            lambda p=plain, m=marked_page: len(p.findChildren(QLabel, "preview-page")) > m,
            timeout=30_000,
        )
        assert _yellow_pixels(_page_pixels(plain, marked_page)) == 0
