"""Full-text search over requests, messages and the text inside attachments.

Faces use: ``search`` (user text to ranked ``SearchHit`` records),
``extract_pending`` (read waiting attachments, in the background after an
import), ``rebuild_index`` and ``check_index`` (``--reindex`` and
``foidesk check``), ``text_status`` (what could not be read, and why) and
``Highlighter`` (mark matches in a thread or preview).

The index itself sits behind ``SearchIndex``; SQLite uses FTS5 (see
``fts5_schema.py`` for its design), other databases may bring their own.
"""

from foidesk.core.search.extract import extract_bytes
from foidesk.core.search.extraction import Extraction
from foidesk.core.search.filters import FILE_TYPES, Filters
from foidesk.core.search.highlight import Highlighter, highlight_spans
from foidesk.core.search.hits import MATCH_END, MATCH_START, HitKind, SearchHit, snippet_parts
from foidesk.core.search.index import SearchIndex, SearchUnavailableError, index_for
from foidesk.core.search.pending import (
    ExtractionOptions,
    ExtractionReport,
    default_workers,
    extract_pending,
)
from foidesk.core.search.query import SearchQuery, parse_query
from foidesk.core.search.service import (
    DEFAULT_LIMIT,
    DeskLike,
    check_index,
    rebuild_index,
    run_query,
    search,
)
from foidesk.core.search.states import TextState
from foidesk.core.search.status import TextStatus, UnreadAttachment, mark_all_pending, text_status

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
    "index_for",
    "mark_all_pending",
    "parse_query",
    "rebuild_index",
    "run_query",
    "search",
    "snippet_parts",
    "text_status",
]
