"""The part of a reply that is the authority's own words.

Replies quote the request below them ("> …", "-----Original Message-----", "On …
wrote:", "Am … schrieb"); a request that asks about "section 43" or "internal
review" must not make its own answer look like a refusal or a review outcome, so
everything from the first quotation on is left out before any rule looks.
"""

from __future__ import annotations

import re

_QUOTE_START = re.compile(
    r"^\s*(>|-{2,}\s*(original message|urspr\u00fcngliche nachricht)|"
    r"on .{0,200} wrote:\s*$|am .{0,200} schrieb .{0,200}:\s*$|"
    r"(from|von):\s.+$)",
    re.IGNORECASE,
)
#: Replies put the answer first: a rule looks no further than this many characters.
BODY_WINDOW = 8000


def own_words(body: str) -> str:
    """The body up to the first quoted or forwarded part."""
    kept: list[str] = []
    for line in body.splitlines():
        if _QUOTE_START.match(line) and kept:
            break
        kept.append(line)
    return "\n".join(kept)[:BODY_WINDOW]


def normalised(text: str) -> str:
    """Lower case, one space between words, typographic quotes and dashes made plain."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    text = text.replace("\u201c", '"').replace("\u201d", '"').replace("\u201e", '"')
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.lower().split())
