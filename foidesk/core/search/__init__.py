"""Full-text search over requests, messages and the text inside attachments.

Faces use: ``search`` (user text to ranked ``SearchHit`` records),
``extract_pending`` (read waiting attachments, in the background after an
import), ``recognise_pending`` and ``ocr_status`` (text recognition of scans, and how
far it has got), ``rebuild_index`` and ``check_index`` (``--reindex`` and
``foidesk check``), ``text_status`` (what could not be read, and why) and
``Highlighter`` (mark matches in a thread or preview).

The index itself sits behind ``SearchIndex``; SQLite uses FTS5 (see
``fts5_schema.py`` for its design), other databases may bring their own.
"""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.search.extract import extract_bytes
    from foidesk.core.search.extraction import Extraction
    from foidesk.core.search.filters import FILE_TYPES, Filters
    from foidesk.core.search.highlight import Highlighter, highlight_spans
    from foidesk.core.search.hits import MATCH_END, MATCH_START, HitKind, SearchHit, snippet_parts
    from foidesk.core.search.index import SearchIndex, SearchUnavailableError, index_for
    from foidesk.core.search.limits import DEFAULT_LIMIT
    from foidesk.core.search.notes import image_problem, pdf_problem
    from foidesk.core.search.ocr_counts import OcrStatus, ocr_status
    from foidesk.core.search.ocr_languages import (
        OcrLanguages,
        how_to_add,
        how_to_install_engine,
    )
    from foidesk.core.search.ocr_marks import recognised_marks
    from foidesk.core.search.ocr_pending import (
        OcrOptions,
        OcrReport,
        OcrUnavailableError,
        recognise_pending,
    )
    from foidesk.core.search.pending import (
        ExtractionOptions,
        ExtractionReport,
        default_workers,
        extract_pending,
    )
    from foidesk.core.search.query import SearchQuery, parse_query
    from foidesk.core.search.service import (
        DeskLike,
        check_index,
        rebuild_index,
        run_query,
        search,
    )
    from foidesk.core.search.states import TextState
    from foidesk.core.search.status import (
        TextStatus,
        UnreadAttachment,
        mark_all_pending,
        text_status,
    )

#: Each name is loaded when first asked for: a command that only needs the default
#: number of hits must not load the index and the extractors.
_LATER = {
    "extract_bytes": "foidesk.core.search.extract",
    "Extraction": "foidesk.core.search.extraction",
    "FILE_TYPES": "foidesk.core.search.filters",
    "Filters": "foidesk.core.search.filters",
    "Highlighter": "foidesk.core.search.highlight",
    "highlight_spans": "foidesk.core.search.highlight",
    "HitKind": "foidesk.core.search.hits",
    "MATCH_END": "foidesk.core.search.hits",
    "MATCH_START": "foidesk.core.search.hits",
    "SearchHit": "foidesk.core.search.hits",
    "snippet_parts": "foidesk.core.search.hits",
    "SearchIndex": "foidesk.core.search.index",
    "SearchUnavailableError": "foidesk.core.search.index",
    "index_for": "foidesk.core.search.index",
    "DEFAULT_LIMIT": "foidesk.core.search.limits",
    "image_problem": "foidesk.core.search.notes",
    "pdf_problem": "foidesk.core.search.notes",
    "ExtractionOptions": "foidesk.core.search.pending",
    "ExtractionReport": "foidesk.core.search.pending",
    "default_workers": "foidesk.core.search.pending",
    "extract_pending": "foidesk.core.search.pending",
    "OcrLanguages": "foidesk.core.search.ocr_languages",
    "how_to_add": "foidesk.core.search.ocr_languages",
    "how_to_install_engine": "foidesk.core.search.ocr_languages",
    "recognised_marks": "foidesk.core.search.ocr_marks",
    "OcrOptions": "foidesk.core.search.ocr_pending",
    "OcrReport": "foidesk.core.search.ocr_pending",
    "OcrUnavailableError": "foidesk.core.search.ocr_pending",
    "recognise_pending": "foidesk.core.search.ocr_pending",
    "OcrStatus": "foidesk.core.search.ocr_counts",
    "ocr_status": "foidesk.core.search.ocr_counts",
    "SearchQuery": "foidesk.core.search.query",
    "parse_query": "foidesk.core.search.query",
    "DeskLike": "foidesk.core.search.service",
    "check_index": "foidesk.core.search.service",
    "rebuild_index": "foidesk.core.search.service",
    "run_query": "foidesk.core.search.service",
    "search": "foidesk.core.search.service",
    "TextState": "foidesk.core.search.states",
    "TextStatus": "foidesk.core.search.status",
    "UnreadAttachment": "foidesk.core.search.status",
    "mark_all_pending": "foidesk.core.search.status",
    "text_status": "foidesk.core.search.status",
}


__getattr__ = lazy_exports(__name__, _LATER)


__all__ = [
    "DEFAULT_LIMIT",
    "FILE_TYPES",
    "MATCH_END",
    "MATCH_START",
    "DeskLike",
    "Extraction",
    "ExtractionOptions",
    "ExtractionReport",
    "Filters",
    "Highlighter",
    "HitKind",
    "OcrLanguages",
    "OcrOptions",
    "OcrReport",
    "OcrStatus",
    "OcrUnavailableError",
    "SearchHit",
    "SearchIndex",
    "SearchQuery",
    "SearchUnavailableError",
    "TextState",
    "TextStatus",
    "UnreadAttachment",
    "check_index",
    "default_workers",
    "extract_bytes",
    "extract_pending",
    "highlight_spans",
    "how_to_add",
    "how_to_install_engine",
    "image_problem",
    "index_for",
    "mark_all_pending",
    "ocr_status",
    "parse_query",
    "pdf_problem",
    "rebuild_index",
    "recognise_pending",
    "recognised_marks",
    "run_query",
    "search",
    "snippet_parts",
    "text_status",
]
