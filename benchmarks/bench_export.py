"""Exporting: the largest request of a corpus as an evidence bundle, and the whole archive
as CSV tables — wall time and peak memory, each beside a floor measured on the same data.

Run: python benchmarks/bench_export.py [--scale 1000] [--workdir benchmarks/out] [--repeats 3]

The corpus (``corpus.py``) is only read: the benchmark works on a private copy of its
database (SQLite's backup API, from a read-only connection) beside a link to its
attachment store, so nothing of the corpus is written. Each export runs in its own
process (``foidesk export``'s own code path, peak RSS read from ``VmHWM``); times are
medians over ``--repeats`` runs on a warm page cache, foidesk and its floor in turn.

- bundle: ``Desk.export_bundle`` of the request with the most attachment bytes
  (PDF of every message, every file streamed into the ZIP and re-hashed, manifest,
  fsync, rename), against a floor that reads the same stored files once (``cat``
  into nothing): the bytes the bundle must at least move. Its memory is compared with
  the bundle of the smallest request that has files, and with the bundle of a request
  the benchmark makes itself holding one ``--big-mb`` file: streaming keeps it flat.
- tables: ``Desk.export_tables`` as CSV (requests, messages, deadlines from the
  deadline engine, status history), against a floor that writes the same rows' raw
  columns with ``sqlite3`` and ``csv`` (no deadline engine, no date formatting).

The corpus generator does not make original emails, so ``originals/`` is empty here.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure

_PEAK = """
def peak_kb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0
"""

CHILD_BUNDLE = (
    _PEAK
    + """
import sys, time
from pathlib import Path
from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
with Desk.open(resolve_profile(Path(sys.argv[1]))) as desk:
    start = time.perf_counter()
    report = desk.export_bundle(int(sys.argv[2]), Path(sys.argv[3]), overwrite=True)
    print(time.perf_counter() - start, peak_kb(), report.size)
"""
)

CHILD_TABLES = (
    _PEAK
    + """
import sys, time
from pathlib import Path
from foidesk.core.desk import Desk
from foidesk.core.export import TableFormat
from foidesk.core.profile import resolve_profile
with Desk.open(resolve_profile(Path(sys.argv[1]))) as desk:
    start = time.perf_counter()
    report = desk.export_tables(Path(sys.argv[2]), TableFormat.CSV, overwrite=True)
    print(time.perf_counter() - start, peak_kb(), sum(report.rows.values()))
"""
)

CHILD_READ_FLOOR = (
    _PEAK
    + """
import sys, time
start = time.perf_counter()
total = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            total += len(chunk)
print(time.perf_counter() - start, peak_kb(), total)
"""
)

CHILD_TABLES_FLOOR = (
    _PEAK
    + """
import csv, sqlite3, sys, time
from pathlib import Path
QUERIES = {
    "requests": "SELECT r.id, r.title, a.name, a.email, r.regime, r.status, r.reference, "
    "r.sent_on, r.received_on, r.created_at, r.last_activity_at FROM request r "
    "JOIN authority a ON a.id = r.authority_id WHERE r.deleted_at IS NULL ORDER BY r.id",
    "messages": "SELECT m.id, m.request_id, m.direction, m.kind, m.sent_at, m.received_at, "
    "m.from_addr, m.to_addrs, m.cc_addrs, m.subject, m.message_id, m.in_reply_to, "
    "m.raw_sha256, m.filed_by FROM message m JOIN request r ON r.id = m.request_id "
    "WHERE m.deleted_at IS NULL AND r.deleted_at IS NULL ORDER BY m.request_id, m.sort_at, m.id",
    "status_history": "SELECT s.request_id, s.status, s.changed_on, s.note FROM status_change s "
    "JOIN request r ON r.id = s.request_id WHERE r.deleted_at IS NULL ORDER BY s.request_id, s.id",
}
start = time.perf_counter()
db = sqlite3.connect(sys.argv[1])
rows = 0
for name, query in QUERIES.items():
    with open(Path(sys.argv[2]) / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        for row in db.execute(query):
            writer.writerow(row)
            rows += 1
print(time.perf_counter() - start, peak_kb(), rows)
"""
)


CHILD_BUILD_BIG = """
import os, sys
from pathlib import Path
from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.records import NewAttachment, NewMessage, NewRequest
folder, megabytes = Path(sys.argv[1]), int(sys.argv[2])
source = folder / "scan-archive.bin"
with source.open("wb") as f:
    for _ in range(megabytes):
        f.write(os.urandom(1 << 20))
with Desk.open(resolve_profile(folder / "profile")) as desk:
    new = NewRequest(title="Large", authority="Benchmark Council", sent_on=None)
    request = desk.add_request(new)
    files = (NewAttachment("scan-archive.bin", source),)
    message = NewMessage(direction="incoming", kind="response", attachments=files)
    desk.add_message(request.id, message)
    print(request.id)
source.unlink()
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    amount: int


def working_copy(corpus_profile: Path, folder: Path) -> Path:
    """A profile of our own: the database copied (read-only source), files linked."""
    profile = folder / "profile"
    profile.mkdir(parents=True)
    source = sqlite3.connect(f"file:{corpus_profile / 'foidesk.sqlite3'}?mode=ro", uri=True)
    target = sqlite3.connect(profile / "foidesk.sqlite3")
    with target:
        source.backup(target)
    source.close()
    target.close()
    (profile / "foidesk.sqlite3").chmod(0o600)
    marker = corpus_profile / "foidesk-profile.json"
    if marker.exists():
        shutil.copyfile(marker, profile / "foidesk-profile.json")
    (profile / "attachments").symlink_to(corpus_profile / "attachments")
    return profile


def requests_by_file_bytes(database: Path) -> list[tuple[int, int, int]]:
    """(request id, attachment bytes, attachment count) of live requests with files, most first."""
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        return db.execute(
            "SELECT m.request_id, SUM(a.size), COUNT(*) FROM attachment a "
            "JOIN message m ON m.id = a.message_id JOIN request r ON r.id = m.request_id "
            "WHERE m.deleted_at IS NULL AND r.deleted_at IS NULL "
            "GROUP BY m.request_id ORDER BY SUM(a.size) DESC, m.request_id"
        ).fetchall()


def stored_files(database: Path, store: Path, request_id: int) -> list[str]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
        hashes = [
            h
            for (h,) in db.execute(
                "SELECT a.sha256 FROM attachment a JOIN message m ON m.id = a.message_id "
                "WHERE m.request_id = ? AND m.deleted_at IS NULL",
                (request_id,),
            )
        ]
    return [str(store / h[:2] / h[2:4] / h) for h in hashes]


def _child(code: str, *args: str) -> Run:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    seconds, peak_kb, amount = done.stdout.split()
    return Run(float(seconds), int(peak_kb) / 1024, int(amount))


def _median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mb for r in runs),
        runs[0].amount,
    )


