"""A ``Changes`` as the text of a PostgreSQL notice, and back — strictly.

The text is compact JSON: ``{"v":1,"s":sender,"m":member,"c":{field: value}}`` with
only the fields that are set, id sets as sorted lists of integers and calendar days as
ISO strings (``deadline_days`` is ``null`` when it is not known which days moved).

PostgreSQL refuses a payload of 8000 bytes or more, so a change too large to send is
sent as the coarsest value needed to cover it, in steps, each only if the one before
did not fit:

1. ``deadline_days`` becomes ``None``: the calendar reloads the days it shows;
2. ``deadlines`` becomes ``all_deadlines``: every request's deadlines may have moved;
3. ``requests`` and ``threads`` become ``everything`` (and ``listing``): the only value
   that names every request's row and thread; the flags are kept, being small.

Such a change (over a thousand requests in one unit of work) is a bulk edit, after
which repainting everything on show is what the user needs anyway.

Anyone who may connect to the database may send a notice on the channel, so what
arrives is read as untrusted text: anything but exactly this shape is refused with
``MalformedNotice`` (its one-line reason), never half-applied.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from foidesk.core.changes import NOTHING, Changes

VERSION = 1
#: PostgreSQL's limit is "shorter than 8000 bytes" in the server's encoding (UTF-8 here).
MAX_PAYLOAD = 7999
MAX_SENDER = 64
MAX_MEMBER = 64
MAX_SETTING = 200
_LARGEST_ID = 2**63 - 1
_ISO_DAY = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")

ID_SETS = frozenset({"requests", "threads", "deadlines"})
FLAGS = frozenset(
    {
        "listing",
        "all_deadlines",
        "authorities",
        "unfiled",
        "trash",
        "search_index",
        "accounts",
        "everything",
    }
)
FIELDS = frozenset(f.name for f in fields(Changes))


class MalformedNotice(ValueError):
    """A notice that is not one foidesk sent: ignored, with its reason logged."""


@dataclass(frozen=True)
class Notice:
    """What one unit of work of a member committed."""

    sender: str  # the desk that made it (``DeskBase.sender``)
    member: str  # who works there (``Profile.member``), for a face to name
    changes: Changes


def encode(changes: Changes, sender: str, member: str) -> str:
    """The notice for ``changes``, coarsened until it is shorter than ``MAX_PAYLOAD``."""
    for value in _coarser(changes):
        text = _text(value, sender, member[:MAX_MEMBER])
        if len(text.encode()) <= MAX_PAYLOAD:
            return text
    raise AssertionError("even the coarsest change does not fit a notice")  # pragma: no cover


def _coarser(changes: Changes) -> list[Changes]:
    days_unknown = replace(changes, deadline_days=None)
    all_deadlines = replace(days_unknown, deadlines=frozenset(), all_deadlines=True)
    everything = replace(
        all_deadlines, requests=frozenset(), threads=frozenset(), listing=True, everything=True
    )
    return [
        changes,
        days_unknown,
        all_deadlines,
        everything,
        replace(everything, settings=frozenset()),
    ]


def _text(changes: Changes, sender: str, member: str) -> str:
    body: dict[str, Any] = {}
    for name in sorted(FIELDS):
        value = getattr(changes, name)
        if value == getattr(NOTHING, name):
            continue
        if name == "deadline_days":
            body[name] = None if value is None else sorted(day.isoformat() for day in value)
        elif name in FLAGS:
            body[name] = True
        else:
            body[name] = sorted(value)
    notice = {"v": VERSION, "s": sender, "m": member, "c": body}
    return json.dumps(notice, separators=(",", ":"), ensure_ascii=False)


# --- reading ---------------------------------------------------------------------------


def decode(payload: str) -> Notice:
    """The notice ``payload`` holds; ``MalformedNotice`` for anything else."""
    if len(payload.encode(errors="replace")) > MAX_PAYLOAD:
        raise MalformedNotice("longer than a notice can be")
    try:
        document = json.loads(
            payload, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant
        )
    except MalformedNotice:
        raise
    except (ValueError, RecursionError) as exc:
        raise MalformedNotice(f"not JSON ({type(exc).__name__})") from None
    top = _mapping(document, "the notice", {"v", "s", "m", "c"})
    if top.get("v") != VERSION or type(top.get("v")) is not int:
        raise MalformedNotice("not a version this foidesk reads")
    sender = _string(top.get("s"), "the sender", MAX_SENDER)
    if not sender:
        raise MalformedNotice("no sender")
    member = _string(top.get("m", ""), "the member", MAX_MEMBER)
    body = _mapping(top.get("c"), "the change", FIELDS)
    return Notice(sender, member, Changes(**{k: _field(k, v) for k, v in body.items()}))


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _value in pairs]
    if len(set(keys)) != len(keys):
        raise MalformedNotice("a repeated key")
    return dict(pairs)


def _no_constant(name: str) -> None:
    raise MalformedNotice(f"the constant {name}")


def _mapping(value: object, what: str, allowed: frozenset[str] | set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise MalformedNotice(f"{what} is not an object")
    unknown = set(value) - allowed
    if unknown:
        raise MalformedNotice(f"{what} has unknown keys")
    return value


def _string(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise MalformedNotice(f"{what} is not a short text")
    return value


def _field(name: str, value: object) -> Any:
    if name in FLAGS:
        if value is not True:
            raise MalformedNotice(f"{name} is not true")
        return True
    if name == "deadline_days":
        return None if value is None else frozenset(_day(item) for item in _list(value, name))
    if name == "settings":
        return frozenset(_string(item, "a setting", MAX_SETTING) for item in _list(value, name))
    return frozenset(_id(item) for item in _list(value, name))


def _list(value: object, name: str) -> list[object]:
    if not isinstance(value, list):
        raise MalformedNotice(f"{name} is not a list")
    return value


def _id(value: object) -> int:
    if type(value) is not int or not 0 < value <= _LARGEST_ID:
        raise MalformedNotice("an id that is not a positive integer")
    return value


def _day(value: object) -> date:
    if not isinstance(value, str) or not _ISO_DAY.match(value):
        raise MalformedNotice("a day that is not YYYY-MM-DD")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise MalformedNotice("a day that does not exist") from None
