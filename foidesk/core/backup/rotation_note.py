"""The last rotation's outcome, kept in the profile so a later session can show it.

An automatic backup often runs as the window closes, when nobody reads the status
bar; the Backups page shows this note on the next start. It holds only what the other
reports show (backup names, dates and counts), and a note that cannot be read is
treated as no note: it is a report, never an input to a decision.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from foidesk.core.backup.catalog import BackupEntry
from foidesk.core.backup.manifest import Counts
from foidesk.core.backup.rotation import KeptBecause, RotationResult, removal_text
from foidesk.core.desk import Desk

KEY_LAST_ROTATION = "backup.last_rotation"


@dataclass(frozen=True)
class RotationNote:
    at: datetime
    removed: tuple[BackupEntry, ...]
    kept_because: tuple[KeptBecause, ...]

    @property
    def lines(self) -> tuple[str, ...]:
        """One sentence per removal, then one per backup kept against the date rule."""
        removed = [removal_text(entry) for entry in self.removed]
        return tuple(removed + [kept.text for kept in self.kept_because])


def note_of(rotation: RotationResult, at: datetime) -> RotationNote:
    return RotationNote(at, rotation.removed_backups, rotation.kept_because)


def record_rotation(desk: Desk, note: RotationNote) -> None:
    document = {
        "at": note.at.isoformat(),
        "removed": [_entry_json(e) for e in note.removed],
        "kept": [
            {"backup": _entry_json(k.backup), "newer": _entry_json(k.newer) if k.newer else None}
            for k in note.kept_because
        ],
    }
    desk.set_setting(KEY_LAST_ROTATION, json.dumps(document, ensure_ascii=False))


def last_rotation(desk: Desk) -> RotationNote | None:
    text = desk.get_setting(KEY_LAST_ROTATION)
    if not text:
        return None
    try:
        document = json.loads(text)
        note = RotationNote(
            at=_moment(document["at"]),
            removed=tuple(_entry(e) for e in document["removed"]),
            kept_because=tuple(
                KeptBecause(_entry(k["backup"]), _entry(k["newer"]) if k["newer"] else None)
                for k in document["kept"]
            ),
        )
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return note


def _entry_json(entry: BackupEntry) -> dict[str, object]:
    return {
        "path": str(entry.path),
        "created_at": entry.created_at.isoformat(),
        "size": entry.size,
        "counts": entry.counts.__dict__ if entry.counts else None,
        "foidesk_version": entry.foidesk_version,
    }


def _entry(document: Any) -> BackupEntry:
    counts, version = document["counts"], document.get("foidesk_version")
    return BackupEntry(
        path=Path(str(document["path"])),
        created_at=_moment(document["created_at"]),
        size=int(document["size"]),
        counts=None if counts is None else _counts(counts),
        foidesk_version=None if version is None else str(version),
    )


def _counts(document: Any) -> Counts:
    values = {key: int(document[key]) for key in Counts.__dataclass_fields__ if key in document}
    return Counts(**values)


def _moment(text: Any) -> datetime:
    moment = datetime.fromisoformat(str(text))
    if moment.tzinfo is None:
        raise ValueError("a time without a zone")
    return moment
