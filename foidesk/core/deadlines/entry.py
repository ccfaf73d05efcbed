"""A deadline as the calendar lists it: with the request it belongs to."""

from __future__ import annotations

from dataclasses import dataclass

from foidesk.core.deadlines.deadline import Deadline


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    """A deadline with the request it belongs to, as the calendar shows it."""

    request_id: int
    title: str
    authority: str
    deadline: Deadline

    @property
    def uid(self) -> str:
        """Stable across exports: 'request-12-response@foidesk'."""
        return f"request-{self.request_id}-{self.deadline.kind}@foidesk"

    @property
    def summary(self) -> str:
        """'Response due: Bus lane fines (Leeds City Council)'."""
        return f"{self.deadline.label}: {self.title} ({self.authority})"
