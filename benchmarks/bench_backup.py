"""Backup and restore of a large profile, against ``tar`` of the same files, and peak memory.

Run: python benchmarks/bench_backup.py [--gb 2] [--repeats 3] [--workdir DIR]

Builds a profile holding ``--gb`` GB of attachments (file sizes log-uniform from
50 kB to 20 MB; mostly incompressible PDF/DOCX/JPEG-like content, a few percent
compressible CSV and mail text), then, in the same run and on the same files:

- backup: ``write_backup`` (snapshot, ZIP, fsync, full verification, rename) against
  ``tar -cf`` of the database and the attachment folder — and against ``tar -cf``
  followed by an fsync of the tar file, since a backup is not done until it is on disk;
- restore: ``restore_backup`` (checks, unpack with hashes, fsync, switch) against
  ``tar -xf`` — and ``tar -xf`` followed by ``sync``;
- peak RSS of the backup and the restore process, at this size and at a quarter of
  it: memory must not grow with the profile.

Each foidesk operation runs in its own process (peak RSS read with ``wait4``); times
are medians over ``--repeats`` runs on a warm page cache, foidesk and tar taking turns
to go first.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import BenchContext, Figure

ROOT = Path(__file__).resolve().parent.parent

MIN_SIZE, MAX_SIZE = 50_000, 20_000_000
MAX_TEXT_SIZE = 4_000_000
GB = 1 << 30
SCALE_BYTES = 100 << 20  # BenchContext.scale 1 = 100 MiB of attachments (20 for the issue)

# (extension, share of files, leading bytes, compressible)
KINDS: tuple[tuple[str, float, bytes, bool], ...] = (
    ("pdf", 0.55, b"%PDF-1.7\n", False),
    ("docx", 0.10, b"PK\x03\x04", False),
    ("jpg", 0.10, b"\xff\xd8\xff\xe0", False),
    ("bin", 0.05, b"", False),  # unknown type: found incompressible by sampling
    ("csv", 0.12, b"", True),
    ("eml", 0.08, b"", True),
)

DATABASE_FILE = "foidesk.sqlite3"

# Each child prints its own time and its peak RSS (VmHWM: this process image only).
_PEAK = """
def peak_kb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0
"""

CHILD_BACKUP = (
    _PEAK
    + """
import sys, time
from pathlib import Path
from foidesk.core.backup import write_backup
from foidesk.core.profile import resolve_profile
start = time.perf_counter()
write_backup(resolve_profile(sys.argv[1]), Path(sys.argv[2]))
print(time.perf_counter() - start, peak_kb())
"""
)

CHILD_RESTORE = (
    _PEAK
    + """
import sys, time
from pathlib import Path
from foidesk.core.backup import restore_backup
from foidesk.core.profile import resolve_profile
start = time.perf_counter()
restore_backup(Path(sys.argv[1]), resolve_profile(sys.argv[2]))
print(time.perf_counter() - start, peak_kb())
"""
)

CHILD_BUILD = """
import sys
from pathlib import Path
from benchmarks.bench_backup import build_profile
build_profile(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_rss_mb: float


# --- building the profile ---------------------------------------------------------------


def build_profile(folder: Path, total_bytes: int, seed: int) -> None:
    """A profile whose attachments add up to ``total_bytes``, made through the Desk."""
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.core.records import NewAttachment, NewMessage, NewRequest

    rng = random.Random(seed)
    profile = resolve_profile(folder)
    with Desk.open(profile) as desk:
        request_id = desk.add_request(
            NewRequest(title="Benchmark request", authority="Benchmark Council", sent_on=None)
        ).id
        written = 0
        number = 0
        while written < total_bytes:
            files = []
            for _ in range(rng.randint(1, 4)):
                name, data = _attachment(rng, number)
                files.append(NewAttachment(name, data))
                written += len(data)
                number += 1
            desk.add_message(
                request_id,
                NewMessage(
                    direction="incoming",
                    kind="response",
                    sent_at=datetime.now(UTC),
                    subject=f"Response part {number}",
                    attachments=tuple(files),
                ),
            )


def _attachment(rng: random.Random, number: int) -> tuple[str, bytes]:
    extension, _, head, compressible = rng.choices(KINDS, weights=[k[1] for k in KINDS])[0]
    size = int(MIN_SIZE * (MAX_SIZE / MIN_SIZE) ** rng.random())
    if compressible:
        data = _text(rng, extension, min(size, MAX_TEXT_SIZE))
    else:
        data = head + rng.randbytes(size - len(head))
    return f"file-{number}.{extension}", data


DEPARTMENTS = ("Housing", "Planning", "Education", "Highways", "Social Care", "Finance")
OUTCOMES = ("Approved", "Refused", "Pending", "Withdrawn", "Referred")
MAIL_LINES = (
    "Dear Requester,",
    "Thank you for your request for information, which we received on {day}.",
    "We hold some of the information you asked for; it is attached.",
    "Part of the information is withheld under section {section} of the Act.",
    "If you are unhappy with this response you may ask for an internal review.",
    "> On {day}, you wrote: please send the figures for {dept} for {year}.",
    "Yours sincerely, Information Governance Team",
)


def _text(rng: random.Random, kind: str, size: int) -> bytes:
    """CSV exports and mail text, as varied as the real ones (deflate to about a third)."""
    lines = []
    length = 0
    while length < size:
        day = f"{2018 + rng.randrange(7)}-{1 + rng.randrange(12):02d}-{1 + rng.randrange(28):02d}"
        if kind == "csv":
            line = (
                f"{rng.randrange(10**6)},{day},{rng.choice(DEPARTMENTS)},{rng.choice(OUTCOMES)},"
                f"{rng.randrange(10**7) / 100:.2f},REF{rng.randrange(10**6):06d}\n"
            )
        else:
            template = rng.choice(MAIL_LINES)
            line = template.format(
                day=day,
                section=rng.randrange(21, 45),
                dept=rng.choice(DEPARTMENTS),
                year=rng.randrange(2015, 2025),
            )
            line += "\n"
        lines.append(line)
        length += len(line)
    return "".join(lines).encode("ascii")[:size]


def attachment_bytes(profile: Path) -> int:
    return sum(p.stat().st_size for p in (profile / "attachments").rglob("*") if p.is_file())


# --- measuring --------------------------------------------------------------------------


def run_child(code: str, *args: str) -> Run:
    """Run foidesk code in a fresh process; its own timing and peak RSS.

    The peak is the child's VmHWM where /proc exists, else ``wait4``'s ru_maxrss (which
    on Linux also counts the parent's size at fork, hence the preference).
    """
    _sync()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-c", code, *args], stdout=subprocess.PIPE, env=env, text=True
    )
    assert child.stdout is not None
    output = child.stdout.read().split()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"child failed with {child.returncode}")
    if not output:
        return Run(0.0, usage.ru_maxrss / 1024)
    seconds, peak_kb = float(output[0]), int(output[1])
    return Run(seconds, (peak_kb or usage.ru_maxrss) / 1024)


