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
    from foidesk.core.importing.reasons import added_by_hand

__all__ = [
    "ImportReport",
    "ImportRun",
    "ImportedAttachment",
    "ImportedFile",
    "Status",
    "added_by_hand",
    "import_paths",
]
_PUBLIC = dict.fromkeys(__all__, "foidesk.core.importing.importer")
_PUBLIC["added_by_hand"] = "foidesk.core.importing.reasons"


__getattr__ = lazy_exports(__name__, _PUBLIC)
