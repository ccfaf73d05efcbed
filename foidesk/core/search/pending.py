"""Read the text of attachments waiting for it: the background step after an import.

The window's worker and ``foidesk search --extract`` both call
``extract_pending``. Each distinct file is read once (attachments that share
content share the result), in sandboxed worker processes, and results are
written in short transactions so the user can keep working meanwhile. A file
that cannot be read is marked ``failed`` with the reason; nothing stops the run.
"""

from __future__ import annotations

import functools
import os
import queue
import threading
import time
from collections.abc import Generator
from contextlib import closing
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from foidesk.core import phrases
from foidesk.core.phrases import Phrase
from foidesk.core.progress import NoProgress, OnDatabase, Progress, check_cancelled, directly
from foidesk.core.search import notes
from foidesk.core.search.extract import extract_file
from foidesk.core.search.extraction import Extraction, failed
from foidesk.core.search.limits import TIMEOUT_SECONDS, WORKER_MEMORY_BYTES
from foidesk.core.search.sandbox import WorkerPool
from foidesk.core.search.service import INDEX_CHANGED, DeskLike
from foidesk.core.search.states import TextState
from foidesk.core.search.tables import AttachmentText
from foidesk.core.storage.tables import Attachment, utcnow

#: States whose result holds for any attachment with the same content.
_REUSABLE = (TextState.DONE, TextState.EMPTY, TextState.SCANNED, TextState.UNSUPPORTED)
_BATCH_FILES = 100
_BATCH_CHARS = 20_000_000
_BATCH_SECONDS = 1.0


def default_workers() -> int:
    """One per core, up to four: workers run at low priority (``sandbox.py``), so the
    window stays responsive and extraction takes only the CPU time nobody else wants."""
    return max(1, min(4, os.cpu_count() or 1))


@dataclass(frozen=True)
class ExtractionOptions:
    """``workers=0`` reads in this process: only for trusted input (tests, benchmarks)."""

    workers: int = field(default_factory=default_workers)
    timeout: float = TIMEOUT_SECONDS
    memory_bytes: int | None = WORKER_MEMORY_BYTES


@dataclass(frozen=True)
class ExtractionReport:
    """What one run did: attachments settled, files read, bytes, time, outcomes."""

    attachments: int
    files_read: int
    bytes_read: int
    seconds: float
    states: dict[str, int]
    failures: tuple[tuple[int, str, str], ...]  # (attachment id, file name, reason)

    @property
    def megabytes_per_second(self) -> float:
        return self.bytes_read / 1e6 / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Job:
    sha256: str
    filename: str
    media_type: str
    size: int
    attachment_ids: list[int]
    known: Extraction | None = None


@dataclass
class _Tally:
    attachments: int = 0
    files_read: int = 0
    bytes_read: int = 0
    states: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[int, str, str]] = field(default_factory=list)

    def add(self, job: _Job, result: Extraction, saved: list[int]) -> None:
        self.attachments += len(saved)
        self.states[result.state.value] = self.states.get(result.state.value, 0) + len(saved)
        if result.state is TextState.FAILED:
            self.failures += [(i, job.filename, result.note or "") for i in saved]


def extract_pending(
    desk: DeskLike,
    progress: Progress | None = None,
    limit: int | None = None,
    options: ExtractionOptions | None = None,
    on_database: OnDatabase = directly,
) -> ExtractionReport:
    """Read every attachment whose text is pending (at most ``limit``); say what happened.

    The reading runs here and in worker processes; the database work (the plan, each
    batch saved) is handed to ``on_database`` — the window's database thread; on the
    command line, right here. Cancelling keeps everything finished so far and raises
    ``Cancelled``.
    """
    progress = progress or NoProgress()
    options = options or ExtractionOptions()
    started = time.perf_counter()
    jobs = on_database(lambda: _plan(desk, limit))
    to_read = [j for j in jobs if j.known is None]
    reading = closing(_read_all(desk, to_read, options))
    with _Writer(desk, on_database) as writer, reading as results:
        writer.add([(j, j.known) for j in jobs if j.known is not None])
        for done, (job, result) in enumerate(results, start=1):
            writer.tally.files_read += 1
            writer.tally.bytes_read += job.size
            writer.add([(job, result)])
            progress.report(done, len(to_read), job.filename)
            check_cancelled(progress)
    tally = writer.tally
    return ExtractionReport(
        tally.attachments,
        tally.files_read,
        tally.bytes_read,
        time.perf_counter() - started,
        tally.states,
        tuple(tally.failures),
    )


