"""The manifest: what a backup holds and how to prove each member is intact.

It is JSON so that anyone can read it without foidesk. Readers ignore keys they do
not know (so later foidesk versions can add some), but refuse a higher
``format_version``: that number only grows when old readers would misread the file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from foidesk.core.i18n import N_, _

FORMAT_NAME = "foidesk-backup"
FORMAT_VERSION = 1
MAX_MANIFEST_BYTES = 64 << 20
CHUNK_BYTES = 1 << 20

_SHA256 = re.compile(r"[0-9a-f]{64}")


class MemberKind(StrEnum):
    DATABASE = "database"
    ATTACHMENT = "attachment"
    README = "readme"


_KINDS: dict[object, MemberKind] = {k.value: k for k in MemberKind}


@dataclass(frozen=True, slots=True)
class MemberEntry:
    """One member: its name in the ZIP, its size and the SHA-256 of its content.

    ``damaged`` marks a stored file whose bytes already disagreed with its digest in
    the profile when it was backed up: it is kept as found, and reported.
    """

    name: str
    kind: MemberKind
    size: int
    sha256: str
    damaged: bool = False


@dataclass(frozen=True)
class Counts:
    authorities: int = 0
    requests: int = 0
    messages: int = 0
    attachments: int = 0
    status_changes: int = 0
    files: int = 0


@dataclass(frozen=True)
class Manifest:
    foidesk_version: str
    schema_revision: str | None
    created_at: datetime
    counts: Counts
    members: tuple[MemberEntry, ...]
    missing_files: tuple[str, ...] = ()
    format_version: int = FORMAT_VERSION
    _by_name: dict[str, MemberEntry] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def member(self, name: str) -> MemberEntry | None:
        """Looked up by name; the index is made at the first look-up, not for every
        manifest (a new backup's never needs one)."""
        if self._by_name is None:
            object.__setattr__(self, "_by_name", {m.name: m for m in self.members})
        assert self._by_name is not None
        return self._by_name.get(name)

    @property
    def total_size(self) -> int:
        return sum(m.size for m in self.members)

    def to_json(self) -> bytes:
        return b"".join(self.json_chunks())

    def json_chunks(self) -> Iterator[bytes]:
        """The manifest as JSON, one member to a line, in pieces of about ``CHUNK_BYTES``:
        written as it is made, so 50,000 members never stand in memory as one document."""
        head = {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "foidesk_version": self.foidesk_version,
            "schema_revision": self.schema_revision,
            "created_at": self.created_at.isoformat(),
            "counts": self.counts.__dict__,
            "missing_files": list(self.missing_files),
        }
        opening = json.dumps(head, indent=1, ensure_ascii=False)[:-2]  # without "\n}"
        lines = [opening + ',\n "members": [']
        size = len(lines[0])
        for number, member in enumerate(self.members):
            line = ("\n" if number == 0 else ",\n") + _member_line(member)
            lines.append(line)
            size += len(line)
            if size >= CHUNK_BYTES:
                yield "".join(lines).encode("utf-8")
                lines, size = [], 0
        lines.append("\n ]\n}\n")
        yield "".join(lines).encode("utf-8")


_dumps = json.JSONEncoder(ensure_ascii=False).encode


def _member_line(member: MemberEntry) -> str:
    """One member as a JSON object, written out directly rather than through a dictionary
    per member (the kind and the digest are plain ASCII by construction)."""
    damaged = ', "damaged": true' if member.damaged else ""
    return (
        f'{{"name": {_dumps(member.name)}, "kind": "{member.kind.value}", '
        f'"size": {member.size:d}, "sha256": "{member.sha256}"{damaged}}}'
    )


class ManifestError(Exception):
    """The manifest cannot be understood; ``too_new`` when a newer foidesk wrote it."""

    def __init__(self, message: str, *, too_new: bool = False) -> None:
        super().__init__(message)
        self.too_new = too_new


def parse_manifest(data: bytes) -> Manifest:
    """Each member becomes a ``MemberEntry`` as soon as it is parsed, so the thousands of
    small dictionaries JSON makes never exist all at once."""
    try:
        document = json.loads(data.decode("utf-8"), object_hook=_entry_early)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ManifestError(
            _("the manifest is not valid JSON ({error})").format(error=exc)
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise ManifestError(_("the manifest does not describe a foidesk backup"))
    version = _get(document, "format_version", int)
    if version > FORMAT_VERSION:
        text = _(
            "the backup uses format version {version}, written by a newer foidesk "
            "(this one reads up to version {readable})"
        ).format(version=version, readable=FORMAT_VERSION)
        raise ManifestError(text, too_new=True)
    if version < 1:
        raise ManifestError(_("unknown backup format version {version}").format(version=version))
    return Manifest(
        format_version=version,
        foidesk_version=_get(document, "foidesk_version", str),
        schema_revision=_optional(document, "schema_revision", str),
        created_at=_moment(_get(document, "created_at", str)),
        counts=_counts(_get(document, "counts", dict)),
        members=tuple(_member(m) for m in _get(document, "members", list)),
        missing_files=tuple(_digest(d) for d in _get(document, "missing_files", list)),
    )


#: What a value of the manifest must be, in a sentence about a key that is not one.
_TYPE_SENTENCES: dict[type[Any], str] = {
    int: N_("the manifest's {key} is missing or not a number"),
    str: N_("the manifest's {key} is missing or not text"),
    dict: N_("the manifest's {key} is missing or not an object"),
    list: N_("the manifest's {key} is missing or not a list"),
}


def _get(document: dict[str, Any], key: str, kind: type[Any]) -> Any:
    value = document.get(key)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        sentence = _TYPE_SENTENCES.get(kind, N_("the manifest's {key} is missing or wrong"))
        raise ManifestError(_(sentence).format(key=repr(key)))
    return value


def _optional(document: dict[str, Any], key: str, kind: type[Any]) -> Any:
    return None if document.get(key) is None else _get(document, key, kind)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        sentence = _("the manifest's creation time {time} is not a date")
        raise ManifestError(sentence.format(time=repr(text))) from None
    if moment.tzinfo is None:
        raise ManifestError(_("the manifest's creation time has no time zone"))
    return moment


def _counts(document: dict[str, Any]) -> Counts:
    known = Counts.__dataclass_fields__
    values = {k: _get(document, k, int) for k in known if k in document}
    return Counts(**values)


def _entry_early(document: dict[str, Any]) -> object:
    """An object shaped like a member is checked and turned into one; others are kept."""
    if "sha256" in document and "kind" in document and "name" in document:
        return _member(document)
    return document


def _member(document: object) -> MemberEntry:
    if isinstance(document, MemberEntry):
        return document
    if isinstance(document, dict):  # the common case in one go; any doubt, the long way
        name, size, sha256 = document.get("name"), document.get("size"), document.get("sha256")
        kind = _KINDS.get(document.get("kind"))
        if (
            type(name) is str
            and kind is not None
            and type(size) is int
            and size >= 0
            and type(sha256) is str
            and _SHA256.fullmatch(sha256)
        ):
            return MemberEntry(name, kind, size, sha256, document.get("damaged") is True)
    if not isinstance(document, dict):
        raise ManifestError(_("a manifest member is not an object"))
    kind = _get(document, "kind", str)
    if kind not in {k.value for k in MemberKind}:
        raise ManifestError(_("unknown member kind {kind}").format(kind=repr(kind)))
    size = _get(document, "size", int)
    if size < 0:
        raise ManifestError(_("a manifest member has a negative size"))
    damaged = document.get("damaged", False)
    return MemberEntry(
        name=_get(document, "name", str),
        kind=MemberKind(kind),
        size=size,
        sha256=_digest(_get(document, "sha256", str)),
        damaged=damaged is True,
    )


def _digest(value: object) -> str:
    if not isinstance(value, str) or _SHA256.fullmatch(value) is None:
        text = _("{value} in the manifest is not a SHA-256 digest").format(value=repr(value))
        raise ManifestError(text)
    return value
