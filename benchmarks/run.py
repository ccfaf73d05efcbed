"""Run every benchmark and print one table: ``python -m benchmarks.run [--scale N] [--only NAME]``.

Each ``benchmarks/bench_*.py`` has ``run(context) -> list[Figure]``. A module
that fails is reported in the table with its error and the others still run.
Each figure stands next to its baseline measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sqlite3
import sys
import time
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from benchmarks.harness import BenchContext, Figure

HERE = Path(__file__).parent


@dataclass(frozen=True)
class Outcome:
    module: str
    figures: tuple[Figure, ...] = ()
    error: str | None = None
    seconds: float = 0.0


def discover(only: list[str] | None) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("bench_*.py"))
    if not only:
        return names
    wanted = {n if n.startswith("bench_") else f"bench_{n}" for n in only}
    missing = wanted - set(names)
    if missing:
        raise SystemExit(f"no such benchmark: {', '.join(sorted(missing))}")
    return [n for n in names if n in wanted]


def run_one(name: str, context: BenchContext) -> Outcome:
    started = time.perf_counter()
    try:
        module = importlib.import_module(f"benchmarks.{name}")
        figures = tuple(module.run(context))
    except Exception as exc:
        traceback.print_exc(file=sys.stderr)
        return Outcome(name, error=f"{type(exc).__name__}: {exc}",
                       seconds=time.perf_counter() - started)  # fmt: skip
    return Outcome(name, figures, seconds=time.perf_counter() - started)


def machine() -> list[str]:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split("\n", 1)[0].split()[1])
        memory = f", {kib / 1024 / 1024:.1f} GiB RAM"
    return [
        f"date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"machine: {os.cpu_count()} CPUs ({cpu}){memory}, {platform.system()} {platform.release()}",
        f"python {platform.python_version()}, SQLite {sqlite3.sqlite_version}",
    ]


def rows(outcomes: list[Outcome]) -> list[tuple[str, ...]]:
    table: list[tuple[str, ...]] = [("figure", "value", "baseline", "ratio", "target", "result")]
    for outcome in outcomes:
        if outcome.error is not None:
            table.append((outcome.module, "ERROR", outcome.error, "", "", "error"))
        for f in outcome.figures:
            baseline = "" if f.baseline is None else f"{_number(f.baseline)} {f.unit}"
            if f.baseline_name:
                baseline = f"{baseline} ({f.baseline_name})".strip()
            ratio = "" if f.ratio is None else f"{f.ratio:.2f}×"
            result = {True: "pass", False: "FAIL", None: "—"}[f.passed]
            value = f"{_number(f.value)} {f.unit}"
            table.append((f.name, value, baseline, ratio, f.target, result))
    return table


def _number(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if abs(value) < 10 else f"{value:.1f}"


def render(table: list[tuple[str, ...]], markdown: bool) -> str:
    if markdown:
        lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                  for row in table[1:]]  # fmt: skip
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in table]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1000, help="requests in the corpus")
    parser.add_argument("--seed", type=int, default=BenchContext.seed)
    parser.add_argument("--only", action="append", metavar="NAME", help="bench_NAME only")
    parser.add_argument("--workdir", type=Path, default=HERE / "out", help="corpus cache")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    context = BenchContext(args.workdir, args.scale, args.seed)
    outcomes = []
    for name in discover(args.only):
        print(f"running {name} at scale {args.scale}…", file=sys.stderr, flush=True)
        outcomes.append(run_one(name, context))
    print("\n".join([*machine(), f"scale: {args.scale:,} requests, seed {args.seed}", ""]))
    print(render(rows(outcomes), args.markdown))
    return 1 if any(o.error for o in outcomes) else 0


if __name__ == "__main__":
    raise SystemExit(main())
