"""Unpacking a backup into a restore folder, checking every member as it is written.

The database comes first: it is checked (integrity, agreement with the manifest,
every referenced file present in the backup) before any attachment is unpacked.
Every file is fsynced (in the background, as it is closed) before the folder is
marked ready, so the restore is on disk before the switch.
Nothing here touches the profile; on any problem the caller removes the folder.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from foidesk.core.backup import layout
from foidesk.core.backup.contents import Findings, check_database, check_members, reading_order
from foidesk.core.backup.errors import BackupTooNewError
from foidesk.core.backup.manifest import MemberEntry
from foidesk.core.backup.structure import OpenedBackup
from foidesk.core.backup.syncer import BackgroundSync
from foidesk.core.backup.ticker import Ticker
from foidesk.core.errors import DatabaseTooNewError
from foidesk.core.i18n import _
from foidesk.core.profile import Profile, sqlite_url
from foidesk.core.storage import database as db
from foidesk.core.storage.file_store import AttachmentStore, fsync_dir


def extract_verified(opened: OpenedBackup, staging: Path, ticker: Ticker) -> Findings:
    """Unpack into ``staging``; the findings' problems say whether it may be used."""
    database = staging / layout.DATABASE
    first, *others = reading_order(opened.manifest)
    with BackgroundSync() as syncer:
        ticker.phase(_("Checking the database"))
        findings = check_members(opened, [first], lambda _: database, ticker, syncer=syncer)
        if findings.problems:
            return findings
        check_database(database, opened.manifest, findings)
        if findings.problems or findings.facts is None:
            return findings
        needed = findings.facts.needed
        store = AttachmentStore(staging / "attachments")

        def sink_for(entry: MemberEntry) -> Path | None:
            digest = layout.digest_of_member(entry.name)
            return store.path_for(digest) if digest is not None and digest in needed else None

        ticker.phase(_("Restoring attachments"))
        findings.add(check_members(opened, others, sink_for, ticker, syncer=syncer))
        ticker.phase(_("Writing to disk"))
    _sync_folders(staging)
    return findings


def _sync_folders(staging: Path) -> None:
    """Make the new directory entries durable (file contents were synced on close)."""
    attachments = staging / "attachments"
    if attachments.is_dir():
        for first in attachments.iterdir():
            for second in first.iterdir():
                fsync_dir(second)
            fsync_dir(first)
        fsync_dir(attachments)
    fsync_dir(staging)


def migrate_staged(staging: Path) -> tuple[str | None, str | None]:
    """Bring an unpacked database to this foidesk's schema; return (from, to) revisions."""
    staged = Profile(staging, sqlite_url(staging / layout.DATABASE))
    engine = db.make_engine(staged.database_url)
    try:
        before = db.current_revision(engine)
        db.upgrade(staged, engine)
        after = db.current_revision(engine)
    except DatabaseTooNewError as exc:
        raise BackupTooNewError(str(exc)) from None
    finally:
        engine.dispose()
    _checkpoint(staging / layout.DATABASE)
    return before, after


def _checkpoint(database: Path) -> None:
    """Fold any WAL left by the migration into the file and sync it."""
    with closing(sqlite3.connect(database)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with database.open("rb+") as handle:
        os.fsync(handle.fileno())
