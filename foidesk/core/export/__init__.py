"""Exporting: a request as one evidence bundle, and the archive as open data.

- ``bundle``: ``write_bundle`` — ``correspondence.pdf``, ``originals/``, ``attachments/``
  and ``manifest.json`` in one ZIP, written atomically and streamed (``members``,
  ``pdf``, ``fonts``, ``atomic``); ``plan`` reads what it needs from the database first;
- ``redaction``: what a redacted bundle replaces, and what it leaves out;
- ``tables``: ``write_tables`` — requests, messages, deadlines and status history as
  CSV or JSON, with the columns of ``TABLE_COLUMNS``.

Faces reach these through ``Desk.export_bundle`` and ``Desk.export_tables``, and use
the names below for their options and reports.
"""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.export.bundle import BundleReport, WrittenMember
    from foidesk.core.export.errors import ExportError, NoFontError
    from foidesk.core.export.redaction import Redaction
    from foidesk.core.export.tables import TABLE_COLUMNS, TableFormat, TablesReport

_LATER = {
    "BundleReport": "foidesk.core.export.bundle",
    "WrittenMember": "foidesk.core.export.bundle",
    "ExportError": "foidesk.core.export.errors",
    "NoFontError": "foidesk.core.export.errors",
    "Redaction": "foidesk.core.export.redaction",
    "TABLE_COLUMNS": "foidesk.core.export.tables",
    "TableFormat": "foidesk.core.export.tables",
    "TablesReport": "foidesk.core.export.tables",
}

__getattr__ = lazy_exports(__name__, _LATER)

__all__ = [
    "TABLE_COLUMNS",
    "BundleReport",
    "ExportError",
    "NoFontError",
    "Redaction",
    "TableFormat",
    "TablesReport",
    "WrittenMember",
]
