"""``PRAGMA synchronous`` FULL against NORMAL, on the import and the editing benchmarks.

In WAL mode ``NORMAL`` syncs the log only at checkpoints, ``FULL`` at every
commit. Each setting works in a profile of its own, all of them open side by
side, and the settings take turns in small steps — a batch of 100 emails of the
import, one of each edit, one command-line edit — the first to go rotating, so
that all meet the disk in the same state: on a shared VM its speed drifts. The
import's floor (``bench_import.bare_floor``) takes its turn with each batch too.
Every round starts from fresh profiles.

``--journal-fsync`` adds a third setting: FULL, with the store's journal
(``BlobTransaction._note``) fsynced — the file after each digest, its folder
when the file is made — to see what that would cost.

Run: python -m benchmarks.durability [--scale 1000] [--rounds 5] [--journal-fsync]
"""

from __future__ import annotations

import argparse
import math
import os
import shutil
import statistics
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path

from sqlalchemy import text

from benchmarks.harness import BenchContext, Figure
from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.storage import database as db
from foidesk.core.storage.file_store import fsync_dir
from foidesk.core.storage.file_writes import BlobTransaction

SETTINGS = ("FULL", "NORMAL")
JOURNAL_FSYNC = "FULL+journal-fsync"
PRODUCT = db.SYNCHRONOUS  # what foidesk uses, read before any turn switches it
PRAGMA_VALUES = {"FULL": 2, "NORMAL": 1}


def pragma_of(setting: str) -> str:
    """The ``PRAGMA synchronous`` value a setting runs under."""
    return "FULL" if setting == JOURNAL_FSYNC else setting


def rotated(settings: Sequence[str], step: int) -> list[str]:
    """Every setting once, the first to go moving on at each step."""
    shift = step % len(settings)
    return [*settings[shift:], *settings[:shift]]


@contextmanager
def synchronous(setting: str) -> Iterator[None]:
    """Connections opened inside use ``setting``'s pragma (``JOURNAL_FSYNC``: FULL, and the
    store's journal fsynced while inside). A connection keeps its pragma once open, so a
    ``Desk`` used only inside this block, for each of its turns, stays under ``setting``."""
    saved = db.SYNCHRONOUS
    db.SYNCHRONOUS = pragma_of(setting)
    try:
        if setting == JOURNAL_FSYNC:
            with journal_fsynced():
                yield
        else:
            yield
    finally:
        db.SYNCHRONOUS = saved


@contextmanager
def journal_fsynced() -> Iterator[None]:
    """``BlobTransaction._note`` as it would be if it fsynced the journal: the file after
    each new digest, and the journal folder once, when the file is made."""
    original = BlobTransaction._note

    def note(self: BlobTransaction, sha256: str) -> None:
        fresh = sha256 not in self._noted
        made = self._journal_file is None
        original(self, sha256)
        if fresh and self._journal_file is not None:
            os.fsync(self._journal_file.fileno())
            if made:
                fsync_dir(self.store.journals)

    BlobTransaction._note = note  # type: ignore[method-assign]
    try:
        yield
    finally:
        BlobTransaction._note = original  # type: ignore[method-assign]


def check_setting(desk: Desk, setting: str) -> None:
    """Refuse to report a figure whose connection was not under the setting it is named for."""
    with desk.db.writing() as session:
        found = session.execute(text("PRAGMA synchronous")).scalar()
    wanted = PRAGMA_VALUES[pragma_of(setting)]
    if found != wanted:
        raise RuntimeError(f"PRAGMA synchronous is {found}, not {wanted}, under {setting}")


def slug(setting: str) -> str:
    return setting.lower().replace("+", "-")


def percentile(samples: Sequence[float], share: float) -> float:
    """The nearest-rank percentile: the smallest sample at or above ``share`` of them."""
    ordered = sorted(samples)
    return ordered[max(1, math.ceil(len(ordered) * share)) - 1]


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# --- the import ----------------------------------------------------------------------


