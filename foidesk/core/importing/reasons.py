"""Why a message is where it is: the sentence kept with it (``message.filed_by``) and
shown in its thread, as a code with its wording (``core/phrases.py``), so that it reads
in the user's language whichever language foidesk spoke when the message was filed.

The codes are stable: the database holds them, and ``--json`` gives them to scripts.
"""

from __future__ import annotations

from foidesk.core.i18n import N_, ngettext
from foidesk.core.phrases import Phrase, define, define_plural

# --- the filing rules (``filing.py``) -------------------------------------------------

REPLIES_TO_YOURS = define(
    "filing.replies-to-yours",
    # Translators: {message_id} is an email's Message-ID, shown in angle brackets.
    N_("replies to your message <{message_id}> in this thread"),
)
REPLIES_TO_ONE = define("filing.replies", N_("replies to a message <{message_id}> in this thread"))
SUBJECT_NAMES_REFERENCE = define(
    "filing.subject-reference", N_("the subject names the reference {reference}")
)
SUBJECT_NAMES_TITLE = define(
    "filing.subject-title", N_("the subject names the request \u201c{title}\u201d")
)
SENDER_OF_AUTHORITY = define(
    "filing.sender-authority",
    # Translators: {authority} is one authority's name, or several joined by " / ".
    N_("the sender {address} belongs to {authority}, which has one open request"),
)
RECIPIENT_OF_AUTHORITY = define(
    "filing.recipient-authority",
    N_("the recipient {address} belongs to {authority}, which has one open request"),
)
UNMATCHED = define("filing.unmatched", N_("no rule matched: left in the Unfiled tray"))

# --- the importer ---------------------------------------------------------------------

CHOSEN = define("filing.chosen", N_("filed here by you"))
REQUEST_TRASHED = define("filing.request-trashed", N_("its request is in the trash"))
ALREADY_IMPORTED = define("filing.already-imported", N_("already imported"))
ALREADY_IN_THREAD = define("filing.already-in-thread", N_("this file is already in the thread"))
DOCUMENT = define("filing.document", N_("added as a document"))
#: Two reasons of one file (an mbox's messages filed for different reasons), in turn.
JOINED = define("filing.joined", N_("{first}; {then}"))
#: One message's note in a file of several (an mbox).
IN_MESSAGE = define("import.in-message", N_("message {number}: {note}"))
MORE_NOT_LISTED = define_plural(
    "import.more-not-listed",
    lambda n: ngettext("{count} more not listed", "{count} more not listed", n),
)

# --- by hand, and by foidesk itself ---------------------------------------------------

BY_HAND = define("filing.by-hand", N_("added by hand"))
FILED_BY_HAND = define("filing.filed-by-hand", N_("filed by hand"))
WRITTEN_HERE = define("filing.written-here", N_("written in foidesk"))
SENT_HERE = define("filing.sent-here", N_("sent from foidesk"))
SENT_ELSEWHERE = define("filing.sent-elsewhere", N_("sent by you from another program"))
EXAMPLE = define("filing.example", N_("example data"))
SALVAGE = define("filing.salvage", N_("salvage"))
UNFILED_BY_SALVAGE = define(
    "filing.unfiled-by-salvage", N_("unfiled by salvage: its request could not be read")
)
#: How a message added by hand came (the window's "Add message" dialog asks).
BY_HAND_AS = {
    "phone-call": define("filing.by-hand.phone-call", N_("added by hand: phone call")),
    "letter-received": define(
        "filing.by-hand.letter-received", N_("added by hand: letter received by post")
    ),
    "letter-sent": define("filing.by-hand.letter-sent", N_("added by hand: letter sent by post")),
    "email": define("filing.by-hand.email", N_("added by hand: email typed in by hand")),
    "note": define("filing.by-hand.note", N_("added by hand: note")),
}


def added_by_hand(channel: str | None = None) -> Phrase:
    """Why a message typed in by the user is where it is: by hand, and how it came
    (a key of ``BY_HAND_AS``) when that is known."""
    return Phrase(BY_HAND if channel is None else BY_HAND_AS[channel])


def joined(reasons: list[str]) -> str:
    """The distinct reasons of one file's messages as one sentence (empty for none)."""
    distinct = list(dict.fromkeys(reasons))
    if not distinct:
        return ""
    result = distinct[-1]
    for reason in reversed(distinct[:-1]):
        result = Phrase(JOINED, first=reason, then=result)
    return result
