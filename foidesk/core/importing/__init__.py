"""Bringing correspondence in: reading files and mailboxes (``importer``) and filing each
message into the right request's thread (``filing``)."""

from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    """What faces use, loaded when first asked for (the work behind it is heavy)."""
    import importlib

    if name in _PUBLIC:
        return getattr(importlib.import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