def import_round(paths: Sequence[Path], folder: Path, settings: Sequence[str],
                 number: int) -> tuple[float, dict[str, float]]:  # fmt: skip
    """Seconds for the floor and for each setting's import into a fresh profile, taking
    turns a batch of files at a time."""
    from benchmarks import bench_import

    floor, ours = 0.0, dict.fromkeys(settings, 0.0)
    with ExitStack() as stack:
        desks = {}
        for setting in settings:
            profile_dir = folder / f"profile-{slug(setting)}"
            shutil.rmtree(profile_dir, ignore_errors=True)
            with synchronous(setting):
                desks[setting] = stack.enter_context(Desk.open(resolve_profile(profile_dir)))
        for step, start in enumerate(range(0, len(paths), bench_import.BATCH)):
            batch = paths[start : start + bench_import.BATCH]
            floor += bench_import.bare_floor(batch)
            for setting in rotated(settings, number + step):
                with synchronous(setting):
                    ours[setting] += bench_import.foidesk_import(desks[setting], batch)
        for setting, desk in desks.items():
            check_setting(desk, setting)
    return floor, ours


def import_figures(context: BenchContext, rounds: int, settings: Sequence[str]) -> list[Figure]:
    """``bench_import``'s 1,000 emails, every round; medians of the times and the ratios."""
    from benchmarks import bench_import

    count = 1000
    folder = context.workdir / f"import-{count}-{context.seed}"
    paths = bench_import.make_emails(folder / "emails", count, context.seed)
    bench_import.bare_floor(paths[:50])  # warm the page cache and the parser
    floors: list[float] = []
    results: dict[str, list[float]] = {s: [] for s in settings}
    for number in range(rounds):
        floor, ours = import_round(paths, folder, settings, number)
        floors.append(floor)
        for setting, seconds in ours.items():
            results[setting].append(seconds)
        say(f"import round {number + 1}: floor {floor * 1000:,.0f} ms; " + "; ".join(
            f"{s} {t * 1000:,.0f} ms ({t / floor:.2f}x)" for s, t in ours.items()))  # fmt: skip
    figures = []
    target = bench_import.TARGET_RATIO
    for setting, times in results.items():
        ratio = statistics.median(t / f for t, f in zip(times, floors, strict=True))
        figures += [
            Figure(f"import {count} .eml, median of {rounds} ({setting})",
                   statistics.median(times) * 1000, "ms", "read + parse + hash (stdlib)",
                   statistics.median(floors) * 1000),
            Figure(f"import, median of the {rounds} ratios to the floor ({setting})", ratio,
                   "x", target=f"<= {target:g}x", passed=ratio <= target),
        ]  # fmt: skip
    return figures


def main(argv: list[str] | None = None) -> int:
    from benchmarks import bench_edits
    from benchmarks.run import Outcome, machine, render, rows

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000, help="requests in the corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--edits", type=int, default=bench_edits.EDITS_PER_ROUND,
                        help="of each kind, a round")  # fmt: skip
    parser.add_argument("--journal-fsync", action="store_true", help="a third setting, above")
    parser.add_argument("--skip-edits", action="store_true")
    parser.add_argument("--skip-import", action="store_true")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    context = BenchContext(args.workdir, args.scale)
    settings = [*SETTINGS, JOURNAL_FSYNC] if args.journal_fsync else list(SETTINGS)
    outcomes = []
    if not args.skip_edits:
        figures = bench_edits.run(context, args.rounds, args.edits, settings)
        outcomes.append(Outcome("bench_edits", tuple(figures)))
    if not args.skip_import:
        outcomes.append(Outcome("import", tuple(import_figures(context, args.rounds, settings))))
    print("\n".join([*machine(), f"scale: {args.scale:,} requests, {args.rounds} rounds", ""]))
    print(render(rows(outcomes), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
