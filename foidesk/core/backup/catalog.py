"""``list_backups``: the backups in a folder, newest first, with what each holds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.manifest import Counts
from foidesk.core.backup.structure import read_manifest_only
from foidesk.core.backup.summary import Summary, read_summary


@dataclass(frozen=True)
class BackupEntry:
    path: Path
    created_at: datetime
    size: int
    counts: Counts | None  # None when the manifest cannot be read: verify will say why
    foidesk_version: str | None = None


def backup_files(folder: Path) -> list[tuple[Path, datetime]]:
    """Files named like backups, newest first; nothing else in the folder is looked at."""
    if not folder.is_dir():
        return []
    found = [(p, when) for p in folder.iterdir() if (when := layout.backup_time(p)) is not None]
    return sorted((f for f in found if f[0].is_file()), key=lambda f: f[1], reverse=True)


def list_backups(folder: Path, *, details: bool = True) -> list[BackupEntry]:
    """Every backup in ``folder``; with ``details``, what each holds (not verified): from
    the summary at its end, or its manifest when it has none (``summary.py``)."""
    entries = []
    for path, when in backup_files(folder):
        summary = _summary(path) if details else None
        entries.append(
            BackupEntry(
                path=path,
                created_at=when,
                size=path.stat().st_size,
                counts=summary.counts if summary else None,
                foidesk_version=summary.foidesk_version if summary else None,
            )
        )
    return entries


def _summary(path: Path) -> Summary | None:
    found = read_summary(path)
    if found is not None:
        return found
    manifest = read_manifest_only(path)
    return Summary.of(manifest) if manifest is not None else None
