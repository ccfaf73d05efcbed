"""Generate (once) and cache a benchmark profile: N requests with their threads and files.

``ensure_corpus(context)`` returns a ready profile under
``<workdir>/corpus-<scale>-<seed>/``, building it if needed. Everything is
deterministic from the seed. Shape per request (means): 10 messages, 5
attachments of realistic kinds — text PDFs (letters, some with a photo page;
long reports), scanned PDFs, XLSX, DOCX, CSV, JPEG photos, PNG charts,
forwarded .eml — 1% of requests in the trash, 0.5% of messages Unfiled.

Speed: rows go in with SQLAlchemy Core ``executemany`` in transactions of
500 requests (the search triggers stay on, as in real use); files go straight
into the store's content-addressed layout without a per-file fsync — one
``os.sync()`` at the end instead. A build that dies has no ``manifest.json``
and is rebuilt from scratch next time.

Originals of imported emails (``raw_sha256``) are not generated: attachments
already make up the bulk of a profile's bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, insert

from benchmarks import documents
from benchmarks.harness import BenchContext
from benchmarks.prose import Prose, Subject
from benchmarks.vocabulary import DEPARTMENTS, LOCAL_KINDS, PLACES
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.search import ExtractionOptions, extract_pending
from foidesk.core.storage import database as db
from foidesk.core.storage.file_store import AttachmentStore
from foidesk.core.storage.tables import (
    Attachment,
    Authority,
    Blob,
    ClockEventRow,
    Message,
    Request,
    StatusChange,
    Tag,
    request_tag,
)

FLUSH_REQUESTS = 500
TAGS = (
    "press", "court", "appeal", "follow up", "story", "ICO", "urgent", "data", "budget",
    "policing", "health", "housing", "transport", "environment", "schools", "contracts",
)  # fmt: skip
STATUSES = (
    ("successful", 28), ("partially_successful", 20), ("waiting_response", 14),
    ("rejected", 12), ("not_held", 8), ("internal_review", 5), ("waiting_clarification", 3),
    ("closed", 4), ("user_withdrawn", 2), ("complaint", 2), ("gone_postal", 1),
    ("error_message", 1),
)  # fmt: skip
ATTACHMENT_KINDS = (
    ("letter", 36), ("report", 6), ("scan", 8), ("xlsx", 14), ("docx", 10), ("csv", 4),
    ("photo", 12), ("chart", 6), ("eml", 4),
)  # fmt: skip
START = date(2019, 1, 1)


@dataclass(frozen=True)
class Corpus:
    folder: Path
    profile: Profile
    manifest: dict[str, Any]


def ensure_corpus(context: BenchContext) -> Corpus:
    """The cached corpus for this scale and seed, built (and its text extracted) if missing."""
    folder = context.workdir / f"corpus-{context.scale}-{context.seed}"
    manifest_path = folder / "manifest.json"
    profile = resolve_profile(folder / "profile")
    if not manifest_path.exists():
        shutil.rmtree(folder, ignore_errors=True)
        manifest = build(profile, context.scale, context.seed)
        manifest["extraction"] = _extract_all(profile)
        folder.mkdir(parents=True, exist_ok=True)
        manifest_path.write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return Corpus(folder, profile, json.loads(manifest_path.read_text(encoding="utf-8")))


def build(profile: Profile, scale: int, seed: int) -> dict[str, Any]:
    started = time.perf_counter()
    Desk.open(profile).close()  # create and migrate the schema
    engine = db.make_engine(profile.database_url)
    store = AttachmentStore(profile.attachments_dir)
    try:
        writer = _Writer(engine, store, seed)
        writer.authorities()
        for index in range(scale):
            writer.request(index)
            if (index + 1) % FLUSH_REQUESTS == 0:
                writer.flush()
                elapsed = time.perf_counter() - started
                _say(f"corpus {scale}: {index + 1} requests ({elapsed:.0f} s)")
        writer.flush()
    finally:
        engine.dispose()
    os.sync()
    return writer.manifest(scale, seed, time.perf_counter() - started, profile)


def _extract_all(profile: Profile) -> dict[str, Any]:
    options = ExtractionOptions()
    with Desk.open(profile) as desk:
        report = extract_pending(desk, options=options)
    return {
        "workers": options.workers,
        "files": report.files_read,
        "megabytes": round(report.bytes_read / 1e6, 1),
        "seconds": round(report.seconds, 1),
        "megabytes_per_second": round(report.megabytes_per_second, 2),
        "states": report.states,
        "measured_on": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


class _Writer:
    """Accumulates rows and files for a batch of requests, then writes them in one go."""

    def __init__(self, engine: Engine, store: AttachmentStore, seed: int) -> None:
        self.engine = engine
        self.store = store
        self.seed = seed
        self.rows: dict[str, list[dict[str, Any]]] = {}
        self.blobs: set[str] = set()
        self.ids = {"message": 0, "attachment": 0, "status": 0, "event": 0}
        self.kind_counts: dict[str, list[int]] = {}
        self.messages = 0
        self.attachment_count = 0
        photos, charts, scan = documents.image_pool(seed, jpegs=24, pngs=12)
        self.photos, self.charts, self.scan = photos, charts, scan
        self.authority_ids: list[tuple[int, str, str]] = []

    # --- authorities and tags -------------------------------------------------------

    def authorities(self) -> None:
        rng = random.Random(f"{self.seed}:authorities")
        named = list(DEPARTMENTS)
        for place in sorted(set(PLACES)):
            for kind, regime in rng.sample(LOCAL_KINDS, 2):
                named.append((kind.format(place=place), regime))
        rows = []
        for ident, (name, regime) in enumerate(named, start=1):
            slug = "".join(c for c in name.lower() if c.isalnum())[:40]
            email = f"foi@{slug}.example.org"
            rows.append({
                "id": ident, "name": name, "email": email, "default_regime": regime,
                "is_school": False, "notes": "", "created_at": _moment(START),
            })  # fmt: skip
            self.authority_ids.append((ident, name, email))
        tags = [{"id": i, "name": name} for i, name in enumerate(TAGS, start=1)]
        with self.engine.begin() as conn:
            conn.execute(insert(Authority), rows)
            conn.execute(insert(Tag), tags)

    # --- one request ----------------------------------------------------------------

    def request(self, index: int) -> None:
        rng = random.Random(f"{self.seed}:request:{index}")
        prose = Prose(rng)
        request_id = index + 1
        authority_id, authority, email = rng.choice(self.authority_ids)
        sent = START + timedelta(days=rng.randrange(6 * 365))
        subject = prose.subject(sent.year)
        title = prose.title(subject)
        reference = f"FOI/{sent.year}/{request_id:05d}"
        requester = prose.person()
        status = rng.choices([s for s, _ in STATUSES], weights=[w for _, w in STATUSES])[0]
        body = prose.request_body(subject, authority, requester)
        notes = prose.filler() if rng.random() < 0.3 else ""
        trashed = _moment(sent + timedelta(days=90)) if rng.random() < 0.01 else None
        self._add("request", {
            "id": request_id, "title": title, "authority_id": authority_id,
            "regime": _regime(authority), "sent_on": sent, "body": body,
            "reference": reference, "status": status, "notes": notes,
            "created_at": _moment(sent), "updated_at": _moment(sent),
            "last_activity_at": _moment(sent), "deleted_at": trashed,
        })  # fmt: skip
        self._history(request_id, sent, status, rng)
        thread = _Thread(self, prose, request_id, subject, reference, email, requester, sent)
        last = thread.write(title, body, rng.gauss(10.2, 3), rng.gauss(5.4, 2.5))
        self.rows["request"][-1]["last_activity_at"] = last

    def _history(self, request_id: int, sent: date, status: str, rng: random.Random) -> None:
        changes = [("waiting_response", sent)]
        if status != "waiting_response":
            changes.append((status, sent + timedelta(days=rng.randint(10, 60))))
        for value, on in changes:
            self.ids["status"] += 1
            self._add("status_change", {
                "id": self.ids["status"], "request_id": request_id, "status": value,
                "changed_on": on, "recorded_at": _moment(on), "note": "",
            })  # fmt: skip
        for tag in rng.sample(range(1, len(TAGS) + 1), rng.choice((0, 0, 0, 1, 1, 2))):
            self._add("request_tag", {"request_id": request_id, "tag_id": tag})
        if rng.random() < 0.1:
            self.ids["event"] += 1
            on = sent + timedelta(days=rng.randint(15, 25))
            self._add("clock_event", {
                "id": self.ids["event"], "request_id": request_id, "kind": "extension",
                "on": on, "until": on + timedelta(days=20),
                "note": "public interest extension", "recorded_at": _moment(on),
            })  # fmt: skip

    # --- rows and files ---------------------------------------------------------------

    def _add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def store_file(self, data: bytes) -> tuple[str, int]:
        sha256 = hashlib.sha256(data).hexdigest()
        if sha256 not in self.blobs:
            self.blobs.add(sha256)
            path = self.store.path_for(sha256)
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.store.staging / f"{sha256}.part"
            partial.write_bytes(data)
            partial.replace(path)
            self._add("blob", {"sha256": sha256, "size": len(data), "created_at": _moment(START)})
        return sha256, len(data)

    def count_kind(self, kind: str, size: int) -> None:
        tally = self.kind_counts.setdefault(kind, [0, 0])
        tally[0] += 1
        tally[1] += size

    def flush(self) -> None:
        tables = (
            ("request", Request), ("status_change", StatusChange), ("request_tag", request_tag),
            ("clock_event", ClockEventRow), ("message", Message), ("blob", Blob),
            ("attachment", Attachment),
        )  # fmt: skip
        with self.engine.begin() as conn:
            for name, table in tables:
                if self.rows.get(name):
                    conn.execute(insert(table), self.rows[name])
        self.rows = {}

    def manifest(self, scale: int, seed: int, seconds: float, profile: Profile) -> dict[str, Any]:
        files = sum(p.stat().st_size for p in profile.attachments_dir.rglob("*") if p.is_file())
        sqlite = profile.sqlite_path
        return {
            "scale": scale,
            "seed": seed,
            "requests": scale,
            "messages": self.messages,
            "attachments": self.attachment_count,
            "attachment_kinds": {
                kind: {"files": n, "bytes": size}
                for kind, (n, size) in sorted(self.kind_counts.items())
            },
            "attachment_bytes": files,
            "database_bytes": sqlite.stat().st_size if sqlite else None,
            "generation_seconds": round(seconds, 1),
            "generated_on": datetime.now(UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
        }


class _Thread:
    """One request's correspondence: who wrote what when, and the files it carried."""

    def __init__(
        self,
        writer: _Writer,
        prose: Prose,
        request_id: int,
        subject: Subject,
        reference: str,
        authority_email: str,
        requester: str,
        sent: date,
    ) -> None:
        self.w = writer
        self.prose = prose
        self.rng = prose.rng
        self.request_id = request_id
        self.subject = subject
        self.reference = reference
        self.authority_email = authority_email
        self.requester = f"{requester} <{requester.split()[0].lower()}@example.net>"
        self.clock = datetime.combine(sent, datetime.min.time(), tzinfo=UTC)

    def write(self, title: str, body: str, messages: float, attachments: float) -> datetime:
        plan = _plan(self.rng, max(3, min(18, round(messages))))
        carriers = [i for i, (direction, _) in enumerate(plan) if direction == "incoming"][1:]
        files = max(0, min(14, round(attachments))) if carriers else 0
        unfiled = self.rng.random() < 0.005
        for position, (direction, kind) in enumerate(plan):
            text = body if kind == "request" else self._text(kind)
            message_id = self._message(title, direction, kind, text, unfiled and position > 0)
            count = files if carriers and position == carriers[0] else 0
            count = count if self.rng.random() < 0.85 else 0
            if not count and position in carriers[1:] and files and self.rng.random() < 0.2:
                count = 1
            for slot in range(count):
                self._attachment(message_id, slot)
        return self.clock

    def _text(self, kind: str) -> str:
        if kind == "acknowledgement":
            return self.prose.acknowledgement(self.reference, "We")
        if kind == "note":
            return self.prose.paragraph(self.subject, (1, 3))
        return self.prose.reply(self.subject, self.reference, (1, 4))

    def _message(self, title: str, direction: str, kind: str, text: str, unfiled: bool) -> int:
        self.clock += timedelta(days=self.rng.randint(0, 9), minutes=self.rng.randint(1, 1440))
        self.w.ids["message"] += 1
        self.w.messages += 1
        ident = self.w.ids["message"]
        sender, receiver = (self.requester, self.authority_email)
        if direction == "incoming":
            sender, receiver = receiver, sender
        prefix = "" if kind == "request" else "RE: "
        self.w._add("message", {
            "id": ident, "request_id": None if unfiled else self.request_id,
            "direction": direction, "kind": kind, "sent_at": self.clock,
            "received_at": self.clock, "sort_at": self.clock, "from_addr": sender,
            "to_addrs": receiver, "cc_addrs": "",
            "subject": f"{prefix}Freedom of Information request - {title} [{self.reference}]",
            "body_text": text, "body_html": None,
            "message_id": f"<{self.w.seed}.{ident}@corpus.example>", "in_reply_to": None,
            "references": "", "raw_sha256": None, "raw_format": "eml",
            "filed_by": "generated", "created_at": self.clock, "deleted_at": None,
        })  # fmt: skip
        return ident

    def _attachment(self, message_id: int, position: int) -> None:
        kinds, weights = zip(*ATTACHMENT_KINDS, strict=True)
        kind = self.rng.choices(kinds, weights=weights)[0]
        filename, media_type, data = self._file(kind, message_id, position)
        sha256, size = self.w.store_file(data)
        self.w.ids["attachment"] += 1
        self.w.attachment_count += 1
        self.w.count_kind(kind, size)
        self.w._add("attachment", {
            "id": self.w.ids["attachment"], "message_id": message_id, "position": position,
            "filename": filename, "media_type": media_type, "size": size, "sha256": sha256,
            "text_state": "pending", "text_error": None,
        })  # fmt: skip

    def _file(self, kind: str, message_id: int, position: int) -> tuple[str, str, bytes]:
        unique = f"{self.w.seed}/{message_id}/{position}"
        s, p, rng = self.subject, self.prose, self.rng
        stem = f"{self.reference.replace('/', '-')} {s.phrase}"[:60]
        if kind == "letter":
            pages = p.letter_pages(s, self.reference, rng.randint(1, 6))
            data = documents.pdf_text(pages, unique)
            return f"{stem} response.pdf", "application/pdf", data
        if kind == "report":
            pages = p.letter_pages(s, self.reference, rng.randint(10, 40))
            return f"{stem} report.pdf", "application/pdf", documents.pdf_text(pages, unique)
        if kind == "scan":
            data = documents.pdf_scan(self.w.scan, *documents.SCAN_SIZE, unique)
            return f"{stem} signed letter.pdf", "application/pdf", data
        if kind in ("xlsx", "csv"):
            rows = p.data_rows(s, rng.randint(50, 1500 if kind == "xlsx" else 800))
            if kind == "csv":
                return f"{stem} data.csv", "text/csv", documents.csv_bytes(rows)
            return f"{stem} data.xlsx", _XLSX, documents.xlsx(rows)
        if kind == "docx":
            paragraphs = [p.paragraph(s) for _ in range(rng.randint(5, 30))]
            return f"{stem} policy.docx", _DOCX, documents.docx(f"Policy: {s.phrase}", paragraphs)
        if kind == "photo":
            data = documents.unique_jpeg(rng.choice(self.w.photos), unique)
            return f"photo {position + 1}.jpg", "image/jpeg", data
        if kind == "chart":
            data = documents.unique_png(rng.choice(self.w.charts), unique)
            return f"{stem} chart.png", "image/png", data
        body = p.reply(s, self.reference, (1, 3))
        data = documents.eml(self.authority_email, "foi-team@example.org", f"Fwd: {s.phrase}",
                             "Mon, 04 Mar 2024 10:00:00 +0000", body)  # fmt: skip
        return f"{stem} internal email.eml", "message/rfc822", data


