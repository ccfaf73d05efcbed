"""Backup and verify of corpus profiles (1,000 and 10,000 requests), as whole processes.

Run: python benchmarks/bench_backup_scale.py PROFILE [PROFILE ...] [--rounds 5] [--workdir DIR]

Each PROFILE is a profile folder, such as ``benchmarks/out/corpus-1000-20241128/profile``
(``python -m benchmarks.corpus --scale 1000`` makes one). ``backup create`` writes a
setting into the profile, so point it at a copy of a corpus others also use. Per round,
taking turns to go first, on the same files and the same disk:

- ``foidesk backup create --to DIR`` (snapshot, ZIP, fsync, full verification, rename)
  against ``tar -cf`` of the database and the attachment folder followed by ``sync``;
- ``foidesk backup verify FILE`` against ``sha256sum`` of the database and every
  attachment;
- the peak RSS of each foidesk process (``wait4``).

Medians of the rounds; the first profile given is the small one for the scaling figures.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOIDESK = Path(sys.executable).with_name("foidesk")
DATABASE_FILE = "foidesk.sqlite3"


@dataclass(frozen=True)
class Timed:
    seconds: float
    peak_rss_mb: float = 0.0


@dataclass
class Rounds:
    create: list[Timed]
    tar: list[Timed]
    verify: list[Timed]
    sha256sum: list[Timed]
    files: int
    size: int


def timed(command: list[str], *, then_sync: bool = False) -> Timed:
    """Wall time of ``command`` (and of a ``sync`` after it), and the command's peak RSS."""
    subprocess.run(["sync"], check=True)
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    if then_sync:
        subprocess.run(["sync"], check=True)
    seconds = time.perf_counter() - start
    assert child.stderr is not None
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{command[0]} failed: {child.stderr.read().decode()}")
    child.stderr.close()
    return Timed(seconds, usage.ru_maxrss / 1024)


def attachment_files(profile: Path) -> list[str]:
    return sorted(str(p) for p in (profile / "attachments").rglob("*") if p.is_file())


def one_round(profile: Path, folder: Path, files_list: Path, *, foidesk_first: bool) -> list[Timed]:
    """[create, tar + sync, verify, sha256sum] for one round."""
    target = folder / "backups"
    tarball = folder / "profile.tar"

    def create() -> Timed:
        shutil.rmtree(target, ignore_errors=True)
        return timed(
            [str(FOIDESK), "--data-dir", str(profile), "backup", "create", "--to", str(target)]
        )

    def tar() -> Timed:
        tarball.unlink(missing_ok=True)
        command = ["tar", "-cf", str(tarball), "-C", str(profile), DATABASE_FILE, "attachments"]
        return timed(command, then_sync=True)

    def verify() -> Timed:
        [backup] = target.glob("*.foidesk-backup")
        return timed([str(FOIDESK), "backup", "verify", str(backup)])

    def sha256sum() -> Timed:
        command = ["sh", "-c", f"xargs -0 sha256sum < {files_list} > /dev/null"]
        return timed(command)

    if foidesk_first:
        made, floor = create(), tar()
        checked, hashed = verify(), sha256sum()
    else:
        floor, made = tar(), create()
        hashed, checked = sha256sum(), verify()
    return [made, floor, checked, hashed]


def measure(profile: Path, workdir: Path, rounds: int) -> Rounds:
    files = [str(profile / DATABASE_FILE), *attachment_files(profile)]
    size = sum(Path(f).stat().st_size for f in files)
    results: list[list[Timed]] = []
    with tempfile.TemporaryDirectory(dir=workdir, prefix="bench-backup-scale-") as tmp:
        folder = Path(tmp)
        files_list = folder / "files"
        files_list.write_bytes(b"\0".join(f.encode() for f in files))
        for path in files:  # every contender starts from the same page cache
            with Path(path).open("rb") as handle:
                while handle.read(1 << 20):
                    pass
        for index in range(rounds):
            results.append(one_round(profile, folder, files_list, foidesk_first=bool(index % 2)))
            print(f"  round {index + 1}: " + "  ".join(f"{r.seconds:6.2f}" for r in results[-1]),
                  flush=True)  # fmt: skip
    create, tar, verify, hashed = (list(column) for column in zip(*results, strict=True))
    return Rounds(create, tar, verify, hashed, len(files) - 1, size)


def median(values: list[Timed]) -> float:
    return statistics.median(v.seconds for v in values)


def report(name: str, rounds: Rounds) -> dict[str, float]:
    figures = {
        "create": median(rounds.create),
        "tar": median(rounds.tar),
        "verify": median(rounds.verify),
        "sha256sum": median(rounds.sha256sum),
        "create_rss": max(r.peak_rss_mb for r in rounds.create),
        "verify_rss": max(r.peak_rss_mb for r in rounds.verify),
    }
    print(
        f"{name}: {rounds.files} files, {rounds.size / 1e9:.2f} GB\n"
        f"  backup create {figures['create']:6.2f} s   tar -cf + sync {figures['tar']:6.2f} s   "
        f"ratio {figures['create'] / figures['tar']:.2f} (target <= 2)\n"
        f"  backup verify {figures['verify']:6.2f} s   "
        f"sha256sum      {figures['sha256sum']:6.2f} s   "
        f"ratio {figures['verify'] / figures['sha256sum']:.2f} (target <= 1.5)\n"
        f"  peak RSS: create {figures['create_rss']:.1f} MB, verify {figures['verify_rss']:.1f} MB",
        flush=True,
    )  # fmt: skip
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("profiles", nargs="+", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    print(f"order per round: create, tar + sync, verify, sha256sum ({os.cpu_count()} CPUs)")
    measured = []
    for profile in args.profiles:
        print(f"{profile}:", flush=True)
        measured.append(report(str(profile), measure(profile.resolve(), args.workdir, args.rounds)))
    if len(measured) > 1:
        small, big = measured[0], measured[-1]
        for key in ("create", "tar", "verify", "sha256sum", "create_rss", "verify_rss"):
            print(f"  {key:10} x{big[key] / small[key]:5.2f} from the first profile to the last")


if __name__ == "__main__":
    main()
