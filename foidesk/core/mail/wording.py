"""What reading a message may have to say about it: warnings (something was damaged,
cut or repaired) and character-set notes (which character set some text was read in,
and why), each a code with its wording (``core/phrases.py``).

The notes are kept with the message (``message.charset_notes``) and the warnings go to
the import report; either is worded in the user's language when it is shown. The codes
are stable: the database holds them, and ``--json`` gives them to scripts.
"""

from __future__ import annotations

from foidesk.core.i18n import N_, ngettext
from foidesk.core.phrases import define, define_plural

# --- character-set notes: {used} is the character set the text was read in -----------

HEADER_UNDECLARED_8BIT = define(
    "charset.header-undeclared-8bit",
    # Translators: {header} is an email header's own name (subject, from), {used} a
    # character set (UTF-8, windows-1252).
    N_("the {header} header had undeclared 8-bit text; read as {used}"),
)
UNKNOWN_CHARSET = define(
    "charset.unknown",
    # Translators: {label} is the character set the message declared.
    N_("unknown character set '{label}'; text decoded as {used}"),
)
DECLARED_CHARSET_INVALID = define(
    "charset.declared-invalid",
    N_("text declared as '{label}' was not valid; decoded as {used}"),
)
NO_DECLARED_CHARSET = define(
    "charset.undeclared",
    N_("text with no declared character set was decoded as {used}"),
)
HEADER_RAW_8BIT = define(
    "charset.header-raw-8bit",
    N_("the {header} header held raw 8-bit text inside an encoded word; read as {used}"),
)
A_HEADER_RAW_8BIT = define(
    "charset.a-header-raw-8bit",
    N_("a header held raw 8-bit text inside an encoded word; read as {used}"),
)

# --- warnings -------------------------------------------------------------------------

RTF_TOO_LARGE = define(
    "mail.rtf-too-large",
    N_("the message's rich-text body is too large to convert; the original is kept"),
)
RTF_UNREADABLE = define(
    "mail.rtf-unreadable",
    N_("the message's rich-text body could not be converted; the original is kept"),
)
TOO_MANY_PARTS = define_plural(
    "mail.too-many-parts",
    lambda n: ngettext(
        "the message has more than {count} part; the rest were not read",
        "the message has more than {count} parts; the rest were not read",
        n,
    ),
)
STRAY_PART = define(
    "mail.stray-part",
    N_("a part was found outside the message's structure; it was kept as a file"),
)
NO_DATE = define("mail.no-date", N_("the message has no date"))
DATE_UNREADABLE = define("mail.date-unreadable", N_("the date could not be read"))
DATE_FROM_RECEIVED = define(
    "mail.date-from-received",
    N_("the date was taken from when a mail server received the message"),
)
DATE_WITHOUT_ZONE = define(
    "mail.date-without-zone", N_("the date has no time zone; it was read as UTC")
)
UUENCODE_NO_END = define(
    "mail.uuencode-no-end", N_("a uuencoded file had no 'end' line; it may be incomplete")
)
UUENCODE_DAMAGED = define(
    "mail.uuencode-damaged",
    N_("a uuencoded file had damaged lines; they were decoded as well as possible"),
)
BODY_FROM_WINMAIL = define(
    "mail.body-from-winmail",
    N_("the message body was read from its winmail.dat (Outlook) attachment"),
)
HEADER_SHORTENED = define(
    "mail.header-shortened",
    # Translators: {header} is an email header's own name (subject, from).
    N_("the {header} header was too long and has been shortened"),
)
TOO_DEEP_FLATTENED = define_plural(
    "mail.too-deep-flattened",
    lambda n: ngettext(
        "the message nests parts more than {count} level deep; its parts were read as one "
        "flat list (the original is kept)",
        "the message nests parts more than {count} levels deep; its parts were read as one "
        "flat list (the original is kept)",
        n,
    ),
)
TOO_DEEP_HEADERS_ONLY = define_plural(
    "mail.too-deep-headers-only",
    lambda n: ngettext(
        "the message nests parts more than {count} level deep; only its headers were read "
        "(the original is kept)",
        "the message nests parts more than {count} levels deep; only its headers were read "
        "(the original is kept)",
        n,
    ),
)
FORWARD_NOT_KEPT = define(
    "mail.forward-not-kept", N_("a forwarded message could not be kept as a separate file")
)
ATTACHED_EMAIL_DECODED = define(
    "mail.attached-email-decoded",
    # Translators: {encoding} is a transfer encoding's name (base64, quoted-printable).
    N_("an attached email was sent in {encoding}; it was decoded"),
)
ATTACHED_EMAIL_REPAIRED = define(
    "mail.attached-email-repaired",
    N_("an attached email's part header was damaged; the email was recovered from it"),
)
UNKNOWN_TRANSFER_ENCODING = define(
    "mail.unknown-transfer-encoding",
    N_("unknown transfer encoding '{encoding}'; content kept as sent"),
)
BASE64_INVALID_CHARACTERS = define(
    "mail.base64-invalid-characters",
    N_("base64 data contained invalid characters; they were skipped"),
)
BASE64_REPAIRED = define("mail.base64-repaired", N_("damaged base64 data was repaired"))
NOT_BASE64 = define(
    "mail.not-base64", N_("a part labelled base64 was not base64; its text was kept as sent")
)
UNSUPPORTED_ATTACHMENT = define(
    "mail.unsupported-attachment", N_("an attachment of an unsupported kind was skipped")
)
WINMAIL_UNEXPANDED = define(
    "mail.winmail-unexpanded",
    N_("a winmail.dat attachment could not be expanded; it is kept as is"),
)
WINMAIL_EMPTY = define(
    "mail.winmail-empty",
    N_("a winmail.dat attachment held no files to expand; it is kept as is"),
)
MULTIPART_NOT_CLOSED = define(
    "mail.multipart-not-closed",
    N_("a multipart section was never closed; the message may be cut short"),
)
MULTIPART_NO_START = define(
    "mail.multipart-no-start",
    N_("a multipart section had no parts where expected; its content was read as text"),
)
MULTIPART_NO_BOUNDARY = define(
    "mail.multipart-no-boundary",
    N_("a multipart section declared no boundary; its content was read as text"),
)
HEADERS_ENDED_EARLY = define(
    "mail.headers-ended-early",
    N_("a malformed header line ended the headers early; the rest was read as body"),
)
FIRST_HEADER_MALFORMED = define(
    "mail.first-header-malformed", N_("the first header line was malformed")
)
FURTHER_WARNINGS = define_plural(
    "mail.further-warnings",
    lambda n: ngettext(
        "{count} further warning was not listed", "{count} further warnings were not listed", n
    ),
)
