"""Splitting a plain-text message into what is new and what quotes earlier mail.

Replies from authorities often carry the whole request again below the answer;
folding that away is what makes a long thread readable.
"""

from __future__ import annotations

import re

#: Lines that start the quoted part of a reply in the common mail clients.
_MARKERS = re.compile(
    r"^(?:-{2,}\s*Original Message\s*-{2,}"
    r"|_{10,}"
    r"|On .{4,200}wrote:\s*$"
    r"|From: .+$"
    r"|>)",
    re.IGNORECASE,
)
#: Quoted parts shorter than this are left in place: folding two lines helps no one.
MIN_QUOTED_LINES = 4


def split_quoted(text: str) -> tuple[str, str]:
    """``(new, quoted)``: ``quoted`` is empty when there is nothing worth folding."""
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if number and _MARKERS.match(line.strip()) and _is_quote_block(lines[number:]):
            new = "\n".join(lines[:number]).rstrip()
            if new:
                return new, "\n".join(lines[number:])
    return text, ""


def _is_quote_block(rest: list[str]) -> bool:
    if len(rest) < MIN_QUOTED_LINES:
        return False
    first = rest[0].strip()
    if first.startswith(">"):
        # A ">" block must run (blank lines aside) to the end of the message.
        return all(not line.strip() or line.lstrip().startswith(">") for line in rest)
    return True
