"""Attachment text extraction on the corpus: throughput per MB, against bare extraction.

``extract_pending`` (sandboxed worker processes, results written with the
index triggers, in short transactions) re-reads a fixed sample of the
corpus's attachments — every k-th attachment, about 2,000 files of every
kind — against the baseline of the same files read by the same extractors
in this process, one after another, with no sandbox and no database.
The whole-corpus extraction timed when the corpus was built is shown too.

Indexing keeps up with import when these MB/s are above the import's.
"""

from __future__ import annotations

import time
from typing import Any

from sqlalchemy import delete, select, update

from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure
from foidesk.core.desk import Desk
from foidesk.core.search import ExtractionOptions, extract_pending
from foidesk.core.search.extract import extract_file
from foidesk.core.search.states import TextState
from foidesk.core.search.tables import AttachmentText
from foidesk.core.storage.tables import Attachment

SAMPLE_FILES = 2000


def run(context: BenchContext) -> list[Figure]:
    corpus = ensure_corpus(context)
    with Desk.open(corpus.profile) as desk:
        sample = _sample(desk)
        megabytes = sum(size for *_, size in sample) / 1e6
        bare_seconds = _bare(desk, sample)
        _mark_pending(desk, [row[0] for row in sample])
        options = ExtractionOptions()
        report = extract_pending(desk, options=options)
    ours = report.bytes_read / 1e6 / report.seconds
    bare = megabytes / bare_seconds
    whole = corpus.manifest["extraction"]
    return [
        Figure(
            f"text extraction, {report.files_read:,} files / {megabytes:.0f} MB "
            f"({options.workers} worker)", ours, "MB/s", "bare extraction, one process", bare,
            "keeps up with import",
        ),
        Figure(
            "text extraction, same sample", report.files_read / report.seconds, "files/s",
            "bare extraction", len(sample) / bare_seconds,
        ),
        Figure(
            f"text extraction, whole corpus at build ({whole['files']:,} files, "
            f"{whole['megabytes']:,.0f} MB, {whole['measured_on'][:10]})",
            whole["megabytes_per_second"], "MB/s",
        ),
    ]  # fmt: skip


def _sample(desk: Desk) -> list[Any]:
    with desk.db.reading() as session:
        total = session.scalar(select(Attachment.id).order_by(Attachment.id.desc()).limit(1)) or 0
        step = max(1, total // SAMPLE_FILES)
        rows = session.execute(
            select(Attachment.id, Attachment.sha256, Attachment.filename, Attachment.media_type)
            .add_columns(Attachment.size)
            .where(Attachment.id % step == 0)
            .order_by(Attachment.id)
        )
        seen: dict[str, Any] = {}
        for row in rows:
            seen.setdefault(row[1], row)  # one attachment per content, as extraction reads it
        return list(seen.values())


def _bare(desk: Desk, sample: list[Any]) -> float:
    started = time.perf_counter()
    for _, sha256, filename, media_type, _ in sample:
        extract_file(str(desk.store.path_for(sha256)), filename, media_type)
    return time.perf_counter() - started


def _mark_pending(desk: Desk, ids: list[int]) -> None:
    with desk.db.writing() as session:
        session.execute(delete(AttachmentText).where(AttachmentText.attachment_id.in_(ids)))
        session.execute(
            update(Attachment)
            .where(Attachment.id.in_(ids))
            .values(text_state=TextState.PENDING.value, text_error=None)
        )
