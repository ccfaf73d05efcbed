"""Filters that narrow a search: who it went to, where it stands, when, what kind of file.

Typed as ``key:value`` in the search text (``status:successful``,
``authority:"Home Office"``, ``after:2024-01-01``, ``before:2024-06-30``,
``has:attachment``, ``type:pdf``) or set by the window's filter controls.
Dates are days in UTC; ``after`` includes its day, ``before`` excludes its day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from foidesk.core.errors import InvalidInputError
from foidesk.core.i18n import _
from foidesk.core.vocabulary import RequestStatus, parse_choice

FILTER_KEYS = frozenset({"authority", "status", "after", "before", "has", "type"})

#: File type groups a user can name, with the file name endings each covers.
FILE_TYPES: dict[str, tuple[str, ...]] = {
    "pdf": (".pdf",),
    "word": (".doc", ".docx", ".odt", ".rtf"),
    "spreadsheet": (".xls", ".xlsx", ".ods", ".csv", ".tsv"),
    "presentation": (".ppt", ".pptx", ".odp"),
    "image": (".png", ".jpg", ".jpeg", ".gif", ".tif", ".tiff", ".bmp", ".webp"),
    "email": (".eml", ".msg"),
    "text": (".txt", ".md", ".log"),
    "html": (".html", ".htm"),
}
_TYPE_ALIASES = {"excel": "spreadsheet", "document": "word", "picture": "image", "mail": "email"}
_EXTENSION = re.compile(r"[a-z0-9]{1,10}")
_HAS_VALUES = frozenset({"attachment", "attachments", "file", "files"})


@dataclass(frozen=True)
class Filters:
    """What a hit must also satisfy. Several values of one filter mean any of them."""

    authorities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    after: date | None = None
    before: date | None = None
    has_attachment: bool = False
    file_types: tuple[str, ...] = ()

    @property
    def any(self) -> bool:
        return self != Filters()

    def merged(self, other: Filters) -> Filters:
        """Both sets of filters at once (the text's and the window controls')."""
        return Filters(
            authorities=_union(self.authorities, other.authorities),
            statuses=_union(self.statuses, other.statuses),
            after=_latest(self.after, other.after),
            before=_earliest(self.before, other.before),
            has_attachment=self.has_attachment or other.has_attachment,
            file_types=_union(self.file_types, other.file_types),
        )

    def extensions(self) -> tuple[str, ...]:
        """The file name endings the ``type`` filter allows."""
        found: list[str] = []
        for name in self.file_types:
            found += FILE_TYPES.get(name, (f".{name}",))
        return tuple(dict.fromkeys(found))

    def with_value(self, key: str, value: str) -> Filters:
        """These filters plus ``key:value`` typed by the user; bad values are refused."""
        value = value.strip()
        if not value:
            raise InvalidInputError(
                _("{key}: needs a value, as in {examples}").format(key=key, examples=_EXAMPLES[key])
            )
        if key == "authority":
            return replace(self, authorities=_union(self.authorities, (value,)))
        if key == "status":
            return replace(self, statuses=_union(self.statuses, (_status(value),)))
        if key in ("after", "before"):
            day = _day(key, value)
            if key == "after":
                return replace(self, after=_latest(self.after, day))
            return replace(self, before=_earliest(self.before, day))
        if key == "has":
            if value.lower() not in _HAS_VALUES:
                raise InvalidInputError(
                    _("has:{value} is not a filter; use has:attachment").format(value=value)
                )
            return replace(self, has_attachment=True)
        return replace(self, file_types=_union(self.file_types, (file_type(value),)))


_EXAMPLES = {
    "authority": 'authority:"Home Office"',
    "status": "status:successful",
    "after": "after:2024-01-31",
    "before": "before:2024-12-31",
    "has": "has:attachment",
    "type": "type:pdf",
}


def file_type(value: str) -> str:
    """A type group (``pdf``, ``spreadsheet``...) or a bare file name ending (``docx``)."""
    name = value.strip().lower().lstrip(".")
    name = _TYPE_ALIASES.get(name, name)
    if name in FILE_TYPES or _EXTENSION.fullmatch(name):
        return name
    groups = ", ".join(FILE_TYPES)
    raise InvalidInputError(
        _("type:{value} is not a file type; use one of {groups}, or an ending").format(
            value=value, groups=groups
        )
    )


def _status(value: str) -> str:
    try:
        return parse_choice(RequestStatus, value, "status").value
    except ValueError as exc:
        raise InvalidInputError(str(exc)) from None


def _day(key: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InvalidInputError(
            _("{key}:{value} is not a date; use {examples}").format(
                key=key, value=value, examples=_EXAMPLES[key]
            )
        ) from None


def _union(first: tuple[str, ...], second: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(first + second))


def _latest(first: date | None, second: date | None) -> date | None:
    days = [d for d in (first, second) if d is not None]
    return max(days) if days else None


def _earliest(first: date | None, second: date | None) -> date | None:
    days = [d for d in (first, second) if d is not None]
    return min(days) if days else None
