"""Text recognition of scans the tests make: image-only PDFs, PNG, JPEG and TIFF pages
rendered at 150-300 dpi, turned a few degrees and speckled, read by Tesseract in the
sandboxed workers, found by search in the right request, their words placed on the page.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import select

from foidesk.core import phrases
from foidesk.core.desk import Desk
from foidesk.core.records import NewRequest
from foidesk.core.search import (
    ExtractionOptions,
    OcrOptions,
    extract_pending,
    mark_all_pending,
    ocr_status,
    recognise_pending,
    search,
)
from foidesk.core.search.tables import OcrPage
from foidesk.core.storage.tables import Attachment
from tests.helpers.scans import image_bytes, require_tesseract, scan_image, scanned_pdf

AddRequest = Callable[..., int]
AddMessage = Callable[..., int]
TWO = OcrOptions(workers=2)
LETTER = [
    "Dear Requester,",
    "We hold records about the ambulance dispatch contract.",
    "The withheld annex concerns commercial interests.",
    "Yours sincerely, Information Governance",
]


@pytest.fixture(autouse=True)
def tesseract() -> None:
    require_tesseract("eng")


def read_everything(desk: Desk, options: OcrOptions = TWO) -> None:
    extract_pending(desk, options=ExtractionOptions(workers=0))
    recognise_pending(desk, options=options)


def attachment_of(desk: Desk, name: str) -> tuple[int, str, str, str | None]:
    with desk.db.reading() as session:
        row = session.execute(
            select(Attachment.id, Attachment.sha256, Attachment.text_state, Attachment.text_error)
            .where(Attachment.filename == name)
        ).one()  # fmt: skip
    note = None if row[3] is None else phrases.decode(row[3])
    return row[0], row[1], row[2], note


def page_words(desk: Desk, sha256: str, page: int = 0) -> list[list[object]]:
    with desk.db.reading() as session:
        stored = session.scalar(
            select(OcrPage.words).where(OcrPage.sha256 == sha256, OcrPage.page == page)
        )
    assert stored is not None
    return list(json.loads(stored))


@pytest.mark.parametrize(("kind", "dpi"), [("PDF", 200), ("PNG", 150), ("JPEG", 300)])
def test_a_scan_is_recognised_found_in_its_request_and_placed_on_the_page(
    desk: Desk, add_request: AddRequest, add_message: AddMessage, kind: str, dpi: int
) -> None:
    other = add_request("Parking fines")
    wanted = add_request("Ambulance contract")
    add_message(other, "nothing scanned here")
    name = f"response.{kind.lower()}"
    scan = image_bytes(scan_image(LETTER, dpi=dpi, angle=-2.0), kind, dpi)
    add_message(wanted, "Please find our response attached.", files=((name, scan),))

    read_everything(desk)

    attachment_id, sha256, state, note = attachment_of(desk, name)
    assert state == "done"
    assert note is not None and note.startswith("recognised text; confidence ")
    confidence = int(note.split(" ")[-2])
    assert 60 <= confidence <= 100
    [hit] = search(desk, "ambulance dispatch")
    assert (hit.kind, hit.request_id, hit.attachment_id) == ("attachment", wanted, attachment_id)
    assert "«ambulance»" in hit.snippet.lower()
    boxes = {str(box[4]).lower().strip(".,"): box for box in page_words(desk, sha256)}
    left, top, width, height = (float(v) for v in boxes["dispatch"][:4])  # type: ignore[arg-type]
    # "dispatch" is the second line's sixth word: right of the margin, in the top fifth
    assert 0.3 < left < 0.9 and 0.08 < top < 0.2 and 0 < width < 0.3 and 0 < height < 0.05


def test_a_multi_page_pdf_and_tiff_frames_are_each_a_page(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Flood defences")
    pages = [scan_image([f"Page {n} about flood barriers"], dpi=150, seed=n) for n in (1, 2)]
    tiff = image_bytes(scan_image(["Tidal sluice maintenance log"], dpi=200), "TIFF")
    add_message(
        request, "two scans", files=(("two.pdf", scanned_pdf(pages, 150)), ("log.tif", tiff))
    )

    read_everything(desk)

    status = ocr_status(desk)
    assert (status.recognised, status.waiting, status.failed) == (3, 0, 0)
    assert status.uncounted_scans == 0
    assert {h.attachment_id for h in search(desk, "barriers")} == {
        attachment_of(desk, "two.pdf")[0]
    }
    assert [h.attachment_id for h in search(desk, "sluice")] == [attachment_of(desk, "log.tif")[0]]


def test_a_page_that_takes_too_long_is_stopped_and_recorded(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Slow scan")
    scan = image_bytes(scan_image(LETTER, dpi=300), "PNG", 300)
    add_message(request, "attached", files=(("slow.png", scan),))
    extract_pending(desk, options=ExtractionOptions(workers=0))

    report = recognise_pending(desk, options=OcrOptions(workers=1, page_timeout=0.05))

    assert report.states == {"timeout": 1}
    _id, sha256, state, note = attachment_of(desk, "slow.png")
    assert (state, note) == ("unsupported", "a scan: text recognition failed on its page")
    with desk.db.reading() as session:
        page = session.execute(
            select(OcrPage.state, OcrPage.note).where(OcrPage.sha256 == sha256)
        ).one()
    assert (
        page[0] == "timeout" and phrases.decode(page[1] or "") == "took longer than 0.05 s; stopped"
    )
    assert ocr_status(desk).failed == 1 and search(desk, "ambulance") == []


def test_recognition_goes_on_where_it_stopped(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Resumed")
    pages = [scan_image([f"Chapter {word} of the audit"], dpi=150, seed=i)
             for i, word in enumerate(["alpha", "bravo", "charlie"])]  # fmt: skip
    add_message(request, "attached", files=(("audit.pdf", scanned_pdf(pages, 150)),))
    extract_pending(desk, options=ExtractionOptions(workers=0))
    _id, sha256, *_ = attachment_of(desk, "audit.pdf")
    # as if the last run had recognised page 1 only and then the machine stopped
    with desk.writing() as unit:
        unit.session.add_all([OcrPage(sha256=sha256, page=p, state="waiting") for p in (0, 2)])
        kept = OcrPage(sha256=sha256, page=1, state="ok", text="Chapter bravo kept")
        kept.confidence, kept.words, kept.languages, kept.engine = 90.0, "[]", "eng", "tesseract"
        unit.session.add(kept)

    report = recognise_pending(desk, options=TWO)

    assert report.pages == 2
    assert ocr_status(desk).recognised == 3
    assert [h.attachment_id for h in search(desk, "kept")] == [_id]  # page 1 was not read again
    assert [h.attachment_id for h in search(desk, "charlie")] == [_id]


def test_german_responses_are_read_in_german_when_the_law_is_german(
    desk: Desk, add_message: AddMessage
) -> None:
    require_tesseract("eng", "deu")
    request = desk.add_request(
        NewRequest(
            title="Akteneinsicht", authority="Bundesamt", sent_on=date(2024, 3, 1), regime="de-ifg"
        )
    ).id
    lines = ["Sehr geehrte Damen und Herren,", "die Prüfung der Unterlagen ergab Folgendes:",
             "Die Gebührenbescheide für Straßenschäden liegen vor."]  # fmt: skip
    add_message(
        request, "Bescheid", files=(("bescheid.png", image_bytes(scan_image(lines), "PNG")),)
    )

    extract_pending(desk, options=ExtractionOptions(workers=0))
    report = recognise_pending(desk, options=TWO)

    assert report.languages.used == ("eng", "deu")
    assert [h.request_id for h in search(desk, "Gebührenbescheide")] == [request]
    assert [h.request_id for h in search(desk, "Straßenschäden")] == [request]


def test_an_image_that_is_not_a_picture_fails_alone(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Mixed")
    good = image_bytes(scan_image(["Procurement ledger for ambulances"], dpi=200), "PNG")
    broken = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    add_message(request, "two", files=(("good.png", good), ("broken.png", broken)))

    read_everything(desk)

    assert attachment_of(desk, "good.png")[2] == "done"
    assert attachment_of(desk, "broken.png")[3] == "a scan: text recognition failed on its page"
    assert ocr_status(desk).failed == 1


def test_reading_everything_again_keeps_the_recognised_pages(
    desk: Desk, add_request: AddRequest, add_message: AddMessage
) -> None:
    request = add_request("Read again")
    scan = image_bytes(scan_image(["The gritting rota for Quorndon"], dpi=200), "PNG")
    add_message(request, "attached", files=(("rota.png", scan),))
    read_everything(desk)
    mark_all_pending(desk)
    extract_pending(desk, options=ExtractionOptions(workers=0))
    assert search(desk, "quorndon") == []  # read again: an image, its pages recorded

    report = recognise_pending(desk, options=TWO)

    assert (report.files, report.pages) == (0, 0)  # nothing recognised a second time
    assert [h.request_id for h in search(desk, "quorndon")] == [request]
    assert attachment_of(desk, "rota.png")[2] == "done"
