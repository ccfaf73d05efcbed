"""Filters inline ``style`` attributes down to declarations that load nothing."""

from __future__ import annotations

import re

_COMMENT = re.compile(r"/\*.*?(\*/|$)", re.DOTALL)
# Any of these can fetch a resource or run code in some engine; a backslash
# can spell them through CSS escapes ("\75 rl(" is "url(").
_DANGEROUS = (
    "url(",
    "image(",
    "image-set(",
    "expression",
    "@import",
    "behavior",
    "-moz-binding",
    "javascript:",
    "\\",
)
_PROPERTY = re.compile(r"^[a-z\-]+$")


def clean_style(style: str) -> str:
    """Keep the harmless ``property: value`` pairs of a style attribute."""
    kept: list[str] = []
    for declaration in _COMMENT.sub("", style).split(";"):
        name, colon, value = declaration.partition(":")
        name = name.strip().lower()
        value = value.strip()
        if not colon or not _PROPERTY.match(name) or not value:
            continue
        lowered = value.lower()
        if any(marker in lowered for marker in _DANGEROUS):
            continue
        kept.append(f"{name}: {value}")
    return "; ".join(kept)
