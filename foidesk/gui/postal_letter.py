"""A letter laid out for the post: printed, or saved as a PDF by the print dialog.

Some authorities take requests by post only, and a requester may want a signed paper
copy on file. The page carries what a postal letter needs and nothing a mail header
would add: the sender, the day, the authority, the subject and the text, with the
text's own line breaks kept.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrinter

from foidesk.core.locale_format import format_day

#: A4 margins in millimetres, as a business letter has them.
MARGIN_MM = 20.0


def postal_document(
    sender: str, authority: str, address: str | None, subject: str, body: str, day: date
) -> QTextDocument:
    """The letter as a document: sender and date above, then the authority, the
    subject in bold and the body as written."""
    esc = html.escape
    to_lines = esc(authority) + (f"<br>{esc(address)}" if address else "")
    paragraphs = "".join(
        f"<p>{esc(part).replace(chr(10), '<br>')}</p>" for part in body.strip().split("\n\n")
    )
    page = (
        f"<p align='right'>{esc(sender)}<br>{esc(format_day(day))}</p>"
        f"<p>{to_lines}</p><p><b>{esc(subject)}</b></p>{paragraphs}"
    )
    document = QTextDocument()
    document.setHtml(page)
    return document


def a4_printer() -> QPrinter:
    """A printer set up for an A4 letter; the print dialog may change it (PDF, Letter)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    printer.setPageMargins(margins, QPageLayout.Unit.Millimeter)
    return printer
