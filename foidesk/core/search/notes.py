"""Why a file's words could not be read, or what to know about those that were: the note
kept with an attachment (``attachment.text_error``), as a code with its wording
(``core/phrases.py``), shown in the user's language by ``search --status``, the search
panel and the preview.

``{detail}`` is what the reading library itself said (a damaged file's own error); it
is kept as it was said, in parentheses, for a report.
"""

from __future__ import annotations

from foidesk.core.i18n import N_, ngettext
from foidesk.core.phrases import Phrase, define, define_plural

TOO_LARGE = define("text.too-large", N_("larger than {megabytes} MB; not read"))
NESTED_TOO_DEEP = define_plural(
    "text.nested-too-deep",
    lambda n: ngettext(
        "nested more than {count} level deep; not read",
        "nested more than {count} levels deep; not read",
        n,
    ),
)
NESTS_TOO_DEEPLY = define(
    "text.nests-too-deeply", N_("the file nests its parts too deeply to read")
)
UNKNOWN_KIND = define("text.unknown-kind", N_("foidesk does not read this kind of file"))
IMAGE = define("text.image", N_("an image: its words are not read yet (OCR is a later step)"))
ARCHIVE = define("text.archive", N_("an archive: the files inside are not read"))
LEGACY_OFFICE = define("text.legacy-office", N_("an old Office file (.xls, .ppt): not read yet"))
EMPTY = define("text.empty", N_("the file is empty"))
DOCUMENT_DAMAGED = define("text.document-damaged", N_("the document is damaged ({detail})"))
NOT_WORD = define("text.not-word", N_("not a Word document"))
WORD_ENCRYPTED = define(
    "text.word-encrypted", N_("the document is encrypted; its words cannot be read")
)
WORD_TOO_OLD = define("text.word-too-old", N_("a Word document older than Word 97: not read"))
EMAIL_UNREADABLE = define(
    "text.email-unreadable", N_("the attached email could not be read ({detail})")
)
OUTLOOK_UNREADABLE = define(
    "text.outlook-unreadable", N_("the attached Outlook message could not be read ({detail})")
)
PART_MISSING = define("text.part-missing", N_("the document lacks a part it needs ({part})"))
XML_DAMAGED = define("text.xml-damaged", N_("the document's XML is damaged ({detail})"))
FILE_DAMAGED = define("text.file-damaged", N_("the file is damaged ({detail})"))
MEMBER_TOO_LARGE = define_plural(
    "text.member-too-large",
    lambda n: ngettext(
        "{member} inflates to {count} byte; not read",
        "{member} inflates to {count} bytes; not read",
        n,
    ),
)
ZIP_BOMB = define(
    "text.zip-bomb", N_("{member} is compressed suspiciously well (a zip bomb?); not read")
)
PDF_PAGE_UNREADABLE = define(
    "text.pdf-page-unreadable", N_("PDF page could not be read ({detail})")
)
PDF_PAGES_CUT = define_plural(
    "text.pdf-pages-cut",
    lambda n: ngettext(
        "only the first {shown} of {count} page is searchable",
        "only the first {shown} of {count} pages are searchable",
        n,
    ),
)
PDF_PASSWORD = define("text.pdf-password", N_("the PDF is password-protected"))
PDF_DAMAGED = define("text.pdf-damaged", N_("the PDF is damaged or not a PDF"))
IMAGE_UNREADABLE = define("text.image-unreadable", N_("the image cannot be read ({detail})"))
NO_TEXT_LAYER = define("text.no-text-layer", N_("no text layer (a scanned document?)"))
TEXT_CUT = define_plural(
    "text.cut",
    lambda n: ngettext(
        "only the first {count} character is searchable",
        "only the first {count} characters are searchable",
        n,
    ),
)
STORED_FILE_MISSING = define(
    "text.stored-file-missing", N_("the stored file is missing (see `foidesk check`)")
)
TOO_SLOW = define("text.too-slow", N_("took longer than {seconds} s; stopped"))
READER_STOPPED = define(
    "text.reader-stopped", N_("the reader stopped unexpectedly (exit code {code})")
)
TOO_MUCH_MEMORY = define("text.too-much-memory", N_("it needed more memory than a worker may use"))
READER_FAILED = define("text.reader-failed", N_("the reader failed ({detail})"))


def pdf_problem(message: str) -> Phrase:
    """Why PDFium could not open a PDF, from its own message, in words a user reads."""
    if "password" in message.lower():
        return Phrase(PDF_PASSWORD)
    return Phrase(PDF_DAMAGED)


def image_problem(detail: str) -> Phrase:
    """Why an image could not be shown; ``detail`` is the image reader's own message."""
    return Phrase(IMAGE_UNREADABLE, detail=detail)


OCR_PAGE_UNREADABLE = define(
    "text.ocr-page-unreadable", N_("the page could not be turned into an image ({detail})")
)
OCR_FAILED = define("text.ocr-failed", N_("text recognition failed ({detail})"))
RECOGNISED = define("text.recognised", N_("recognised text; confidence {confidence} %"))
OCR_NO_WORDS = define("text.ocr-no-words", N_("a scan: text recognition found no words"))
OCR_PAGES_FAILED = define_plural(
    "text.ocr-pages-failed",
    lambda n: ngettext(
        "a scan: text recognition failed on its page",
        "a scan: text recognition failed on {count} pages",
        n,
    ),
)
