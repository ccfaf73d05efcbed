"""What can stop an export, each as one sentence for the user."""

from __future__ import annotations

from foidesk.core.errors import FoideskError


class ExportError(FoideskError):
    """An export could not be written; nothing was left at the target."""


class NoFontError(ExportError):
    """No font that can write Unicode text into the PDF was found on this computer."""
