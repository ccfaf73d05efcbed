"""Why a salvage was refused or stopped. Each leaves the damaged database in place."""

from __future__ import annotations

from foidesk.core.errors import FoideskError


class SalvageError(FoideskError):
    """A salvage was refused or could not finish; the damaged database is still in place."""


class NoRecoveryShellError(SalvageError):
    """No sqlite3 shell was found, or the one found cannot run ``.recover``."""


class SalvageInProgressError(SalvageError):
    """Another process is salvaging this profile right now."""
