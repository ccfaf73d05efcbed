"""Classifies URLs found in message HTML: which may be followed, which may load.

Browsers ignore whitespace and control characters inside a scheme
("java\\tscript:"), so the scheme is read the same way here.
"""

from __future__ import annotations

import re

_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Images the message itself carries; nothing here contacts a server.
_LOCAL_IMAGE = re.compile(r"^data:image/(png|gif|jpeg|webp|bmp);base64,", re.IGNORECASE)


def scheme_of(url: str) -> str | None:
    """The lower-cased scheme of ``url``, or None for a relative reference."""
    match = _SCHEME.match(_INVISIBLE.sub("", url).lower())
    return match.group(1) if match else None


def is_safe_link(url: str) -> bool:
    """True for links a user may click: web, mail and phone links, or in-page anchors."""
    compact = _INVISIBLE.sub("", url)
    if compact.startswith("#"):
        return True
    return scheme_of(url) in _LINK_SCHEMES


def is_local_resource(url: str) -> bool:
    """True only for resources inside the message (``cid:``) or inline image data.

    Anything else (http, https, protocol-relative ``//host``, ftp, file,
    relative paths) would make the viewer reach outside the message, which
    tells a sender that and when the message was read.
    """
    compact = _INVISIBLE.sub("", url)
    return scheme_of(compact) == "cid" or bool(_LOCAL_IMAGE.match(compact))
