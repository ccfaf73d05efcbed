"""What a backup holds, in a few hundred bytes at the very end of the file.

Listing and rotation need only a backup's counts, date and version. The manifest has
them, but reading it means parsing the ZIP directory and the whole manifest (about a
fifth of a second per backup of 50,000 files, for every backup in the folder, after
every backup). So the writer also puts them in the ZIP file's comment, which sits at
the end of the file: one read finds it. Any ZIP tool shows it (``unzip -z``) and
ignores it; a reader that finds no summary, or one it cannot understand, reads the
manifest instead. ``open_backup`` refuses a summary that disagrees with the manifest,
so what a listing shows is what a verified backup holds.
"""

from __future__ import annotations

import json
import os
import struct
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core.backup.manifest import FORMAT_NAME, FORMAT_VERSION, Counts, Manifest

_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
MAX_COMMENT = 0xFFFF


@dataclass(frozen=True)
class Summary:
    created_at: datetime
    foidesk_version: str
    counts: Counts

    @classmethod
    def of(cls, manifest: Manifest) -> Summary:
        return cls(manifest.created_at, manifest.foidesk_version, manifest.counts)

    def to_comment(self) -> bytes:
        document = {
            "format": FORMAT_NAME,
            "format_version": FORMAT_VERSION,
            "foidesk_version": self.foidesk_version,
            "created_at": self.created_at.isoformat(),
            "counts": self.counts.__dict__,
        }
        return json.dumps(document, ensure_ascii=True).encode("ascii")


def parse_summary(comment: bytes) -> Summary | None:
    """The summary in a ZIP comment, or None if the comment is not one this foidesk reads."""
    try:
        document = json.loads(comment.decode("ascii"))
        if document.get("format") != FORMAT_NAME or document.get("format_version") != 1:
            return None
        counts = document["counts"]
        values = {k: counts[k] for k in Counts.__dataclass_fields__ if k in counts}
        if not all(type(v) is int for v in values.values()):
            return None
        created_at = datetime.fromisoformat(document["created_at"])
        version = document["foidesk_version"]
    except (UnicodeDecodeError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if created_at.tzinfo is None or not isinstance(version, str):
        return None
    return Summary(created_at, version, Counts(**values))


def read_summary(path: Path) -> Summary | None:
    """The summary at the end of ``path``, from one read; None when there is none."""
    try:
        comment = _comment(_tail(path))
    except OSError:
        return None
    return parse_summary(comment) if comment else None


def ends_whole(path: Path) -> bool:
    """Whether ``path`` ends exactly where its ZIP end record (and comment) says: a file
    cut short inside its comment still opens with ``zipfile``, and must not pass."""
    return _comment(_tail(path)) is not None


def _tail(path: Path) -> bytes:
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        handle.seek(max(0, size - _END.size - MAX_COMMENT))
        return handle.read()


def _comment(tail: bytes) -> bytes | None:
    """The comment of the end record whose stated length reaches exactly the file's end."""
    at = tail.rfind(_END_SIGNATURE)
    while at >= 0:
        record = tail[at : at + _END.size]
        if len(record) == _END.size:
            length = _END.unpack(record)[-1]
            if at + _END.size + length == len(tail):
                return tail[at + _END.size :]
        at = tail.rfind(_END_SIGNATURE, 0, at)
    return None
