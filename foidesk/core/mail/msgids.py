"""Message-ID style values, normalised without angle brackets.

Threading compares these strings, so they are stripped and bounded the same
way everywhere; junk around them ("(comment)", "Your message of …") is ignored.
"""

from __future__ import annotations

import re

_BRACKETED = re.compile(r"<\s*([^<>\s\x00-\x1f\x7f]{1,998})\s*>")
_BARE = re.compile(r"^[^<>\s\x00-\x1f\x7f]{1,998}$")
_MAX_REFERENCES = 200


def first_id(value: str | None) -> str | None:
    """The first message id in ``value``, or None if it holds none."""
    if value is None:
        return None
    match = _BRACKETED.search(value)
    if match:
        return match.group(1)
    stripped = value.strip()
    return stripped if "@" in stripped and _BARE.match(stripped) else None


def all_ids(value: str | None) -> tuple[str, ...]:
    """Every bracketed id in ``value`` in order, without repeats, newest kept if cut."""
    if value is None:
        return ()
    found = dict.fromkeys(_BRACKETED.findall(value))
    if not found:
        single = first_id(value)
        return (single,) if single else ()
    return tuple(found)[-_MAX_REFERENCES:]
