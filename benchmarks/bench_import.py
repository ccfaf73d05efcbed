"""Import 1,000 emails, each with two 100 kB attachments, against the bare floor.

The floor is what any importer must do at least: read each file, parse it with
the standard library's ``email`` package, and hash the attachments and the
original bytes. foidesk additionally files each message, stores every file
atomically (temporary name, fsync, rename) with its journal entry, and writes
one database transaction per message. Target: within 3x of the floor, measured
in the same run on the same files (the two take turns, 100 files at a time).

Run: python -m benchmarks.bench_import [--emails N]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import shutil
import time
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure
from foidesk.core.desk import Desk
from foidesk.core.importing.filing import FilingIndex, file_message
from foidesk.core.mail import parse_email_bytes
from foidesk.core.profile import resolve_profile

ATTACHMENT_BYTES = 100 * 1024
TARGET_RATIO = 3.0


def make_emails(folder: Path, count: int, seed: int) -> list[Path]:
    """``count`` .eml files with two incompressible 100 kB PDF-typed attachments each."""
    folder.mkdir(parents=True, exist_ok=True)
    existing = sorted(folder.glob("*.eml"))
    if len(existing) == count:
        return existing
    rng = random.Random(seed)
    paths = []
    for n in range(count):
        message = EmailMessage()
        message["From"] = f"FOI Team <foi{n % 37}@authority{n % 11}.example.gov.uk>"
        message["To"] = "Sam Requester <sam@example.net>"
        message["Subject"] = f"Response to your request FOI-{n:05d}"
        message["Date"] = "Fri, 19 Apr 2024 15:05:00 +0000"
        message["Message-ID"] = f"<bench-{seed}-{n}@example.gov.uk>"
        message.set_content(f"Dear Sam,\n\nPlease find attached our response ({n}).\n")
        for part in range(2):
            message.add_attachment(
                rng.randbytes(ATTACHMENT_BYTES),
                maintype="application",
                subtype="pdf",
                filename=f"annex-{n}-{part}.pdf",
            )
        path = folder / f"{n:05d}.eml"
        path.write_bytes(bytes(message))
        paths.append(path)
    return paths


def bare_floor(paths: list[Path]) -> float:
    """Seconds to read, parse and hash every file with nothing but the standard library."""
    start = time.perf_counter()
    parser = BytesParser(policy=policy.default)
    for path in paths:
        raw = path.read_bytes()
        hashlib.sha256(raw).hexdigest()
        message = parser.parsebytes(raw)
        for part in message.iter_attachments():
            payload = part.get_content()
            data = payload if isinstance(payload, bytes) else str(payload).encode()
            hashlib.sha256(data).hexdigest()
    return time.perf_counter() - start


BATCH = 100


def measure(paths: list[Path], profile_dir: Path) -> tuple[float, float]:
    """Seconds for the floor and for foidesk (into a fresh profile), taking turns a batch
    of files at a time, so that both meet the machine in the same state: on a shared
    VM the disk's speed drifts over a run."""
    shutil.rmtree(profile_dir, ignore_errors=True)
    floor = ours = 0.0
    with Desk.open(resolve_profile(profile_dir)) as desk:
        for start in range(0, len(paths), BATCH):
            batch = paths[start : start + BATCH]
            floor += bare_floor(batch)
            ours += foidesk_import(desk, batch)
    return floor, ours


def foidesk_import(desk: Desk, paths: list[Path]) -> float:
    start = time.perf_counter()
    report = desk.import_paths(paths)
    elapsed = time.perf_counter() - start
    if not report.ok or len(report.files) != len(paths):
        raise RuntimeError("the benchmark import did not take every file")
    return elapsed


def filing_at_scale(context: BenchContext, paths: list[Path]) -> Figure:
    """Filing alone, in the benchmark corpus (``--scale`` requests): what the rules cost
    a heavy user per email, on top of the import above (which starts from an empty
    profile). The index is read once, as an import does."""
    corpus = ensure_corpus(context)
    parsed = [parse_email_bytes(p.read_bytes()) for p in paths]
    with Desk.open(corpus.profile) as desk, desk.db.reading() as session:
        start = time.perf_counter()
        index = FilingIndex.read(session)
        for message in parsed:
            file_message(session, message, index)
        elapsed = time.perf_counter() - start
    requests = corpus.manifest.get("requests", context.scale)
    per_email = elapsed * 1000 / len(paths)
    return Figure(f"filing one email among {requests:,} requests", per_email, "ms")


def run(context: BenchContext, count: int = 1000) -> list[Figure]:
    folder = context.workdir / f"import-{count}-{context.seed}"
    paths = make_emails(folder / "emails", count, context.seed)
    bare_floor(paths[:50])  # warm the page cache and the parser
    floor, ours = measure(paths, folder / "profile")
    ratio = ours / floor
    return [
        Figure(
            f"import {count} .eml (2 x 100 kB attachments)",
            ours * 1000,
            "ms",
            "read + parse + hash (stdlib)",
            floor * 1000,
            f"<= {TARGET_RATIO:g}x floor",
            ratio <= TARGET_RATIO,
        ),
        Figure("import per email", ours * 1000 / count, "ms"),
        filing_at_scale(context, paths),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--emails", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=Path("benchmarks/out"))
    args = parser.parse_args()
    for figure in run(BenchContext(workdir=args.workdir, scale=args.emails), args.emails):
        base = f"  baseline {figure.baseline:.0f} {figure.unit}" if figure.baseline else ""
        ratio = f"  ratio {figure.ratio:.2f}" if figure.ratio else ""
        print(f"{figure.name}: {figure.value:.1f} {figure.unit}{base}{ratio}  {figure.target}")


if __name__ == "__main__":
    main()
