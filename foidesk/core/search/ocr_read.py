"""Recognising one page of a scan: what a sandboxed worker runs for text recognition.

Tesseract is driven through pytesseract, which runs the ``tesseract`` program on each
page and kills it when the page's time is up (a page that takes too long is recorded
``timeout`` rather than holding the run). OCRmyPDF would rewrite whole PDFs with a
text layer; foidesk keeps the original untouched and needs only each page's words and
their boxes, so the plain engine serves better and costs no further dependency.

Image-only PDF pages are rendered with PDFium at ``DPI``; images (PNG, JPEG, TIFF and
the others Pillow opens) are read as they are, one page per frame.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes

if TYPE_CHECKING:
    from PIL import Image

#: Resolution PDF pages are rendered at: Tesseract reads best at about 300 dpi.
DPI = 300
#: Largest page image read (pixels): an A3 page at 300 dpi is about 17.4 million.
MAX_PIXELS = 40_000_000
#: Words Tesseract is less sure of than this are kept out of the text (noise, specks).
MIN_WORD_CONFIDENCE = 30.0


@dataclass(frozen=True)
class PageResult:
    """One page's outcome: ``ok`` with text, confidence and word boxes, or why not."""

    state: str  # "ok", "failed" or "timeout"
    text: str = ""
    confidence: float | None = None
    words: str = "[]"
    note: str | None = None


def count_pages(path: str, kind: str) -> int:
    """How many pages a scan has (a PDF's pages, an image's frames)."""
    if kind == "pdf":
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(path)
        try:
            return len(document)
        finally:
            document.close()
    with _open_image(path) as image:
        return int(getattr(image, "n_frames", 1))


def recognise_page(path: str, kind: str, page: int, languages: str, timeout: float) -> PageResult:
    """Recognise page ``page`` (0-based) of the file at ``path`` in ``languages``."""
    import pytesseract

    os.environ["OMP_THREAD_LIMIT"] = "1"  # one core per worker: the pool is the parallelism
    try:
        image = _page_image(path, kind, page)
    except Exception as exc:  # a damaged page is that page's failure, not the run's
        return PageResult("failed", note=Phrase(notes.OCR_PAGE_UNREADABLE, detail=str(exc)))
    try:
        data = pytesseract.image_to_data(
            image, lang=languages, timeout=timeout, output_type=pytesseract.Output.DICT
        )
    except RuntimeError as exc:
        if "timeout" in str(exc).lower():
            return PageResult("timeout", note=Phrase(notes.TOO_SLOW, seconds=f"{timeout:g}"))
        return PageResult("failed", note=Phrase(notes.OCR_FAILED, detail=str(exc)))
    except pytesseract.TesseractError as exc:
        return PageResult("failed", note=Phrase(notes.OCR_FAILED, detail=str(exc.message)))
    finally:
        image.close()
    return page_from_data(data, image.size)


def page_from_data(data: dict[str, list[Any]], size: tuple[int, int]) -> PageResult:
    """Tesseract's word table to the page's text (lines kept), confidence and boxes."""
    width, height = size
    lines: dict[tuple[int, int, int], list[str]] = {}
    boxes: list[list[float | str]] = []
    confidences: list[float] = []
    for i, word in enumerate(data["text"]):
        word = str(word).strip()
        confidence = float(data["conf"][i])
        if not word or confidence < MIN_WORD_CONFIDENCE:
            continue
        confidences.append(confidence)
        key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
        lines.setdefault(key, []).append(word)
        left, top = data["left"][i] / width, data["top"][i] / height
        boxes.append(
            [*(round(v, 4) for v in (left, top, data["width"][i] / width)),
             round(data["height"][i] / height, 4), word]
        )  # fmt: skip
    text = "\n".join(" ".join(words) for words in lines.values())
    mean = round(sum(confidences) / len(confidences), 1) if confidences else None
    return PageResult("ok", text, mean, json.dumps(boxes, separators=(",", ":")))


def _page_image(path: str, kind: str, page: int) -> Image.Image:
    if kind == "pdf":
        return _pdf_page(path, page)
    with _open_image(path) as image:
        image.seek(page)
        return _for_tesseract(image)


def _pdf_page(path: str, page: int) -> Image.Image:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        pdf_page = document[page]
        try:
            width, height = pdf_page.get_size()
            scale = DPI / 72
            if width * height * scale * scale > MAX_PIXELS:
                scale = (MAX_PIXELS / (width * height)) ** 0.5
            image: Image.Image = pdf_page.render(scale=scale, grayscale=True).to_pil()
            return image
        finally:
            pdf_page.close()
    finally:
        document.close()


def _open_image(path: str) -> Image.Image:
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # larger is refused (a decompression bomb)
    return Image.open(path)


def _for_tesseract(image: Image.Image) -> Image.Image:
    """A copy Tesseract can read: greyscale, with any alpha flattened onto white."""
    from PIL import Image

    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat.convert("L")
    return image.convert("L")
