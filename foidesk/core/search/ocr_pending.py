"""Recognise the text of scans waiting for it: image-only PDFs and images.

Runs after extraction, in the same sandboxed, low-priority worker processes
(``sandbox.py``): each page is one task, with Tesseract's own time limit per page and
the pool's limit behind it. Each page's result is written as soon as it comes back, in
its own short transaction, so a run cancelled or cut short by a restart goes on at the
first page not yet recorded. When a file's last page is in, its text goes into the
index like any other attachment's, marked as recognised with its confidence.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, delete, insert, or_, select, update
from sqlalchemy.orm import Session

from foidesk.core import phrases
from foidesk.core.errors import FoideskError
from foidesk.core.i18n import _
from foidesk.core.phrases import Phrase
from foidesk.core.progress import NoProgress, OnDatabase, Progress, check_cancelled, directly
from foidesk.core.search import notes
from foidesk.core.search.extraction import clean_text
from foidesk.core.search.limits import OCR_PAGE_SECONDS, WORKER_MEMORY_BYTES
from foidesk.core.search.ocr_languages import (
    OcrLanguages,
    how_to_install_engine,
    profile_languages,
)
from foidesk.core.search.ocr_read import PageResult, count_pages, recognise_page
from foidesk.core.search.pending import default_workers
from foidesk.core.search.sandbox import Outcome, WorkerPool
from foidesk.core.search.service import INDEX_CHANGED, DeskLike
from foidesk.core.search.states import TextState
from foidesk.core.search.tables import AttachmentText, OcrPage
from foidesk.core.storage.tables import Attachment, utcnow

WAITING = "waiting"
ENGINE = "tesseract"
#: Time the pool allows beyond Tesseract's own limit (rendering the page, starting).
_RENDER_SECONDS = 60.0


class OcrUnavailableError(FoideskError):
    """Tesseract is not installed, so scans cannot be read."""


def scan_notes() -> tuple[str, str]:
    """The stored notes that mark an attachment as a scan waiting for recognition."""
    return (Phrase(notes.NO_TEXT_LAYER).stored(), Phrase(notes.IMAGE).stored())


def is_scan() -> ColumnElement[bool]:
    """SQL: an image-only PDF or an image whose words have not been recognised."""
    pdf_note, image_note = scan_notes()
    return or_(
        and_(Attachment.text_state == TextState.SCANNED.value, Attachment.text_error == pdf_note),
        and_(
            Attachment.text_state == TextState.UNSUPPORTED.value,
            Attachment.text_error == image_note,
        ),
    )


@dataclass(frozen=True)
class OcrOptions:
    workers: int = field(default_factory=default_workers)
    page_timeout: float = OCR_PAGE_SECONDS
    memory_bytes: int | None = WORKER_MEMORY_BYTES


@dataclass(frozen=True)
class OcrReport:
    """What one run did: files and pages read, how they ended, the languages used."""

    files: int
    pages: int
    states: dict[str, int]
    seconds: float
    languages: OcrLanguages

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.seconds if self.seconds > 0 else 0.0


@dataclass
class _Scan:
    sha256: str
    kind: str  # "pdf" or "image"
    filename: str
    path: str
    waiting: list[int] | None  # None: its pages not yet counted


def ocr_task(action: str, *args: object) -> object:
    """What each worker runs: ``count`` a file's pages or ``page`` recognise one."""
    if action == "count":
        return count_pages(str(args[0]), str(args[1]))
    path, kind, page, languages, timeout = args
    assert isinstance(page, int) and isinstance(timeout, float)
    return recognise_page(str(path), str(kind), page, str(languages), timeout)


