"""What foidesk knows about an attachment's text, kept in ``attachment.text_state``.

The states say what a user can expect from search: ``done`` attachments are
searchable by their words; every attachment is searchable by its file name.
``scanned`` marks PDFs with no text layer, which a later OCR step will read.
"""

from __future__ import annotations

from enum import StrEnum


class TextState(StrEnum):
    PENDING = "pending"  # not read yet: extraction runs in the background after import
    DONE = "done"  # text extracted and indexed
    EMPTY = "empty"  # a readable document that holds no text
    SCANNED = "scanned"  # a PDF without a text layer (a scan): OCR is a later step
    FAILED = "failed"  # damaged, password-protected, too large or too slow: see text_error
    UNSUPPORTED = "unsupported"  # a kind of file foidesk does not read (images, archives)

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    TextState.PENDING: "waiting to be read",
    TextState.DONE: "text searchable",
    TextState.EMPTY: "holds no text",
    TextState.SCANNED: "scanned, no text layer",
    TextState.FAILED: "could not be read",
    TextState.UNSUPPORTED: "not a kind of file foidesk reads",
}
