"""``create_backup``: one file holding the whole profile, written so it is never half there.

Order of work: a snapshot of the database; every file that snapshot needs; the
snapshot itself; a read-me; the manifest. Each member is read back from the file and
checked as soon as it is written (on a second thread, see ``readback.py``), and SQLite
checks the snapshot while it is copied in: the read-back proves the member holds the
snapshot's very bytes, so the database in the file is the one SQLite checked. Then the
closed file is fsynced and checked like any other backup, and only then renamed to its
final name.

A file can vanish between the snapshot and its copy when the user empties the trash
meanwhile; the snapshot is then retaken, so the backup always holds every file its
own database refers to — that is what lets it be taken while the app is writing.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from foidesk import __version__
from foidesk.core.backup import layout
from foidesk.core.backup.errors import BackupError, NotEnoughSpaceError, UnsupportedProfileError
from foidesk.core.backup.manifest import (
    MAX_MANIFEST_BYTES,
    Counts,
    Manifest,
    MemberEntry,
    MemberKind,
)
from foidesk.core.backup.packing import MemberWriter
from foidesk.core.backup.problems import Refused, refusal
from foidesk.core.backup.readback import ReadBack
from foidesk.core.backup.readme import README_TEXT
from foidesk.core.backup.settings import load_settings, record_backup
from foidesk.core.backup.snapshot import (
    SnapshotFacts,
    integrity_problems,
    read_facts,
    take_snapshot,
)
from foidesk.core.backup.structure import open_backup
from foidesk.core.backup.summary import Summary
from foidesk.core.backup.syncer import BackgroundSync, GrowingFile
from foidesk.core.backup.ticker import Ticker
from foidesk.core.backup.verify import KnownDatabase, VerifyReport, check_contents
from foidesk.core.backup.workdir import WorkDir, sweep_abandoned
from foidesk.core.backup.zipwriter import ZipWriter
from foidesk.core.desk import Desk
from foidesk.core.errors import NotFoundError
from foidesk.core.i18n import _
from foidesk.core.profile import Profile
from foidesk.core.progress import Progress
from foidesk.core.storage import failures, privacy
from foidesk.core.storage.file_store import AttachmentStore, fsync_dir, is_sha256, sha256_of

SNAPSHOT_ATTEMPTS = 3
ROOM_MARGIN = 16 << 20


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created_at: datetime
    size: int
    counts: Counts
    schema_revision: str | None
    warnings: tuple[str, ...] = ()


def create_backup(
    desk: Desk,
    target_dir: Path | None = None,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
) -> BackupInfo:
    """Back up ``desk``'s profile into ``target_dir`` (default: the chosen backup folder)."""
    destination = target_dir or load_settings(desk).folder
    info = write_backup(desk.profile, destination, progress, now=now)
    if not desk.read_only:  # a read-only profile can be backed up elsewhere, not noted
        record_backup(desk, info.path, info.created_at)
    return info


def write_backup(
    profile: Profile,
    destination: Path,
    progress: Progress | None = None,
    *,
    now: datetime | None = None,
) -> BackupInfo:
    """Write a verified backup of ``profile`` (open or closed) to ``destination``.

    ``destination`` is a folder (the file is named by the time) or a full path ending
    in ``.foidesk-backup``.
    """
    source = _source_database(profile)
    moment = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    target = _target(profile, destination, moment)
    sweep_abandoned(target.parent)
    store = AttachmentStore(profile.attachments_dir)
    suspects: frozenset[str] = frozenset()
    with _disk_errors(target.parent):
        while True:
            with WorkDir(target.parent) as work:
                attempt = _Attempt(source, store, work.path / target.name, suspects)
                written, report = attempt.run(moment, progress)
                if report.ok:
                    final = _publish(attempt.partial, target)
                    break
            suspects = _damaged_in_store(store, report, suspects)
    return BackupInfo(
        path=final,
        created_at=moment,
        size=final.stat().st_size,
        counts=written.counts,
        schema_revision=written.schema_revision,
        warnings=written.warnings,
    )


def _damaged_in_store(
    store: AttachmentStore, report: VerifyReport, known: frozenset[str]
) -> frozenset[str]:
    """Stored files whose bytes no longer match their name explain a failed check: they are
    then copied again, hashed, and marked damaged. Anything else means the write failed."""
    digests = {layout.digest_of_member(p.member or "") for p in report.problems}
    suspects = {d for d in digests if d is not None and d not in known}
    explained = None not in digests and all(_rehash(store, d) != d for d in suspects)
    if not suspects or not explained:
        raise refusal(_("the new backup"), report.problems)
    return known | suspects


