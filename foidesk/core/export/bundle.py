"""A request as one evidence bundle: a ZIP that any tool opens and anyone can verify.

Members, in this order: ``correspondence.pdf`` (``pdf.py``); ``originals/`` (each
original email, byte for byte); ``attachments/`` (every file, under a cleaned unique
name, ``members.py``); and ``manifest.json`` last, with the SHA-256 and size of every
other member — computed from the bytes as they went into the ZIP, and checked against
the store's own hash, so a damaged stored file stops the export instead of being
passed on as evidence.

Files are streamed from the store into the ZIP in chunks: memory stays flat however
large the request. The ZIP is written atomically (``atomic.py``). A redacted bundle
holds only the PDF and the manifest (``redaction.py`` says why).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from foidesk import __version__
from foidesk.core.export.atomic import check_target, commit, temporary_beside, worded
from foidesk.core.export.errors import ExportError
from foidesk.core.export.fonts import find_fonts
from foidesk.core.export.members import MANIFEST_NAME, PDF_NAME, Layout, Member, lay_out
from foidesk.core.export.pdf import render_pdf
from foidesk.core.export.plan import BundlePlan
from foidesk.core.export.redaction import Redaction, Redactor, redactor_for
from foidesk.core.i18n import _
from foidesk.core.progress import NoProgress, Progress, check_cancelled
from foidesk.core.storage.file_store import AttachmentStore

CHUNK = 1 << 20
BUNDLE_FORMAT = "foidesk evidence bundle"
BUNDLE_VERSION = 1
ZIP64_LIMIT = (1 << 31) - 1
#: Already compressed: deflating them again costs time and saves nothing.
_STORED_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".gif", ".zip", ".docx", ".xlsx", ".odt")
LEFT_OUT_ORIGINALS = "left out: the bundle is redacted, and the original emails are not"
LISTED_ATTACHMENTS = (
    "listed only: files cannot be redacted; correspondence.pdf and attachments_listed give "
    "each one's name, size and SHA-256"
)


@dataclass(frozen=True)
class WrittenMember:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class BundleReport:
    """What an export wrote: for the face's message and the command's ``--json``."""

    path: Path
    request_id: int
    size: int
    members: tuple[WrittenMember, ...]
    redacted: bool
    messages: int
    originals: int
    attachments: int


def write_bundle(
    plan: BundlePlan,
    store: AttachmentStore,
    out: Path,
    *,
    redaction: Redaction | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> BundleReport:
    """Write the bundle of ``plan`` to ``out``, atomically; raises ``Cancelled`` (nothing
    left behind) when ``progress`` asks to stop."""
    progress = progress or NoProgress()
    check_target(out, overwrite=overwrite)
    layout = lay_out(plan)
    redact = (
        redactor_for(redaction, plan.own_addresses, plan.detail.messages)
        if redaction is not None
        else Redactor(())
    )
    complete = redaction is None
    copies = [*layout.originals.values(), *layout.attachments.values()] if complete else []
    total = sum(m.size for m in copies) + 1
    job = _Job(plan, layout, store, redact, progress, total, complete, out.parent)
    progress.report(0, job.total, _("Writing the PDF…"))
    pdf = render_pdf(plan, layout, find_fonts(), redact, complete=complete)
    check_cancelled(progress)
    with temporary_beside(out) as (stream, temp):
        written = _write_zip(stream, job, pdf, copies)
        size = stream.tell()
        commit(stream, temp, out)
    progress.report(job.total, job.total)
    return BundleReport(
        path=out,
        request_id=plan.detail.id,
        size=size,
        members=tuple(written),
        redacted=not complete,
        messages=len(plan.detail.messages),
        originals=len(layout.originals) if complete else 0,
        attachments=len(layout.attachments) if complete else 0,
    )


@dataclass(frozen=True)
class _Job:
    plan: BundlePlan
    layout: Layout
    store: AttachmentStore
    redact: Redactor
    progress: Progress
    total: int  # bytes to copy, plus one for the PDF
    complete: bool
    folder: Path  # where the bundle is written, for a disk's refusal


def _write_zip(
    stream: BinaryIO, job: _Job, pdf: bytes, copies: list[Member]
) -> list[WrittenMember]:
    made = job.plan.made_at
    moment = (made.year, made.month, made.day, made.hour, made.minute, made.second)
    written: list[WrittenMember] = []
    try:
        with zipfile.ZipFile(stream, "w", allowZip64=True) as archive:
            written.append(_put(archive, PDF_NAME, [pdf], len(pdf), moment, compress=True))
            done = 0
            for member in copies:
                job.progress.report(done, job.total, member.name)
                chunks = _stored_chunks(job.store, member, job.progress)
                entry = _put(archive, member.name, chunks, member.size, moment, _deflate(member))
                if entry.sha256 != member.sha256 or entry.size != member.size:
                    raise ExportError(_damaged(member))
                written.append(entry)
                done += member.size
            manifest = _manifest(job, written)
            last = _put(archive, MANIFEST_NAME, [manifest], len(manifest), moment, compress=True)
    except OSError as exc:
        raise worded(exc, job.folder) from exc
    return [*written, last]


def _put(
    archive: zipfile.ZipFile,
    name: str,
    chunks: Iterable[bytes],
    size: int,
    moment: tuple[int, int, int, int, int, int],
    compress: bool,
) -> WrittenMember:
    """One member, streamed; its hash and size taken from the bytes that went in."""
    info = zipfile.ZipInfo(name, date_time=moment)
    info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    info.external_attr = 0o100600 << 16  # a private regular file when unzipped
    digest = hashlib.sha256()
    count = 0
    with archive.open(info, "w", force_zip64=size > ZIP64_LIMIT) as member:
        for chunk in chunks:
            digest.update(chunk)
            count += len(chunk)
            member.write(chunk)
    return WrittenMember(name, count, digest.hexdigest())


def _stored_chunks(store: AttachmentStore, member: Member, progress: Progress) -> Iterable[bytes]:
    try:
        source = store.open(member.sha256)
    except FileNotFoundError:
        raise ExportError(
            _("the stored file for {name} is missing: run foidesk check").format(name=member.name)
        ) from None
    with source:
        while chunk := source.read(CHUNK):
            yield chunk
            check_cancelled(progress)


def _deflate(member: Member) -> bool:
    lowered = member.name.lower()
    return not lowered.endswith(_STORED_EXTENSIONS)


def _damaged(member: Member) -> str:
    return _(
        "the stored file for {name} is damaged (its SHA-256 no longer matches): "
        "run foidesk check; no bundle was written"
    ).format(name=member.name)


def _manifest(job: _Job, written: list[WrittenMember]) -> bytes:
    """The manifest, in English whatever the language (a file for machines, like --json)."""
    plan, layout, redact = job.plan, job.layout, job.redact
    summary = plan.detail.summary
    redacted = not job.complete
    document: dict[str, Any] = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "made_at": plan.made_at.isoformat(),
        "made_by": f"foidesk {__version__}",
        "request": {
            "id": summary.id,
            "title": redact(summary.title),
            "authority": redact(summary.authority),
            "regime": summary.regime,
            "reference": redact(summary.reference or "") or None,
            "status": summary.status,
            "messages": len(plan.detail.messages),
        },
        "redacted": redacted,
        "originals": LEFT_OUT_ORIGINALS if redacted else "included",
        "attachments": LISTED_ATTACHMENTS if redacted else "included",
        "members": [{"name": m.name, "size": m.size, "sha256": m.sha256} for m in written],
    }
    if redacted:
        document["attachments_listed"] = [
            {
                "message": member.message_number,
                "name": redact(member.name.removeprefix("attachments/")),
                "size": member.size,
                "sha256": member.sha256,
            }
            for member in layout.attachments.values()
        ]
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