def recognise_pending(
    desk: DeskLike,
    progress: Progress | None = None,
    options: OcrOptions | None = None,
    on_database: OnDatabase = directly,
) -> OcrReport:
    """Recognise every page of every scan not yet read; say what happened.

    Raises ``OcrUnavailableError`` when Tesseract is missing, ``Cancelled`` when asked
    to stop (everything recognised so far is kept).
    """
    progress = progress or NoProgress()
    options = options or OcrOptions()
    started = time.perf_counter()
    languages = on_database(lambda: profile_languages(desk))
    if not languages.engine:
        raise OcrUnavailableError(
            _("Tesseract is not installed, so scans are not read; {how}").format(
                how=how_to_install_engine()
            )
        )
    scans = on_database(lambda: _plan(desk))
    states: dict[str, int] = {}
    timeout = options.page_timeout + _RENDER_SECONDS
    with WorkerPool(
        ocr_task, workers=options.workers, timeout=timeout, memory_bytes=options.memory_bytes
    ) as pool:
        _count(desk, pool, [s for s in scans if s.waiting is None], on_database)
        tasks = list(_page_tasks(scans, languages, options.page_timeout))
        by_digest = {scan.sha256: scan for scan in scans}
        for done, ((sha256, page), outcome) in enumerate(pool.run(tasks), start=1):
            result = _page_result(outcome)
            states[result.state] = states.get(result.state, 0) + 1
            save = functools.partial(_save_page, desk, sha256, page, result, languages)
            on_database(save)
            progress.report(done, len(tasks), by_digest[sha256].filename)
            check_cancelled(progress)
    pages = sum(states.values())
    return OcrReport(len(scans), pages, states, time.perf_counter() - started, languages)


def _page_tasks(
    scans: list[_Scan], languages: OcrLanguages, page_timeout: float
) -> Iterator[tuple[tuple[str, int], tuple[object, ...]]]:
    argument = languages.tesseract_argument
    for scan in scans:
        for page in scan.waiting or ():
            args = ("page", scan.path, scan.kind, page, argument, page_timeout)
            yield (scan.sha256, page), args


def _page_result(outcome: Outcome) -> PageResult:
    if outcome.error is None:
        value = outcome.value
        assert isinstance(value, PageResult)
        return value
    code = getattr(outcome.error, "code", "")
    return PageResult("timeout" if code == notes.TOO_SLOW else "failed", note=outcome.error)


def _plan(desk: DeskLike) -> list[_Scan]:
    """Each scan's content once, with the pages still waiting (None: not counted yet).

    Scans whose pages are all recorded already (read again after ``--re-extract``) are
    settled here at once, from what was recognised before.
    """
    with desk.db.reading() as session:
        rows = session.execute(
            select(Attachment.sha256, Attachment.text_state, Attachment.filename)
            .where(is_scan())
            .order_by(Attachment.id)
        ).all()
        recorded = _recorded_pages(session, {row[0] for row in rows})
    scans: dict[str, _Scan] = {}
    settled: list[str] = []
    for sha256, state, filename in rows:
        if sha256 in scans or sha256 in settled:
            continue
        pages = recorded.get(sha256)
        if pages is not None and not pages:
            settled.append(sha256)
            continue
        kind = "pdf" if state == TextState.SCANNED.value else "image"
        path = str(desk.store.path_for(sha256))
        scans[sha256] = _Scan(sha256, kind, filename, path, pages)
    if settled:
        with desk.writing(INDEX_CHANGED) as unit:
            for sha256 in settled:
                _settle(unit.session, sha256)
    return list(scans.values())


def _recorded_pages(session: Session, digests: set[str]) -> dict[str, list[int]]:
    """For each content with pages recorded, the pages still waiting."""
    recorded: dict[str, list[int]] = {}
    rows = session.execute(
        select(OcrPage.sha256, OcrPage.page, OcrPage.state)
        .where(OcrPage.sha256.in_(digests))
        .order_by(OcrPage.sha256, OcrPage.page)
    )
    for sha256, page, state in rows:
        waiting = recorded.setdefault(sha256, [])
        if state == WAITING:
            waiting.append(page)
    return recorded