def _rehash(store: AttachmentStore, sha256: str) -> str | None:
    try:
        return sha256_of(store.path_for(sha256))[0]
    except FileNotFoundError:
        return None  # removed meanwhile: the next attempt retakes the snapshot


def _source_database(profile: Profile) -> Path:
    path = profile.sqlite_path
    if path is None:
        raise UnsupportedProfileError(
            _("foidesk backs up SQLite profiles; back up a server database with the server's tools")
        )
    if not path.is_file():
        raise NotFoundError(_("there is no database to back up at {path}").format(path=path))
    return path


def _target(profile: Profile, destination: Path, moment: datetime) -> Path:
    if destination.name.endswith(layout.BACKUP_SUFFIX):
        folder, name = destination.parent, destination.name
    else:
        folder, name = destination, layout.backup_name(moment)
    _prepare_folder(profile, folder)
    target = folder / name
    while target.exists():  # two backups in one second: the later one takes the next second
        moment += timedelta(seconds=1)
        target = folder / layout.backup_name(moment)
    return target


def _prepare_folder(profile: Profile, folder: Path) -> None:
    """Folders inside the profile are created; elsewhere only the last level is, because a
    missing parent usually means a drive that is not plugged in."""
    if folder.is_dir():
        return
    inside = folder.resolve().is_relative_to(profile.data_dir.resolve())
    try:
        if inside:
            privacy.make_dir(folder)
        else:
            folder.mkdir(exist_ok=True)
    except FileNotFoundError:
        raise BackupError(
            _("the backup folder {folder} is not available").format(folder=folder)
        ) from None
    except OSError as exc:
        raise BackupError(
            _("cannot create the backup folder {folder}: {strerror}").format(
                folder=folder, strerror=exc.strerror
            )
        ) from None


@contextmanager
def _disk_errors(folder: Path) -> Iterator[None]:
    """The disk's refusals in one sentence each (``failures.py``), about the backup folder."""
    try:
        yield
    except (OSError, sqlite3.Error) as exc:
        failure = failures.classify(exc)
        if failure is failures.Failure.FULL:
            free = failures.megabytes(failures.free_bytes(folder))
            raise NotEnoughSpaceError(
                _(
                    "the disk holding {folder} is full ({free} free): free some space or back"
                    " up elsewhere (--to FOLDER), and try again; nothing was changed"
                ).format(folder=folder, free=free)
            ) from exc
        if failure is failures.Failure.READ_ONLY:
            raise BackupError(
                _(
                    "the backup folder {folder} cannot be written (a read-only disk); back up"
                    " elsewhere with --to FOLDER"
                ).format(folder=folder)
            ) from exc
        raise BackupError(
            _("writing the backup in {folder} failed: {exc}").format(folder=folder, exc=exc)
        ) from exc


@dataclass(frozen=True)
class _Written:
    """What a backup's caller is told of its manifest."""

    counts: Counts
    schema_revision: str | None
    warnings: tuple[str, ...]

    @classmethod
    def of(cls, manifest: Manifest) -> _Written:
        return cls(manifest.counts, manifest.schema_revision, _warnings(manifest))