def in_turn(pairs: dict[str, tuple[str, ...]], repeats: int) -> dict[str, Run]:
    names = list(pairs)
    runs: dict[str, list[Run]] = {n: [] for n in names}
    for number in range(repeats):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            code, *args = pairs[name]
            runs[name].append(_child(code, *args))
    return {name: _median(found) for name, found in runs.items()}


def big_request(folder: Path, megabytes: int) -> tuple[Path, int]:
    """A profile of the benchmark's own whose one request holds one file of ``megabytes``."""
    folder.mkdir()
    done = subprocess.run(
        [sys.executable, "-c", CHILD_BUILD_BIG, str(folder), str(megabytes)],
        capture_output=True,
        text=True,
        check=True,
    )
    return folder / "profile", int(done.stdout.split()[-1])


def run(context: BenchContext, repeats: int = 3, big_mb: int = 256) -> list[Figure]:
    corpus = ensure_corpus(context)
    with tempfile.TemporaryDirectory(prefix="foidesk-bench-export-") as temp:
        folder = Path(temp)
        profile = working_copy(corpus.profile.data_dir, folder)
        database = profile / "foidesk.sqlite3"
        ranked = requests_by_file_bytes(database)
        largest, largest_bytes, largest_files = ranked[0]
        smallest = ranked[-1][0]
        files = stored_files(database, profile / "attachments", largest)
        tables, floor_tables = folder / "tables", folder / "floor-tables"
        tables.mkdir()
        floor_tables.mkdir()
        measured = in_turn(
            {
                "bundle": (CHILD_BUNDLE, str(profile), str(largest), str(folder / "big.zip")),
                "read floor": (CHILD_READ_FLOOR, *files),
                "tables": (CHILD_TABLES, str(profile), str(tables)),
                "tables floor": (CHILD_TABLES_FLOOR, str(database), str(floor_tables)),
            },
            repeats,
        )
        small = _child(CHILD_BUNDLE, str(profile), str(smallest), str(folder / "small.zip"))
        big_profile, big_id = big_request(folder / "big", big_mb)
        big = _child(CHILD_BUNDLE, str(big_profile), str(big_id), str(folder / "huge.zip"))
    bundle, floor = measured["bundle"], measured["read floor"]
    table, table_floor = measured["tables"], measured["tables floor"]
    mb = largest_bytes / (1 << 20)
    return [
        Figure(
            f"bundle of request {largest} ({largest_files} files, {mb:.1f} MB; ZIP "
            f"{bundle.amount / (1 << 20):.1f} MB)",
            bundle.seconds,
            "s",
            "reading the same files",
            floor.seconds,
        ),
        Figure(
            "bundle peak RSS, largest request",
            bundle.peak_mb,
            "MB",
            f"smallest request with files (#{smallest})",
            small.peak_mb,
            target="flat: within 1.5× of the smallest",
            passed=bundle.peak_mb <= 1.5 * small.peak_mb,
        ),
        Figure(
            f"bundle peak RSS, one {big_mb} MB file (made by the benchmark; {big.seconds:.1f} s)",
            big.peak_mb,
            "MB",
            f"smallest request with files (#{smallest})",
            small.peak_mb,
            target="flat: within 1.5× of the smallest",
            passed=big.peak_mb <= 1.5 * small.peak_mb,
        ),
        Figure(
            f"whole archive as CSV ({table.amount} rows)",
            table.seconds,
            "s",
            "sqlite3 + csv, raw columns",
            table_floor.seconds,
        ),
        Figure("CSV export peak RSS", table.peak_mb, "MB", "floor", table_floor.peak_mb),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--big-mb", type=int, default=256, help="size of the one-file request")
    args = parser.parse_args()
    context = BenchContext(args.workdir.resolve(), args.scale)
    for figure in run(context, args.repeats, args.big_mb):
        against = f"  ({figure.baseline_name}: {figure.baseline:.2f} {figure.unit})"
        verdict = "" if figure.passed is None else ("  ok" if figure.passed else "  NOT MET")
        print(f"{figure.name}: {figure.value:.2f} {figure.unit}{against}{verdict}")


if __name__ == "__main__":
    main()
