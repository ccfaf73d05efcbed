"""PDF attachments, read with pypdfium2 (PDFium: fast, maintained, used by Chrome).

A PDF whose pages hold no text at all is a scan: it is marked ``scanned`` so
the user knows why its words are not found and a later OCR step can find it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.extraction import Extraction, TextBudget, failed, from_text
from foidesk.core.search.limits import MAX_PDF_PAGES
from foidesk.core.search.states import TextState

if TYPE_CHECKING:
    import pypdfium2 as pdfium


def pdf_text(data: bytes) -> Extraction:
    import pypdfium2 as pdfium  # loaded by the worker processes that read PDFs, not by the app

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        return failed(notes.pdf_problem(str(exc)))
    try:
        pages = len(document)
        budget = TextBudget()
        for index in range(min(pages, MAX_PDF_PAGES)):
            budget.add(_page_text(document, index) + "\n\n")
            if budget.full:
                break
    except pdfium.PdfiumError as exc:
        return failed(Phrase(notes.PDF_PAGE_UNREADABLE, detail=str(exc)))
    finally:
        document.close()
    result = from_text(budget.text(), empty_state=TextState.SCANNED)
    if pages > MAX_PDF_PAGES and result.state is TextState.DONE and result.note is None:
        note = Phrase(notes.PDF_PAGES_CUT, shown=MAX_PDF_PAGES, count=pages)
        return Extraction(result.state, result.text, note)
    return result


def _page_text(document: pdfium.PdfDocument, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            return str(textpage.get_text_range())
        finally:
            textpage.close()
    finally:
        page.close()
