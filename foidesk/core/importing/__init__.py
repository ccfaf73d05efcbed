"""Bringing correspondence in: reading files and mailboxes (``importer``) and filing each
message into the right request's thread (``filing``)."""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.importing.importer import (
        ImportedAttachment,
        ImportedFile,
        ImportReport,
        ImportRun,
        Status,
        import_paths,
    )

__all__ = [
    "ImportReport",
    "ImportRun",
    "ImportedAttachment",
    "ImportedFile",
    "Status",
    "import_paths",
]
_PUBLIC = dict.fromkeys(__all__, "foidesk.core.importing.importer")


__getattr__ = lazy_exports(__name__, _PUBLIC)
