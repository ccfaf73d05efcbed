"""Safe readers for one MIME part's type, charset, file name and encoding.

Each stdlib accessor can raise on a malformed header; here each falls back
to the value RFC 2045 prescribes for a missing header, so a broken part is
still read as something.
"""

from __future__ import annotations

import re
from email.message import Message

from foidesk.core.mail.encoded_words import repair_encoded_words
from foidesk.core.mail.header_values import HEADER_ERRORS, compat32_decode
from foidesk.core.mail.text_clean import one_line

# Last resort for parameters the strict parser gave up on, such as an
# unquoted encoded word: name==?utf-8?q?r=C3=A9sum=C3=A9.pdf?=
_LENIENT_NAME = re.compile(r"""(?:file)?name\s*=\s*"?([^";\r\n]+)"?""", re.IGNORECASE)
_MAX_RAW_NAME = 4096


def content_type(part: Message) -> str:
    """The lower-case media type; text/plain when missing or unreadable."""
    try:
        return part.get_content_type()
    except HEADER_ERRORS:
        return "text/plain"


def charset(part: Message) -> str | None:
    """The declared charset parameter, if any."""
    try:
        return part.get_content_charset()
    except HEADER_ERRORS:
        return None


def disposition(part: Message) -> str | None:
    """ "inline", "attachment", or None when the part does not say."""
    try:
        return part.get_content_disposition()
    except HEADER_ERRORS:
        return None


def filename(part: Message) -> str | None:
    """The part's own file name, decoded but not yet made safe."""
    name: str | None
    try:
        name = part.get_filename()
    except HEADER_ERRORS:
        name = None
    if not name:
        name = _lenient_name(part)
    if name and "=?" in name:
        name = compat32_decode(repair_encoded_words(name))
    return one_line(name) if name else None


def transfer_encoding(part: Message) -> str:
    """The Content-Transfer-Encoding token, lower-cased; "7bit" when absent."""
    raw = first_raw(part, "content-transfer-encoding")
    if raw is None:
        return "7bit"
    token = raw.split(";", 1)[0].split("(", 1)[0]
    return token.strip().strip('"').lower() or "7bit"


def first_raw(part: Message, name: str) -> str | None:
    """The raw text of the first header called ``name`` in this part."""
    for key, value in part.raw_items():
        if str(key).strip().lower() == name:
            return str(value)
    return None


def _lenient_name(part: Message) -> str | None:
    for header in ("content-disposition", "content-type"):
        raw = first_raw(part, header)
        if raw is None:
            continue
        match = _LENIENT_NAME.search(raw[:_MAX_RAW_NAME])
        if match:
            return match.group(1).strip()
    return None
