"""What a salvage report says, as phrases: the English stays in ``--json`` and the
result's fields, and the report is worded in the reader's language when printed
(``core/phrases.py``)."""

from __future__ import annotations

from foidesk.core.i18n import N_
from foidesk.core.phrases import define

# --- notes -----------------------------------------------------------------------------
REVISION_LOST = define(
    "salvage.revision-lost",
    N_("the schema revision was lost; the recovered tables say it was {revision}"),
)
IDENTITY_REWRITTEN = define(
    "salvage.identity-rewritten",
    N_("the profile's identity was lost; it was written again from its marker"),
)
IDENTITY_NEW = define(
    "salvage.identity-new",
    N_(
        "neither the database nor its marker named the profile any more: it was given a "
        "new identity, {identity}"
    ),
)
NOT_RECREATED = define(
    "salvage.not-recreated",
    N_("SQLite could not re-create everything it read: {complaint}"),
)

# --- what was done with rows whose parent was lost -------------------------------------
MESSAGES_UNFILED = define(
    "salvage.messages-unfiled", N_("messages whose request was lost, moved to Unfiled")
)
STAND_IN_AUTHORITIES = define(
    "salvage.stand-in-authorities",
    N_("stand-in authorities for requests whose authority was lost"),
)
STAND_IN_NOTES = define(
    "salvage.stand-in-notes",
    N_("stand-in notes in Unfiled for attachments whose message was lost"),
)
MISSING_FILES = define(
    "salvage.missing-files", N_("rows for stored files missing from the store too")
)
FILES_REWRITTEN = define(
    "salvage.files-rewritten", N_("rows written again for files in the attachment store")
)
TEXT_AGAIN = define("salvage.text-again", N_("attachments whose text was lost, to be read again"))
