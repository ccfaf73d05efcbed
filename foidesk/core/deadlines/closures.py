"""The user's corrections to a holiday calendar."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType


@dataclass(frozen=True)
class Closures:
    """Days the user knows better about than the holiday library.

    `added` covers a proclaimed one-off closure the library does not have yet
    (date -> the name shown when the day is skipped); `removed` covers a
    holiday that the authority works anyway. Weekends cannot be removed: no
    statute counts a Saturday as a working day.
    """

    added: Mapping[date, str] = field(default_factory=dict)
    removed: frozenset[date] = frozenset()
    _hash: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        both = set(self.added) & self.removed
        if both:
            days = ", ".join(d.isoformat() for d in sorted(both))
            raise ValueError(f"a day cannot be both added and removed as a closure: {days}")
        for day, name in self.added.items():
            if not name.strip():
                raise ValueError(f"closure on {day.isoformat()} needs a name")
        # A private read-only copy: the caller's dict can change, this value must not.
        object.__setattr__(self, "added", MappingProxyType(dict(self.added)))
        object.__setattr__(self, "removed", frozenset(self.removed))
        # Calendars are cached per closures value, so it must hash — and hash cheaply,
        # since every deadline computation looks its calendar up.
        object.__setattr__(self, "_hash", hash((frozenset(self.added.items()), self.removed)))

    def __hash__(self) -> int:
        return self._hash


#: No corrections: the holiday library's calendar as it is.
NO_CLOSURES = Closures()