class _Attempt:
    """One pass of writing and verifying; ``suspects`` are stored files to hash as copied."""

    def __init__(
        self, source: Path, store: AttachmentStore, partial: Path, suspects: frozenset[str]
    ) -> None:
        self.source = source
        self.store = store
        self.partial = partial
        self.work = partial.parent
        self.suspects = suspects

    def run(self, moment: datetime, progress: Progress | None) -> tuple[_Written, VerifyReport]:
        snapshot = self.work / "snapshot.sqlite3"
        take_snapshot(self.source, snapshot)
        facts = read_facts(snapshot)
        estimate = snapshot.stat().st_size + sum(facts.blobs.values())
        _check_room(self.work, estimate)
        ticker = Ticker(progress, 2 * estimate)  # writing, then reading back
        with (
            BackgroundSync(1) as syncer,  # the file goes to the disk as it is written
            ThreadPoolExecutor(1, thread_name_prefix="foidesk-integrity") as checker,
        ):
            growing = GrowingFile(syncer, self.partial)
            written, read_back, known = self._write(
                snapshot, facts, moment, ticker, growing, checker
            )
            del facts  # 15 MB at 50,000 files, not needed while the file is checked
            syncer.add(self.partial)  # the rest, on its way while the file is checked
            report = _check_written(self.partial, self.work, ticker, read_back, known)
        return written, report

    def _write(
        self,
        snapshot: Path,
        facts: SnapshotFacts,
        moment: datetime,
        ticker: Ticker,
        growing: GrowingFile,
        checker: ThreadPoolExecutor,
    ) -> tuple[_Written, ReadBack, KnownDatabase]:
        """Write the ZIP; each member is read back and checked on a second thread as soon
        as it is complete. SQLite checks the snapshot on a third while it is copied in.
        Only a summary outlives the writing: the file is checked from its own manifest."""
        with privacy.new_file(self.partial) as raw, ReadBack(self.partial, ticker) as read_back:
            archive = ZipWriter(raw)
            writer = MemberWriter(archive, moment, ticker, read_back, growing, self.suspects)
            ticker.phase(_("Copying attachments"))
            facts, missing = _write_files(writer, self.store, self.source, snapshot, facts)
            known = KnownDatabase(snapshot, checker.submit(integrity_problems, snapshot))
            ticker.phase(_("Copying the database"))
            writer.add_file(layout.DATABASE, snapshot, MemberKind.DATABASE, stored=False)
            writer.add_bytes(layout.README, README_TEXT.encode("utf-8"), MemberKind.README)
            manifest = _manifest(facts, writer.entries, missing, moment)
            writer.add_stream(layout.MANIFEST, manifest.json_chunks(), MAX_MANIFEST_BYTES)
            archive.close(comment=Summary.of(manifest).to_comment())
        return _Written.of(manifest), read_back, known


def _check_room(folder: Path, needed: int) -> None:
    """``folder`` is the work folder; the user knows the backup folder it is in."""
    free = shutil.disk_usage(folder).free
    if free < needed + ROOM_MARGIN:
        raise NotEnoughSpaceError(
            _(
                "a backup needs up to {needed} MB but the disk holding {parent} has {free} MB"
                " free: free at least {mb} MB or back up elsewhere (--to FOLDER); nothing was"
                " changed"
            ).format(
                needed=_mb(needed),
                parent=folder.parent,
                free=_mb(free),
                mb=_mb(needed + ROOM_MARGIN - free),
            )
        )


def _mb(size: int) -> int:
    return -(-size // (1 << 20))


def _write_files(
    writer: MemberWriter,
    store: AttachmentStore,
    source: Path,
    snapshot: Path,
    facts: SnapshotFacts,
) -> tuple[SnapshotFacts, tuple[str, ...]]:
    """Copy every file the snapshot needs; retake the snapshot if files vanished meanwhile."""
    for attempt in range(SNAPSHOT_ATTEMPTS):
        wanted = sorted(d for d in facts.needed - writer.digests if is_sha256(d))
        absent = writer.add_blobs(store, wanted)
        if not absent or attempt == SNAPSHOT_ATTEMPTS - 1:
            break
        take_snapshot(source, snapshot)
        facts = read_facts(snapshot)
    return facts, tuple(sorted(d for d in facts.needed - writer.digests if is_sha256(d)))


def _manifest(
    facts: SnapshotFacts, entries: list[MemberEntry], missing: tuple[str, ...], moment: datetime
) -> Manifest:
    return Manifest(
        foidesk_version=__version__,
        schema_revision=facts.schema_revision,
        created_at=moment,
        counts=facts.counts,
        members=tuple(entries),
        missing_files=missing,
    )


def _check_written(
    partial: Path, work: Path, ticker: Ticker, read_back: ReadBack, known: KnownDatabase
) -> VerifyReport:
    """The new file, checked like any other backup (members already read back excepted)."""
    ticker.phase(_("Verifying the backup"))
    try:
        opened = open_backup(partial)
    except Refused as refused:
        raise refusal(_("the new backup"), refused.problems) from None
    with opened:
        return check_contents(opened, work, ticker, read_back, known)


def _publish(partial: Path, target: Path) -> Path:
    moment = layout.backup_time(target)
    while target.exists() and moment is not None:
        moment += timedelta(seconds=1)
        target = target.with_name(layout.backup_name(moment))
    partial.replace(target)
    fsync_dir(target.parent)
    return target


def _warnings(manifest: Manifest) -> tuple[str, ...]:
    damaged_file = _("stored file {sha256} was damaged in the profile; it was backed up as it is")
    damaged = [
        damaged_file.format(sha256=layout.digest_of_member(m.name))
        for m in manifest.members
        if m.damaged
    ]
    missing_file = _("stored file {sha256} is missing from the profile")
    missing = [missing_file.format(sha256=sha) for sha in manifest.missing_files]
    return tuple(damaged + missing)
