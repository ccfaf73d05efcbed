"""``verify_backup``: prove a backup file is whole without changing anything.

Every member is re-read and hashed, the database inside is copied to a scratch
folder and checked by SQLite itself, and every file the database refers to must be
present. The report lists each problem; ``ok`` only when there are none.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.contents import check_database, check_members, reading_order
from foidesk.core.backup.manifest import Manifest
from foidesk.core.backup.problems import Problem, Refused
from foidesk.core.backup.readback import ReadBack
from foidesk.core.backup.structure import OpenedBackup, open_backup
from foidesk.core.backup.ticker import Ticker
from foidesk.core.progress import Progress
from foidesk.core.storage import privacy


@dataclass(frozen=True)
class VerifyReport:
    path: Path
    problems: tuple[Problem, ...]
    warnings: tuple[str, ...] = ()
    manifest: Manifest | None = None
    members_checked: int = 0
    bytes_checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_backup(
    path: Path, progress: Progress | None = None, *, scratch_dir: Path | None = None
) -> VerifyReport:
    """Check every member of ``path``; ``scratch_dir`` receives a temporary database copy."""
    try:
        opened = open_backup(path)
    except Refused as refused:
        return VerifyReport(path, refused.problems)
    with opened, tempfile.TemporaryDirectory(prefix="foidesk-verify-", dir=scratch_dir) as tmp:
        privacy.private_dir(Path(tmp))  # 0700 exactly: a umask may have taken the owner's bits
        ticker = Ticker(progress, opened.manifest.total_size)
        return check_contents(opened, Path(tmp), ticker)


def check_contents(
    opened: OpenedBackup,
    scratch: Path,
    ticker: Ticker,
    read_back: ReadBack | None = None,
) -> VerifyReport:
    """Read every member (the database into ``scratch``) and check the database.

    ``read_back`` holds members already read back and checked while the file was being
    written: those whose directory entry is unchanged (same place, sizes and CRC, so the
    very bytes that were checked) are not read again; their findings count instead.
    """
    database = scratch / layout.DATABASE
    first, *others = reading_order(opened.manifest)
    ticker.phase("Checking the database")
    findings = check_members(opened, [first], lambda _: database, ticker)
    if not findings.problems:
        check_database(database, opened.manifest, findings)
    if read_back is not None:
        findings.add(read_back.findings)
        others = [m for m in others if not read_back.covers(opened.info(m.name))]
    ticker.phase("Checking attachments")
    findings.add(check_members(opened, others, lambda _: None, ticker))
    return VerifyReport(
        path=opened.path,
        problems=tuple(findings.problems),
        warnings=tuple(findings.warnings),
        manifest=opened.manifest,
        members_checked=findings.members,
        bytes_checked=findings.bytes,
    )
