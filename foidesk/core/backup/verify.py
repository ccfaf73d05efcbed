"""``verify_backup``: prove a backup file is whole without changing anything.

Every member is re-read and hashed, the database inside is copied to a scratch
folder and checked by SQLite itself (on its own thread, while the attachments are
hashed), and every file the database refers to must be present. The report lists
each problem; ``ok`` only when there are none.
"""

from __future__ import annotations

import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.contents import Findings, check_database, check_members, reading_order
from foidesk.core.backup.manifest import Manifest, MemberEntry
from foidesk.core.backup.problems import Problem, Refused
from foidesk.core.backup.readback import ReadBack
from foidesk.core.backup.structure import OpenedBackup, open_backup
from foidesk.core.backup.ticker import Ticker
from foidesk.core.i18n import _
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


@dataclass(frozen=True)
class KnownDatabase:
    """A file holding the database member's bytes, and SQLite's check of it, begun
    already: a new backup's snapshot, checked while the attachments were written."""

    path: Path
    integrity: Future[list[str]]


def check_contents(
    opened: OpenedBackup,
    scratch: Path,
    ticker: Ticker,
    read_back: ReadBack | None = None,
    known: KnownDatabase | None = None,
) -> VerifyReport:
    """Read every member (the database into ``scratch``) and check the database.

    ``read_back`` holds members already read back and checked while the file was being
    written: those whose directory entry is unchanged (same place, sizes and CRC, so the
    very bytes that were checked) are not read again; their findings count instead. The
    database is checked on a thread of its own while the attachments are read; when it
    was read back and its bytes are ``known``'s (same SHA-256), ``known`` is checked.
    """
    first, *others = reading_order(opened.manifest)
    findings = Findings()
    if read_back is not None:
        findings.add(read_back.findings)
        others = [m for m in others if not read_back.covers(opened.info(m.name), m.name)]
    known_read = read_back is not None and read_back.covers(opened.info(first.name), first.name)
    ticker.phase(_("Checking the database and attachments"))
    with ThreadPoolExecutor(1, thread_name_prefix="foidesk-database") as database_thread:
        if known is not None and known_read:
            checked = database_thread.submit(_check_known, known, opened.manifest)
        else:
            checked = database_thread.submit(_check_database, opened, first, scratch, ticker)
        attachments = check_members(opened, others, lambda _: None, ticker)
        findings.add(checked.result())
    findings.add(attachments)
    return VerifyReport(
        path=opened.path,
        problems=tuple(findings.problems),
        warnings=tuple(findings.warnings),
        manifest=opened.manifest,
        members_checked=findings.members,
        bytes_checked=findings.bytes,
    )


def _check_database(
    opened: OpenedBackup, entry: MemberEntry, scratch: Path, ticker: Ticker
) -> Findings:
    database = scratch / layout.DATABASE
    findings = check_members(opened, [entry], lambda _: database, ticker)
    if not findings.problems:
        check_database(database, opened.manifest, findings)
    return findings


def _check_known(known: KnownDatabase, manifest: Manifest) -> Findings:
    findings = Findings()
    check_database(known.path, manifest, findings, integrity=known.integrity.result())
    return findings