class _Writer:
    """Saves results on its own thread, so indexing one batch overlaps reading the next.

    SQLite releases the GIL while it works, so the index writes (the FTS
    triggers) and the worker processes keep two cores busy. Leaving the
    ``with`` block saves what is queued and waits — also on error or cancel.
    """

    def __init__(self, desk: DeskLike, on_database: OnDatabase) -> None:
        self.desk = desk
        self.on_database = on_database
        self.tally = _Tally()
        self.batch: list[tuple[_Job, Extraction]] = []
        self.flushed = time.monotonic()
        self.queue: queue.Queue[list[tuple[_Job, Extraction]] | None] = queue.Queue(maxsize=4)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="foidesk-text-writer", daemon=True)

    def __enter__(self) -> _Writer:
        self.thread.start()
        return self

    def add(self, results: list[tuple[_Job, Extraction]]) -> None:
        self._raise_error()
        self.batch += results
        if _batch_ready(self.batch, self.flushed):
            self._send()

    def _send(self) -> None:
        if self.batch:
            self.queue.put(self.batch)
        self.batch, self.flushed = [], time.monotonic()

    def _run(self) -> None:
        while (batch := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.on_database(functools.partial(_save, self.desk, batch, self.tally))
                except BaseException as exc:  # handed to the caller's thread
                    self.error = exc

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._send()
        self.queue.put(None)
        self.thread.join()
        if exc_type is None:
            self._raise_error()

    def _raise_error(self) -> None:
        if self.error is not None:
            raise self.error


def _batch_ready(batch: list[tuple[_Job, Extraction]], flushed: float) -> bool:
    chars = sum(len(r.text) for _, r in batch)
    late = time.monotonic() - flushed > _BATCH_SECONDS
    return len(batch) >= _BATCH_FILES or chars >= _BATCH_CHARS or late


def _plan(desk: DeskLike, limit: int | None) -> list[_Job]:
    """Pending attachments grouped by content, each with a known result if one exists."""
    with desk.db.reading() as session:
        query = (
            select(Attachment.id, Attachment.sha256, Attachment.filename, Attachment.media_type)
            .add_columns(Attachment.size)
            .where(Attachment.text_state == TextState.PENDING.value)
            .order_by(Attachment.id)
            .limit(limit)
        )
        jobs: dict[str, _Job] = {}
        for attachment_id, sha256, filename, media_type, size in session.execute(query):
            job = jobs.setdefault(sha256, _Job(sha256, filename, media_type, size, []))
            job.attachment_ids.append(attachment_id)
        for sha256, known in _known_results(session).items():
            if sha256 in jobs:
                jobs[sha256].known = known
    return list(jobs.values())


def _known_results(session: Session) -> dict[str, Extraction]:
    """Results already settled for content that some pending attachment also has."""
    pending = select(Attachment.sha256).where(Attachment.text_state == TextState.PENDING.value)
    rows = session.execute(
        select(Attachment.sha256, Attachment.text_state, Attachment.text_error)
        .add_columns(AttachmentText.text)
        .outerjoin(AttachmentText, AttachmentText.attachment_id == Attachment.id)
        .where(Attachment.text_state.in_(_REUSABLE), Attachment.sha256.in_(pending))
    )
    known: dict[str, Extraction] = {}
    for sha256, state, note, text in rows:
        known.setdefault(
            sha256,
            Extraction(
                TextState(state), text or "", None if note is None else phrases.decode(note)
            ),
        )
    return known


def _read_all(
    desk: DeskLike, jobs: list[_Job], options: ExtractionOptions
) -> Generator[tuple[_Job, Extraction], None, None]:
    """Results as files finish; closing the generator stops the workers at once."""
    by_digest = {job.sha256: job for job in jobs}
    tasks = []
    for job in jobs:
        path = desk.store.local_path(job.sha256)
        if not path.is_file():
            yield job, failed(Phrase(notes.STORED_FILE_MISSING))
            continue
        tasks.append((job.sha256, (str(path), job.filename, job.media_type)))
    if options.workers == 0:
        for sha256, args in tasks:
            yield by_digest[sha256], _read_here(*args)
        return
    with WorkerPool(
        extract_file,
        workers=options.workers,
        timeout=options.timeout,
        memory_bytes=options.memory_bytes,
    ) as pool:
        for sha256, outcome in pool.run(tasks):
            result = outcome.value if outcome.error is None else failed(outcome.error)
            yield by_digest[sha256], result


def _read_here(path: str, filename: str, media_type: str) -> Extraction:
    try:
        return extract_file(path, filename, media_type)
    except Exception as exc:  # a reader's bug must not stop the others
        return failed(Phrase(notes.READER_FAILED, detail=f"{type(exc).__name__}: {exc}"))


def _save(desk: DeskLike, batch: list[tuple[_Job, Extraction]], tally: _Tally) -> None:
    """Write results as a few ``executemany`` statements (SQLite then runs without the GIL).

    An attachment deleted or re-queued meanwhile is left alone.
    """
    wanted = [i for job, _ in batch for i in job.attachment_ids]
    with desk.writing(INDEX_CHANGED) as unit:
        session = unit.session
        still_pending = set(
            session.scalars(
                select(Attachment.id).where(
                    Attachment.id.in_(wanted), Attachment.text_state == TextState.PENDING.value
                )
            )
        )
        states: list[dict[str, Any]] = []
        texts: list[dict[str, Any]] = []
        now = utcnow()
        for job, result in batch:
            saved = [i for i in job.attachment_ids if i in still_pending]
            tally.add(job, result, saved)
            state, note = result.state.value, result.note
            stored = None if note is None else phrases.encode(note)
            states += [{"id": i, "text_state": state, "text_error": stored} for i in saved]
            if result.state is TextState.DONE:
                text = result.text
                texts += [{"attachment_id": i, "text": text, "extracted_at": now} for i in saved]
        _write(session, states, texts)


def _write(session: Session, states: list[dict[str, Any]], texts: list[dict[str, Any]]) -> None:
    """ORM bulk update by primary key, one delete, one multi-row insert."""
    if not states:
        return
    session.execute(update(Attachment), states)
    ids = [row["id"] for row in states]
    session.execute(delete(AttachmentText).where(AttachmentText.attachment_id.in_(ids)))
    if texts:
        session.execute(insert(AttachmentText), texts)