_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _plan(rng: random.Random, length: int) -> list[tuple[str, str]]:
    plan = [("outgoing", "request"), ("incoming", "acknowledgement")]
    if rng.random() < 0.2:
        plan += [("incoming", "clarification_request"), ("outgoing", "clarification")]
    plan.append(("incoming", "response"))
    while len(plan) < length:
        roll = rng.random()
        if roll < 0.1:
            plan.append(("outgoing", "note"))
        elif roll < 0.2 and ("outgoing", "internal_review_request") not in plan:
            plan += [("outgoing", "internal_review_request"),
                     ("incoming", "internal_review_response")]  # fmt: skip
        else:
            plan += [("outgoing", "follow_up"), ("incoming", "response")]
    return plan[:length]


def _regime(authority: str) -> str:
    for name, regime in DEPARTMENTS:
        if name == authority:
            return regime
    scottish = authority.endswith(" Council") and " " not in authority.removesuffix(" Council")
    return "scot-foisa" if scottish else "uk-foia"


def _moment(day: date) -> datetime:
    return datetime.combine(day, datetime.min.time(), tzinfo=UTC)


def main() -> None:
    """``python -m benchmarks.corpus [--scale N] [--seed S]``: build (or find) and describe one."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=BenchContext.seed)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    corpus = ensure_corpus(BenchContext(args.workdir, args.scale, args.seed))
    print(json.dumps(corpus.manifest, indent=2))


if __name__ == "__main__":
    main()
