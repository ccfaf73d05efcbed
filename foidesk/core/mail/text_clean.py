"""Single-line cleaning for header-derived text (subjects, names).

A decoded header can contain anything an encoded word can spell, including
CR/LF followed by "Bcc:". Collapsing every line break and control character
means such text can never become a second line anywhere it is shown or
written.
"""

from __future__ import annotations

import re

from foidesk.core.mail.charsets import scrub_text

_WHITESPACE = re.compile(r"[\s\u2028\u2029\x85]+")
# Controls, plus the bidi embeddings, overrides and isolates that can make
# text read differently from what it is (marks like U+200F are kept).
_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\u202a-\u202e\u2066-\u2069]")


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse ``text`` to one trimmed line without control characters."""
    text = _INVISIBLE.sub("", scrub_text(text))
    text = _WHITESPACE.sub(" ", text).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip()
    return text


def normalise_newlines(text: str) -> str:
    """Use "\\n" for every line break, whatever the sender's platform wrote."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
