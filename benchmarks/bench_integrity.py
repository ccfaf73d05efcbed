"""What the database page check costs, and what the stamp that skips it saves.

Before the first change of a session foidesk runs SQLite's ``quick_check`` — unless
the marker's stamp says the file is exactly as a foidesk that knew it sound left it
(``foidesk/core/identity.py``). This measures, on a copy of the benchmark corpus:

- ``quick_check`` of its database, in process (SQLite's own cost, warm cache);
- the whole ``foidesk request status ID STATUS`` process, with the stamp matching
  (the usual case) and with the file touched first (its mtime changed, so the check
  runs), taking turns, against a floor in turn with them: ``python -c`` making the
  same change with ``sqlite3`` (the floor of ``bench_edits``).

Run: python -m benchmarks.bench_integrity [--scale 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time
from pathlib import Path

from benchmarks.bench_edits import FLOOR, STATUSES, _process_ms, clone_profile
from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile

REQUEST = "5"


def quick_check_ms(database: Path, repeat: int = 3) -> float:
    samples = []
    for _ in range(repeat):
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            start = time.perf_counter()
            conn.execute("PRAGMA quick_check").fetchall()
            samples.append((time.perf_counter() - start) * 1000)
        finally:
            conn.close()
    return statistics.median(samples)


def command_rounds(profile: Profile, rounds: int) -> dict[str, list[float]]:
    """Each round: the stamped edit, the touched edit and the floor, the order turning."""
    times: dict[str, list[float]] = {"stamped": [], "touched": [], "floor": []}
    database = profile.sqlite_path
    assert database is not None
    for number in range(rounds):
        status = STATUSES[number % len(STATUSES)]
        ours = [sys.executable, "-m", "foidesk", "--data-dir", str(profile.data_dir),
                "request", "status", REQUEST, status]  # fmt: skip
        floor = [sys.executable, "-c", FLOOR, "FULL", str(database),
                 REQUEST, status]  # fmt: skip
        steps = ["stamped", "touched", "floor"]
        for step in steps[number % 3 :] + steps[: number % 3]:
            if step == "touched":
                database.touch()  # changed from outside: the stamp no longer matches
            if step == "stamped":
                _process_ms(ours)  # leaves the file stamped again, then time the next one
            times[step].append(_process_ms(floor if step == "floor" else ours))
    return times


def run(context: BenchContext, rounds: int = 5) -> list[Figure]:
    corpus = ensure_corpus(context)
    work = context.workdir / f"integrity-{context.scale}"
    profile = clone_profile(corpus.profile, work)
    with Desk.open(profile) as desk:
        desk.check_pages()  # migrated, checked and stamped as a first use leaves it
    assert profile.sqlite_path is not None
    check = quick_check_ms(profile.sqlite_path)
    times = command_rounds(profile, rounds)
    floor = statistics.median(times["floor"])
    stamped, touched = statistics.median(times["stamped"]), statistics.median(times["touched"])
    edit = "python + sqlite3 edit"
    return [
        Figure("quick_check of the database (in process)", check, "ms"),
        Figure("request status, stamp matches", stamped, "ms", edit, floor),
        Figure("request status, file touched (quick_check runs)", touched, "ms", edit, floor),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    for figure in run(BenchContext(args.workdir, args.scale), args.rounds):
        ratio = f"  ({figure.ratio:.2f}× {figure.baseline_name})" if figure.ratio else ""
        print(f"{figure.name}: {figure.value:,.0f} {figure.unit}{ratio}")


if __name__ == "__main__":
    main()
