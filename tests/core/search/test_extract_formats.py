"""Text extraction from real files of every supported kind, and the failures that must
be recorded rather than raised."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import docx
import openpyxl
import pytest

from foidesk.core.sample.files import pdf_document, png_bars
from foidesk.core.search import TextState, extract_bytes
from foidesk.core.search.extraction import TextBudget, from_text


def _docx() -> bytes:
    document = docx.Document()
    document.add_heading("Body worn camera policy", level=1)
    document.add_paragraph("Officers must switch cameras on before any stop and search.")
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Retention"
    table.rows[0].cells[1].text = "31 days"
    document.sections[0].footer.paragraphs[0].text = "OFFICIAL-SENSITIVE footer"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Month", "Area", "Potholes repaired", "Cost"])
    sheet.append(["2024-01", "Wakefield", 412, 15450.5])
    sheet.append(["2024-02", "Pontefract", 97, 3637.5])
    sheet["F1"] = "=SUM(C2:C3)"
    second = book.create_sheet("Notes")
    second["A1"] = "Figures exclude trunk roads"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _odt(*paragraphs: str) -> bytes:
    body = "".join(f"<text:p>{p}</text:p>" for p in paragraphs)
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
        f"<office:body><office:text>{body}</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def _pdf_without_text() -> bytes:
    """A valid PDF whose page only paints a rectangle: what a scan looks like to a reader."""
    stream = b"0.5 g 50 50 400 600 re f"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_pdf_text_layer_is_read() -> None:
    data = pdf_document("Annex A", ["Calls are logged as journal entries on the account."])
    result = extract_bytes(data, "annex.pdf", "application/pdf")
    assert result.state is TextState.DONE
    assert "journal entries" in result.text
    assert result.text.startswith("Annex A")


def test_pdf_without_text_layer_is_marked_scanned() -> None:
    result = extract_bytes(_pdf_without_text(), "signed letter.pdf", "application/pdf")
    assert result.state is TextState.SCANNED
    assert result.note is not None and "scan" in result.note


def test_corrupt_pdf_fails_with_a_reason() -> None:
    result = extract_bytes(b"%PDF-1.7\n1 0 obj <<< garbage", "broken.pdf", "application/pdf")
    assert result.state is TextState.FAILED
    assert result.note == "the PDF is damaged or not a PDF"


def test_docx_body_table_and_footer() -> None:
    result = extract_bytes(_docx(), "policy.docx", "application/octet-stream")
    assert result.state is TextState.DONE
    for words in ("Body worn camera policy", "stop and search", "31 days", "footer"):
        assert words in result.text


def test_xlsx_cells_of_every_sheet() -> None:
    result = extract_bytes(_xlsx(), "potholes.xlsx", "application/vnd.ms-excel")
    assert result.state is TextState.DONE
    assert "Wakefield\t412\t15450.5" in result.text
    assert "Potholes repaired" in result.text
    assert "Figures exclude trunk roads" in result.text


def test_odt_paragraphs() -> None:
    result = extract_bytes(_odt("Minutes of the board", "Item 4: parking"), "minutes.odt", "")
    assert result.state is TextState.DONE
    assert result.text.split("\n") == ["Minutes of the board", "Item 4: parking"]


def test_html_is_text_without_scripts() -> None:
    page = (
        "<html><head><meta charset='windows-1252'><script>var secret=1</script></head>"
        "<body><h1>Spending</h1><p>Caf\xe9 budget &amp; grants</p></body></html>"
    ).encode("cp1252")
    result = extract_bytes(page, "page.htm", "text/html")
    assert result.state is TextState.DONE
    assert "Café budget & grants" in result.text
    assert "secret" not in result.text


def test_csv_and_plain_text_in_legacy_encodings() -> None:
    csv_bytes = "Area,Cost\r\nSt Albans,£1,200\r\n".encode("cp1252")
    assert "£1,200" in extract_bytes(csv_bytes, "costs.csv", "text/csv").text
    utf16 = "Überwachung der Bürger".encode("utf-16")
    assert extract_bytes(utf16, "notes.txt", "text/plain").text == "Überwachung der Bürger"


def test_nested_email_with_its_own_attachment() -> None:
    inner = EmailMessage()
    inner["From"] = "press.office@authority.example"
    inner["Subject"] = "Lines to take on the parking review"
    inner.set_content("Do not mention the consultant's fee.")
    inner.add_attachment(
        pdf_document("Draft", ["Consultancy fee of 48,000 pounds"]),
        maintype="application",
        subtype="pdf",
        filename="draft.pdf",
    )
    result = extract_bytes(inner.as_bytes(), "forwarded.eml", "message/rfc822")
    assert result.state is TextState.DONE
    assert "Lines to take on the parking review" in result.text
    assert "consultant's fee" in result.text
    assert "[draft.pdf]" in result.text
    assert "48,000 pounds" in result.text


def test_images_archives_and_empty_files_are_not_read() -> None:
    image = extract_bytes(png_bars([3, 5, 2]), "chart.png", "image/png")
    assert image.state is TextState.UNSUPPORTED
    assert image.note is not None and "OCR" in image.note
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("inside.txt", "hidden words")
    assert extract_bytes(archive.getvalue(), "bundle.zip", "").state is TextState.UNSUPPORTED
    assert extract_bytes(b"", "empty.txt", "text/plain").state is TextState.UNSUPPORTED


def test_content_beats_a_misleading_name() -> None:
    data = pdf_document("Really a PDF", ["named as a spreadsheet"])
    result = extract_bytes(data, "figures.xlsx", "application/vnd.ms-excel")
    assert result.state is TextState.DONE
    assert "named as a spreadsheet" in result.text


def test_zip_bomb_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    result = extract_bytes(buffer.getvalue(), "bomb.odt", "")
    assert result.state is TextState.FAILED
    assert result.note is not None and "zip bomb" in result.note


def test_damaged_office_xml_fails_with_a_reason() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>unclosed")
    result = extract_bytes(buffer.getvalue(), "broken.docx", "")
    assert result.state is TextState.FAILED
    assert result.note is not None and "XML is damaged" in result.note


def test_text_is_cleaned_and_cut_at_the_budget() -> None:
    cleaned = from_text("a\r\nb\x00c\x02\n\n\n\nd   \n")
    assert cleaned.text == "a\nbc\n\nd"
    budget = TextBudget(limit=10)
    for piece in ("12345", "67890", "never kept"):
        budget.add(piece)
    assert budget.full and budget.text() == "1234567890"


@pytest.mark.parametrize("data", [b" ", b"  \n\t \r\n"])
def test_documents_with_no_words_are_empty(data: bytes) -> None:
    assert extract_bytes(data, "blank.txt", "text/plain").state is TextState.EMPTY
