"""What a person waits for at the command line: whole ``foidesk`` processes, each timed
in turn with a floor that does the same job with nothing but Python's standard library.

On the benchmark corpus (``--scale`` requests), median of ``--rounds`` rounds, the
order of command and floor turning each round; ``foidesk`` is the installed script
beside this Python, as a person starts it:

- ``foidesk --version`` against ``python -c pass``;
- ``foidesk request list --json`` against the same rows read with ``sqlite3`` and
  printed with ``json`` (the floor's output is checked to be the same JSON);
- ``foidesk request show ID --json`` for a request with 18 messages;
- ``foidesk calendar --json`` (every deadline of every request, explained).

Run: python -m benchmarks.bench_commands [--scale 10000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.bench_startup import foidesk_command
from benchmarks.corpus import ensure_corpus
from benchmarks.harness import BenchContext, Figure

LIST_FLOOR = """
import json, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute(
    "SELECT r.id, r.title, a.name, r.regime, r.status, r.sent_on, r.reference"
    " FROM request r JOIN authority a ON a.id = r.authority_id WHERE r.deleted_at IS NULL"
    " ORDER BY r.last_activity_at DESC, r.id DESC"
).fetchall()
tags = {}
for rid, name in conn.execute(
    "SELECT rt.request_id, t.name FROM request_tag rt JOIN tag t ON t.id = rt.tag_id"
    " ORDER BY t.name"
):
    tags.setdefault(rid, []).append(name)
counts = dict(conn.execute(
    "SELECT request_id, count(*) FROM message WHERE deleted_at IS NULL GROUP BY request_id"
))
out = [
    {"id": i, "title": t, "authority": a, "regime": g, "status": s, "sent": d,
     "reference": r, "tags": tags.get(i, []), "messages": counts.get(i, 0)}
    for i, t, a, g, s, d, r in rows
]
sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\\n")  # as foidesk writes to a pipe
"""


def _process_ms(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def _output(argv: list[str]) -> object:
    return json.loads(subprocess.run(argv, capture_output=True, check=True).stdout)


def request_with_messages(database: Path, count: int = 18) -> int:
    conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    try:
        row = conn.execute(
            "SELECT request_id FROM message WHERE deleted_at IS NULL AND request_id IS NOT NULL"
            " GROUP BY request_id HAVING count(*) = ? ORDER BY request_id LIMIT 1",
            (count,),
        ).fetchone()
    finally:
        conn.close()
    if row is None:
        raise SystemExit(f"the corpus has no request with {count} messages")
    return int(row[0])


def in_turn(pairs: dict[str, list[str]], rounds: int) -> dict[str, float]:
    """Median of each command over ``rounds``, the order turning each round."""
    names = list(pairs)
    times: dict[str, list[float]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in names[shift:] + names[:shift]:
            times[name].append(_process_ms(pairs[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def run(context: BenchContext, rounds: int = 5) -> list[Figure]:
    corpus = ensure_corpus(context)
    profile = corpus.profile
    database = profile.sqlite_path
    assert database is not None
    command = foidesk_command()
    foidesk = [*command, "--data-dir", str(profile.data_dir)]
    listing = [*foidesk, "request", "list", "--json"]
    floor = [sys.executable, "-c", LIST_FLOOR, str(database)]
    subprocess.run(listing, stdout=subprocess.DEVNULL, check=True)  # opened once: migrated
    if _output(listing) != _output(floor):
        raise SystemExit("the floor does not print the same rows as foidesk request list")
    shown = str(request_with_messages(database))
    times = in_turn(
        {
            "version": [*command, "--version"],
            "pass": [sys.executable, "-c", "pass"],
            "list": listing,
            "list floor": floor,
            "show": [*foidesk, "request", "show", shown, "--json"],
            "calendar": [*foidesk, "calendar", "--json"],
        },
        rounds,
    )
    bare, rows = "python -c pass", "sqlite3 + json, same rows"
    return [
        _ratio("foidesk --version", times["version"], bare, times["pass"], 5),
        _ratio("request list --json", times["list"], rows, times["list floor"], 3),
        _under("request show ID --json (18 messages)", times["show"], 200),
        _under("calendar --json", times["calendar"], 500),
    ]


def _ratio(name: str, value: float, floor_name: str, floor: float, times: float) -> Figure:
    target = f"≤ {times:g}× floor"
    return Figure(name, value, "ms", floor_name, floor, target, value <= times * floor)


def _under(name: str, value: float, limit: float) -> Figure:
    return Figure(name, value, "ms", target=f"≤ {limit:g} ms", passed=value <= limit)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path(__file__).with_name("out"))
    args = parser.parse_args()
    for figure in run(BenchContext(args.workdir, args.scale), args.rounds):
        ratio = f" ({figure.ratio:.2f}× {figure.baseline_name})" if figure.ratio else ""
        verdict = "" if figure.passed is None else (" pass" if figure.passed else " FAIL")
        print(f"{figure.name}: {figure.value:,.0f} ms{ratio} {figure.target}{verdict}")


if __name__ == "__main__":
    main()
