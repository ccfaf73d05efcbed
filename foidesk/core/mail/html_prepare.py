"""Defuses markup that makes ``html.parser`` quadratic, before it is parsed.

The stdlib parser (Python 3.11 before 3.11.13) rescans to the end of the
input for every unterminated construct, so 200 kB of "<a " or "<!--" takes
minutes. One linear pass here removes comments, declarations, processing
instructions and script/style elements (no view needs them) and escapes
any "<" that no ">" follows, so the parser never meets an unterminated tag.
"""

from __future__ import annotations

import re

_RAW_TEXT = re.compile(r"<(script|style)(?=[\s/>])", re.IGNORECASE)
_TAG_START = re.compile(r"</?[A-Za-z]")


def defuse_markup(html: str) -> str:
    """Return ``html`` without constructs the parser cannot finish in linear time."""
    lowered = html.lower()
    out: list[str] = []
    position = 0
    next_close = 0
    while (start := html.find("<", position)) != -1:
        out.append(html[position:start])
        end = _construct_end(html, lowered, start)
        if end is not None:
            position = end
            continue
        if next_close < start:
            next_close = html.find(">", start)
            if next_close == -1:
                next_close = len(html) + 1  # no ">" anywhere after this point
        if _TAG_START.match(html, start) and next_close <= len(html):
            out.append("<")
        else:
            out.append("&lt;")
        position = start + 1
    out.append(html[position:])
    return "".join(out)


def _construct_end(html: str, lowered: str, start: int) -> int | None:
    """Where a dropped construct starting at ``start`` ends, or None if it is no such thing.

    An unterminated construct runs to the end of the input, as in browsers.
    """
    if html.startswith("<!--", start):
        return _after(html, "-->", start + 4)
    if html.startswith(("<!", "<?"), start):
        return _after(html, ">", start + 2)
    match = _RAW_TEXT.match(html, start)
    if match:
        closing = lowered.find(f"</{match.group(1).lower()}", match.end())
        return len(html) if closing == -1 else _after(html, ">", closing)
    return None


def _after(html: str, marker: str, start: int) -> int:
    found = html.find(marker, start)
    return len(html) if found == -1 else found + len(marker)
