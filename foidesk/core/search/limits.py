"""Bounds that keep a hostile or huge attachment from eating time, memory or disk.

Every cut-off text extraction applies lives here, so a reader sees them at once.
Extraction of each file also runs in a worker process (``sandbox.py``) that is
killed when it passes ``TIMEOUT_SECONDS`` or ``WORKER_MEMORY_BYTES``: PDF
parsing is C code that Python cannot interrupt any other way.
"""

from typing import Final

#: Files larger than this are not read at all (their name is still searchable).
MAX_FILE_BYTES: Final = 100 * 1024 * 1024
#: Text kept per attachment; beyond it the rest is dropped (with a note). Also
#: bounds the cost of building a snippet from one document at search time.
MAX_TEXT_CHARS: Final = 1_000_000
#: Pages read from one PDF.
MAX_PDF_PAGES: Final = 2_000
#: Bytes inflated from one member of a ZIP-based document (DOCX, XLSX, ODT...):
#: a zip bomb stops here instead of filling memory.
MAX_UNZIPPED_BYTES: Final = 200 * 1024 * 1024
#: Largest compression ratio believed for a ZIP member before it is refused.
MAX_ZIP_RATIO: Final = 200
#: Levels of attachments inside emails inside emails that are read.
MAX_NESTING: Final = 3
#: Wall time allowed for one file before its worker is killed.
TIMEOUT_SECONDS: Final = 60.0
#: Address space a worker may use (POSIX only) before allocation fails.
WORKER_MEMORY_BYTES: Final = 2 * 1024 * 1024 * 1024

#: Hits a search returns unless asked for more.
DEFAULT_LIMIT: Final = 50
#: Wall time Tesseract may spend on one page of a scan before it is stopped.
OCR_PAGE_SECONDS: Final = 120.0
