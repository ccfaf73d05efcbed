"""What foidesk knows about an attachment's text, kept in ``attachment.text_state``.

The states say what a user can expect from search: ``done`` attachments are
searchable by their words; every attachment is searchable by its file name.
``scanned`` marks PDFs with no text layer, which a later OCR step will read.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from foidesk.core.i18n import N_, _, pgettext


class TextState(StrEnum):
    PENDING = "pending"  # not read yet: extraction runs in the background after import
    DONE = "done"  # text extracted and indexed
    EMPTY = "empty"  # a readable document that holds no text
    SCANNED = "scanned"  # a PDF without a text layer (a scan): OCR is a later step
    FAILED = "failed"  # damaged, password-protected, too large or too slow: see text_error
    UNSUPPORTED = "unsupported"  # a kind of file foidesk does not read (images, archives)

    @property
    def label(self) -> str:
        """What the state means, in the user's language ("text searchable")."""
        return _(_LABELS[self])

    @property
    def word(self) -> str:
        """The state's short name in the user's language ("done"), as reports count it."""
        return _WORDS[self]()


_LABELS = {
    TextState.PENDING: N_("waiting to be read"),
    TextState.DONE: N_("text searchable"),
    TextState.EMPTY: N_("holds no text"),
    TextState.SCANNED: N_("scanned, no text layer"),
    TextState.FAILED: N_("could not be read"),
    TextState.UNSUPPORTED: N_("not a kind of file foidesk reads"),
}
_WORDS: dict[TextState, Callable[[], str]] = {
    TextState.PENDING: lambda: pgettext("text state", "pending"),
    TextState.DONE: lambda: pgettext("text state", "done"),
    TextState.EMPTY: lambda: pgettext("text state", "empty"),
    TextState.SCANNED: lambda: pgettext("text state", "scanned"),
    TextState.FAILED: lambda: pgettext("text state", "failed"),
    TextState.UNSUPPORTED: lambda: pgettext("text state", "unsupported"),
}