def _count(desk: DeskLike, pool: WorkerPool, scans: list[_Scan], on_database: OnDatabase) -> None:
    """Count the new scans' pages in the workers and record each page as waiting."""
    by_digest = {scan.sha256: scan for scan in scans}
    tasks = [(scan.sha256, ("count", scan.path, scan.kind)) for scan in scans]
    for sha256, outcome in pool.run(tasks):
        scan = by_digest[sha256]
        if outcome.error is not None or not isinstance(outcome.value, int):
            note = outcome.error or Phrase(notes.OCR_FAILED, detail="no pages")
            failure = PageResult("failed", note=note)
            on_database(functools.partial(_save_page, desk, sha256, 0, failure, None))
            scan.waiting = []
            continue
        scan.waiting = list(range(outcome.value))
        on_database(functools.partial(_save_waiting, desk, sha256, scan.waiting))


def _save_waiting(desk: DeskLike, sha256: str, pages: list[int]) -> None:
    with desk.writing(INDEX_CHANGED) as unit:
        rows = [{"sha256": sha256, "page": page, "state": WAITING} for page in pages]
        unit.session.execute(delete(OcrPage).where(OcrPage.sha256 == sha256))
        if rows:
            unit.session.execute(insert(OcrPage), rows)
        if not rows:
            _settle(unit.session, sha256)


def _save_page(
    desk: DeskLike,
    sha256: str,
    page: int,
    result: PageResult,
    languages: OcrLanguages | None,
) -> None:
    """Record one page; if it was its file's last, put the file's text into the index."""
    with desk.writing(INDEX_CHANGED) as unit:
        session = unit.session
        session.execute(delete(OcrPage).where(OcrPage.sha256 == sha256, OcrPage.page == page))
        session.add(
            OcrPage(
                sha256=sha256,
                page=page,
                state=result.state,
                text=result.text,
                confidence=result.confidence,
                words=result.words,
                languages="" if languages is None else languages.tesseract_argument,
                engine=ENGINE,
                note=None if result.note is None else phrases.encode(result.note),
                recognised_at=utcnow(),
            )
        )
        session.flush()
        waiting = session.scalar(
            select(OcrPage.page).where(OcrPage.sha256 == sha256, OcrPage.state == WAITING).limit(1)
        )
        if waiting is None:
            _settle(session, sha256)


def _settle(session: Session, sha256: str) -> None:
    """Every page is in: the scan's attachments get its text (indexed) or say why not."""
    query = (
        select(OcrPage.state, OcrPage.text, OcrPage.confidence)
        .where(OcrPage.sha256 == sha256)
        .order_by(OcrPage.page)
    )
    pages = [(state, text, confidence) for state, text, confidence in session.execute(query)]
    ids = list(session.scalars(select(Attachment.id).where(Attachment.sha256 == sha256, is_scan())))
    if not ids:
        return
    text = clean_text("\n\n".join(t for state, t, _c in pages if state == "ok" and t))
    failed = sum(1 for state, _t, _c in pages if state != "ok")
    session.execute(delete(AttachmentText).where(AttachmentText.attachment_id.in_(ids)))
    if not text:
        note = (
            Phrase(notes.OCR_PAGES_FAILED, count=failed) if failed else Phrase(notes.OCR_NO_WORDS)
        )
        values = {"text_error": note.stored()}
        session.execute(update(Attachment).where(Attachment.id.in_(ids)).values(**values))
        return
    confidence = _mean_confidence(pages)
    note = Phrase(notes.RECOGNISED, confidence=confidence)
    session.execute(
        update(Attachment)
        .where(Attachment.id.in_(ids))
        .values(text_state=TextState.DONE.value, text_error=note.stored())
    )
    now = utcnow()
    rows = [{"attachment_id": i, "text": text, "extracted_at": now} for i in ids]
    session.execute(insert(AttachmentText), rows)


def _mean_confidence(pages: Sequence[tuple[str, str, float | None]]) -> int:
    """The pages' confidence weighted by their length: a long page says more than a stamp."""
    weighted = [(c, len(t)) for state, t, c in pages if state == "ok" and c is not None and t]
    total = sum(n for _c, n in weighted)
    return round(sum(c * n for c, n in weighted) / total) if total else 0