def _sync() -> None:
    """Start every measurement with no dirty pages left by the one before."""
    subprocess.run(["sync"], check=True)


def timed(action: Callable[[], object]) -> float:
    _sync()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def tar_create(profile: Path, target: Path, *, durable: bool) -> float:
    def work() -> None:
        subprocess.run(
            ["tar", "-cf", str(target), "-C", str(profile), DATABASE_FILE, "attachments"],
            check=True,
        )
        if durable:
            with target.open("rb") as handle:
                os.fsync(handle.fileno())

    return timed(work)


def tar_extract(archive: Path, folder: Path, *, durable: bool) -> float:
    def work() -> None:
        folder.mkdir()
        subprocess.run(["tar", "-xf", str(archive), "-C", str(folder)], check=True)
        if durable:
            subprocess.run(["sync"], check=True)

    return timed(work)


def warm(profile: Path) -> None:
    """Read every file once so that every contender starts from the same page cache."""
    for path in profile.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                while handle.read(1 << 20):
                    pass


@dataclass(frozen=True)
class Measures:
    backup: list[Run]
    restore: list[Run]
    tar_c: list[float]
    tar_c_sync: list[float]
    tar_x: list[float]
    tar_x_sync: list[float]
    backup_size: int


def measure(profile: Path, scratch: Path, repeats: int) -> Measures:
    """Rounds alternate who goes first (tar, then foidesk; then the other way round), so
    that neither always meets the disk just after the other's gigabytes of writes."""
    warm(profile)
    rounds = []
    for index in range(repeats):
        round_dir = scratch / f"round-{index}"
        round_dir.mkdir()
        rounds.append(one_round(profile, round_dir, foidesk_first=bool(index % 2)))
        shutil.rmtree(round_dir)
    return Measures(
        backup=[r.backup for r in rounds],
        restore=[r.restore for r in rounds],
        tar_c=[r.tar_c for r in rounds],
        tar_c_sync=[r.tar_c_sync for r in rounds],
        tar_x=[r.tar_x for r in rounds],
        tar_x_sync=[r.tar_x_sync for r in rounds],
        backup_size=rounds[-1].backup_size,
    )


@dataclass(frozen=True)
class Round:
    backup: Run
    restore: Run
    tar_c: float
    tar_c_sync: float
    tar_x: float
    tar_x_sync: float
    backup_size: int


def one_round(profile: Path, folder: Path, *, foidesk_first: bool) -> Round:
    tar = folder / "profile.tar"
    target = folder / "profile.foidesk-backup"

    def tar_c() -> tuple[float, float]:
        plain = tar_create(profile, tar, durable=False)
        tar.unlink()
        return plain, tar_create(profile, tar, durable=True)

    def tar_x() -> tuple[float, float]:
        plain = tar_extract(tar, folder / "untar", durable=False)
        return plain, tar_extract(tar, folder / "untar-sync", durable=True)

    if foidesk_first:
        backup = run_child(CHILD_BACKUP, str(profile), str(target))
        tar_times = tar_c()
        restore = run_child(CHILD_RESTORE, str(target), str(folder / "restored"))
        untar_times = tar_x()
    else:
        tar_times = tar_c()
        backup = run_child(CHILD_BACKUP, str(profile), str(target))
        untar_times = tar_x()
        restore = run_child(CHILD_RESTORE, str(target), str(folder / "restored"))
    return Round(backup, restore, *tar_times, *untar_times, target.stat().st_size)


