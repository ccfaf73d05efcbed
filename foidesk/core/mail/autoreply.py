"""Recognises automated mail: acknowledgements, out-of-office replies, robots.

FOI acknowledgements matter (they start no clock but prove receipt), and
many authorities send them without any RFC 3834 header, so wording counts
too. Every signal is listed here, in one place, to be extended as new
authorities are met.
"""

from __future__ import annotations

from collections.abc import Mapping

#: Lower-case phrases that mark a message as automated when found in its
#: subject or near the start of its body.
AUTO_REPLY_PHRASES: tuple[str, ...] = (
    "this is an automated confirmation",
    "this is an automated response",
    "this is an automated reply",
    "this is an automatic reply",
    "this is an automatically generated",
    "automatic reply",
    "auto-reply",
    "autoreply",
    "we have received your request",
    "your request has been received",
)
#: Header names that, present with any value but "no", mark automated mail.
AUTO_HEADERS: tuple[str, ...] = ("auto-submitted", "x-autoreply", "x-autorespond", "precedence")
#: How much of the body is searched: the wording sits at the top, while a
#: quoted earlier message further down must not count.
_BODY_WINDOW = 2000


def is_auto_submitted(headers: Mapping[str, str], subject: str, body_text: str) -> bool:
    """True if headers or wording show the message was sent by a machine."""
    return _by_headers(headers) or _by_wording(f"{subject}\n{body_text[:_BODY_WINDOW]}")


def _by_headers(headers: Mapping[str, str]) -> bool:
    submitted = _token(headers.get("auto-submitted"))
    if submitted and submitted != "no":
        return True
    if "x-autoreply" in headers and _token(headers["x-autoreply"]) not in {"no", "false", "0"}:
        return True
    if "x-autorespond" in headers:
        return True
    return _token(headers.get("precedence")) == "auto_reply"


def _by_wording(text: str) -> bool:
    lowered = " ".join(text.lower().split())
    return any(phrase in lowered for phrase in AUTO_REPLY_PHRASES)


def _token(value: str | None) -> str:
    """The header's first word, lower-cased, without parameters or comments."""
    if not value:
        return ""
    return value.split(";", 1)[0].split("(", 1)[0].strip().lower()
