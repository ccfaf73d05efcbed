"""``foidesk salvage``: SQLite's own recovery of a damaged database into a new one
(``copy``), made a sound foidesk database (``schema``, ``orphans``, ``repair``), swapped
in without ever deleting the damaged file (``switch``), in the order ``run`` gives."""

from typing import TYPE_CHECKING

from foidesk.core.lazy import lazy_exports

if TYPE_CHECKING:
    from foidesk.core.salvage.copy import Shell, find_shell
    from foidesk.core.salvage.run import SalvageResult, TableCount, salvage

__all__ = ["SalvageResult", "Shell", "TableCount", "find_shell", "salvage"]
_PUBLIC = {
    "Shell": "foidesk.core.salvage.copy",
    "find_shell": "foidesk.core.salvage.copy",
    "SalvageResult": "foidesk.core.salvage.run",
    "TableCount": "foidesk.core.salvage.run",
    "salvage": "foidesk.core.salvage.run",
}


__getattr__ = lazy_exports(__name__, _PUBLIC)