def median(values: list[float]) -> float:
    return statistics.median(values)


def figures(big: Measures, small: Measures, big_gb: float, small_gb: float) -> list[Figure]:
    backup = median([r.seconds for r in big.backup])
    restore = median([r.seconds for r in big.restore])
    rss_growth = max(r.peak_rss_mb for r in big.backup) - max(r.peak_rss_mb for r in small.backup)
    return [
        Figure("backup incl. verify", backup, "s", "tar -cf", median(big.tar_c), "<= 2x"),
        Figure(
            "backup incl. verify", backup, "s", "tar -cf + fsync", median(big.tar_c_sync), "<= 2x"
        ),
        Figure("restore", restore, "s", "tar -xf", median(big.tar_x), "<= 2x"),
        Figure("restore", restore, "s", "tar -xf + sync", median(big.tar_x_sync), "<= 2x"),
        Figure(
            f"backup peak RSS at {big_gb:g} GB",
            max(r.peak_rss_mb for r in big.backup),
            "MB",
            f"at {small_gb:g} GB",
            max(r.peak_rss_mb for r in small.backup),
            "flat",
        ),
        Figure(
            f"restore peak RSS at {big_gb:g} GB",
            max(r.peak_rss_mb for r in big.restore),
            "MB",
            f"at {small_gb:g} GB",
            max(r.peak_rss_mb for r in small.restore),
            "flat",
        ),
        Figure("backup RSS growth", rss_growth, "MB", target="< 32 MB", passed=rss_growth < 32),
    ]


def bench(workdir: Path, total_bytes: int, repeats: int, seed: int) -> list[Figure]:
    free = shutil.disk_usage(workdir).free
    needed = int(total_bytes * 1.25 * 6)
    if free < needed:
        raise SystemExit(f"{workdir} has {free >> 30} GB free; this run needs {needed >> 30} GB")
    small_bytes = total_bytes // 4
    with tempfile.TemporaryDirectory(dir=workdir, prefix="bench-backup-") as tmp:
        scratch = Path(tmp)
        small_profile = build(scratch / "small", small_bytes, seed)
        small = measure(small_profile, _fresh(scratch / "small-runs"), 1)
        shutil.rmtree(small_profile)
        big_profile = build(scratch / "big", total_bytes, seed + 1)
        print(f"profile: {attachment_bytes(big_profile) / GB:.2f} GB of attachments", flush=True)
        big = measure(big_profile, _fresh(scratch / "big-runs"), repeats)
        print(f"backup file: {big.backup_size / GB:.2f} GB", flush=True)
        show_runs(big)
    return figures(big, small, total_bytes / GB, small_bytes / GB)


def build(folder: Path, total_bytes: int, seed: int) -> Path:
    """Built in a child process, so that this one stays small."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", CHILD_BUILD, str(folder), str(total_bytes), str(seed)]
    subprocess.run(command, check=True, env=env)
    return folder


def show_runs(measures: Measures) -> None:
    """Every run, not only the medians: this kind of machine is noisy."""
    runs = {
        "backup": [r.seconds for r in measures.backup],
        "tar -cf": measures.tar_c,
        "tar -cf + fsync": measures.tar_c_sync,
        "restore": [r.seconds for r in measures.restore],
        "tar -xf": measures.tar_x,
        "tar -xf + sync": measures.tar_x_sync,
    }
    for name, seconds in runs.items():
        print(f"  {name:16} " + "  ".join(f"{s:6.2f}" for s in seconds), flush=True)


def _fresh(folder: Path) -> Path:
    folder.mkdir()
    return folder


def run(context: BenchContext) -> list[Figure]:
    """Harness entry point: ``context.scale`` × 100 MiB of attachments."""
    return bench(context.workdir, context.scale * SCALE_BYTES, 3, context.seed)


def show(result: list[Figure]) -> None:
    for figure in result:
        line = f"{figure.name:34} {figure.value:8.2f} {figure.unit}"
        if figure.baseline is not None:
            line += f"   vs {figure.baseline_name}: {figure.baseline:.2f} {figure.unit}"
            if figure.unit == "s" and figure.ratio is not None:
                line += f"   ratio {figure.ratio:.2f} (target {figure.target})"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=2.0, help="GB of attachments (default 2)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--seed", type=int, default=20241128)
    args = parser.parse_args()
    show(bench(args.workdir, int(args.gb * GB), args.repeats, args.seed))


if __name__ == "__main__":
    main()
