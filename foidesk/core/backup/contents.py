"""Reading a backup's content and proving it: every member against the manifest, and the
database inside against itself and against the files it needs.

Verify reads members into nothing (only the database into a scratch file); a restore
reads the same way into the folder it is building — one code path for both, so what
verify accepts is exactly what restore accepts. Members are read by a few threads at
once: hashing, inflating and file I/O all release the GIL; neighbouring small members
are read in one call, since 50,000 reads of 25 kB cost more in calls than in bytes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from foidesk.core.backup import layout
from foidesk.core.backup.archive import WHOLE_LIMIT
from foidesk.core.backup.manifest import Manifest, MemberEntry, MemberKind
from foidesk.core.backup.problems import Problem, ProblemKind
from foidesk.core.backup.reader import Located, MemberReader, MemberUnreadable, content_in, span
from foidesk.core.backup.snapshot import SnapshotFacts, integrity_problems, read_facts
from foidesk.core.backup.structure import OpenedBackup
from foidesk.core.backup.syncer import BackgroundSync
from foidesk.core.backup.ticker import Ticker
from foidesk.core.i18n import _, ngettext
from foidesk.core.storage import privacy
from foidesk.core.storage.file_store import is_sha256

DAMAGED = ProblemKind.DAMAGED
MAX_WORKERS = 4
BATCH_BYTES = 4 << 20  # neighbouring small members read in one call, up to this much
SinkFor = Callable[[MemberEntry], Path | None]
Batch = list[tuple[Located, MemberEntry]]


@dataclass
class Findings:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    members: int = 0
    bytes: int = 0
    facts: SnapshotFacts | None = None

    def add(self, other: Findings) -> None:
        self.problems += other.problems
        self.warnings += other.warnings
        self.members += other.members
        self.bytes += other.bytes


def reading_order(manifest: Manifest) -> list[MemberEntry]:
    """The database first (the rest is judged by it), then the others in stored order."""
    rank = {MemberKind.DATABASE: 0, MemberKind.README: 1, MemberKind.ATTACHMENT: 2}
    return sorted(manifest.members, key=lambda m: (rank[m.kind], m.name))


def check_members(
    opened: OpenedBackup,
    entries: Sequence[MemberEntry],
    sink_for: SinkFor,
    ticker: Ticker,
    *,
    syncer: BackgroundSync | None = None,
) -> Findings:
    """Check ``entries`` on a few threads; the first exception (e.g. Cancelled) stops all.

    Neighbouring small members are read in one call (``batches``). Files written are
    handed to ``syncer`` as they are closed, when one is given.
    """
    pending: Iterator[Batch] = iter(batches((opened.info(e.name), e) for e in entries))
    lock = threading.Lock()
    stop = threading.Event()

    def next_batch() -> Batch | None:
        with lock:
            return None if stop.is_set() else next(pending, None)

    def work() -> Findings:
        findings = Findings()
        with MemberReader(opened.path) as reader:
            while (batch := next_batch()) is not None:
                try:
                    check_batch(reader, batch, sink_for, ticker, findings, syncer)
                except BaseException:
                    stop.set()
                    raise
        return findings

    workers = max(1, min(MAX_WORKERS, os.cpu_count() or 1, len(entries)))
    with ThreadPoolExecutor(workers, thread_name_prefix="foidesk-backup") as pool:
        futures = [pool.submit(work) for _ in range(workers)]
        results = [f.result() for f in futures]
    merged = Findings()
    for result in results:
        merged.add(result)
    merged.problems.sort(key=lambda p: p.text)
    return merged


def batches(members: Iterable[tuple[Located, MemberEntry]]) -> list[Batch]:
    """Members in file order, neighbours of up to ``BATCH_BYTES`` together; a member
    bigger than ``WHOLE_LIMIT`` (either size) is a batch of its own, read in chunks."""
    ordered = sorted(members, key=lambda m: m[0].header_offset)
    result: list[Batch] = []
    current: Batch = []
    for member in ordered:
        info = member[0]
        if max(info.compress_size, info.file_size) > WHOLE_LIMIT:
            result.append([member])
            continue
        if current and info.header_offset + span(info) - current[0][0].header_offset > BATCH_BYTES:
            result.append(current)
            current = []
        current.append(member)
    if current:
        result.append(current)
    return result


def check_batch(
    reader: MemberReader,
    batch: Batch,
    sink_for: SinkFor,
    ticker: Ticker,
    findings: Findings,
    syncer: BackgroundSync | None = None,
) -> None:
    """Check each member of ``batch``; a run of small ones from one read of the file."""
    first, last = batch[0][0], batch[-1][0]
    if len(batch) == 1 and max(first.compress_size, first.file_size) > WHOLE_LIMIT:
        check_member(reader, first, batch[0][1], sink_for(batch[0][1]), ticker, findings, syncer)
        return
    base = first.header_offset
    region = reader.read_at(base, last.header_offset + span(last) - base)
    for info, entry in batch:
        sink = sink_for(entry)
        try:
            content = content_in(region, base, info)
        except MemberUnreadable as exc:
            _unreadable(entry, exc, findings)
            continue
        if content is None:  # a longer local header than ours: read it on its own
            check_member(reader, info, entry, sink, ticker, findings, syncer)
            continue
        if sink is not None:
            _write_sink(sink, content, syncer)
        ticker.advance(len(content))
        _account(entry, hashlib.sha256(content).hexdigest(), len(content), findings)


def check_member(
    reader: MemberReader,
    info: Located,
    entry: MemberEntry,
    sink_path: Path | None,
    ticker: Ticker,
    findings: Findings,
    syncer: BackgroundSync | None = None,
) -> bool:
    """Read one member (into ``sink_path`` if given); False if it is not what the manifest says."""
    try:
        if sink_path is None:
            sha256, size = _digest(reader, info, None, ticker)
        else:
            privacy.make_dir(sink_path.parent)  # private whatever the member says
            with privacy.new_file(sink_path) as sink:
                sha256, size = _digest(reader, info, sink, ticker)
            if syncer is not None:
                syncer.add(sink_path)
    except MemberUnreadable as exc:
        _unreadable(entry, exc, findings)
        return False
    return _account(entry, sha256, size, findings)


def _unreadable(entry: MemberEntry, exc: MemberUnreadable, findings: Findings) -> None:
    kind = ProblemKind.UNSAFE if exc.unsafe else DAMAGED
    text = _("{member} cannot be read: {why}").format(member=repr(entry.name), why=exc)
    findings.problems.append(Problem(kind, text, entry.name))


def _account(entry: MemberEntry, sha256: str, size: int, findings: Findings) -> bool:
    findings.members += 1
    findings.bytes += size
    found = _member_mismatches(entry, sha256, size)
    findings.problems += found
    return not found


def _write_sink(sink_path: Path, content: bytes, syncer: BackgroundSync | None) -> None:
    privacy.make_dir(sink_path.parent)  # private whatever the member says
    with privacy.new_file(sink_path) as sink:
        sink.write(content)
    if syncer is not None:
        syncer.add(sink_path)


def _digest(
    reader: MemberReader, info: Located, sink: BinaryIO | None, ticker: Ticker
) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    for chunk in reader.chunks(info):
        digest.update(chunk)
        size += len(chunk)
        if sink is not None:
            sink.write(chunk)
        ticker.advance(len(chunk))
    return digest.hexdigest(), size


def _member_mismatches(entry: MemberEntry, sha256: str, size: int) -> list[Problem]:
    problems = []
    shown = repr(entry.name)
    if size != entry.size:
        text = ngettext(
            "{member} holds {count} byte; the manifest says {listed}",
            "{member} holds {count} bytes; the manifest says {listed}",
            size,
        ).format(member=shown, count=size, listed=entry.size)
        problems.append(Problem(DAMAGED, text, entry.name))
    if sha256 != entry.sha256:
        text = _("{member} does not match its SHA-256").format(member=shown)
        problems.append(Problem(DAMAGED, text, entry.name))
    digest = layout.digest_of_member(entry.name)
    if digest is not None and entry.sha256 != digest and not entry.damaged:
        text = _("{member} does not hold the file it is named by").format(member=shown)
        problems.append(Problem(DAMAGED, text, entry.name))
    return problems


def check_database(
    db_path: Path, manifest: Manifest, findings: Findings, *, integrity: list[str] | None = None
) -> None:
    """Integrity, agreement with the manifest, and every file it refers to present;
    ``integrity`` is SQLite's check of ``db_path`` when it was run already."""
    broken = integrity_problems(db_path) if integrity is None else integrity
    if broken:
        findings.problems += [Problem(DAMAGED, text) for text in broken]
        return
    try:
        facts = read_facts(db_path)
    except sqlite3.DatabaseError as exc:
        text = _("the database is not a foidesk one ({error})").format(error=exc)
        findings.problems.append(Problem(DAMAGED, text))
        return
    findings.facts = facts
    if facts.schema_revision != manifest.schema_revision:
        findings.problems.append(
            Problem(DAMAGED, _("the database's schema revision differs from the manifest's"))
        )
    if facts.counts != manifest.counts:
        findings.problems.append(
            Problem(DAMAGED, _("the database's row counts differ from the manifest's"))
        )
    _check_files(facts, manifest, findings)


def _check_files(facts: SnapshotFacts, manifest: Manifest, findings: Findings) -> None:
    members = {digest: m for m in manifest.members if (digest := layout.digest_of_member(m.name))}
    declared_missing = set(manifest.missing_files)
    for sha256 in sorted(facts.needed):
        entry = members.get(sha256)
        if not is_sha256(sha256):
            text = _("the database refers to a file as {name}").format(name=repr(sha256))
            findings.warnings.append(text)
        elif entry is None and sha256 in declared_missing:
            text = _("file {sha256} was already missing from the profile").format(sha256=sha256)
            findings.warnings.append(text)
        elif entry is None:
            text = _("file {sha256}, which the database refers to, is not in the backup").format(
                sha256=sha256
            )
            findings.problems.append(Problem(DAMAGED, text))
        elif entry.damaged:
            text = _("file {sha256} was already damaged in the profile").format(sha256=sha256)
            findings.warnings.append(text)
        elif sha256 in facts.blobs and facts.blobs[sha256] != entry.size:
            text = _("file {sha256} has a different size than the database records").format(
                sha256=sha256
            )
            findings.problems.append(Problem(DAMAGED, text, entry.name))
