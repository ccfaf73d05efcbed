"""Single edits through ``Desk`` on a real profile, and one command-line edit as a whole
process, under each ``PRAGMA synchronous`` setting.

Each edit is its own unit of work, as one action in the window makes it: a status
change, a note added to a thread, an extension recorded, a request's details
edited, a small file attached to a message. They run on a copy of the benchmark
corpus (``--scale`` requests; its files are hard links, its database a copy), one
of each kind in turn, many times; the median and the 95th percentile are reported
per edit. Target: the 95th percentile within 100 ms, a blink, under the setting
foidesk uses.

What a person waits for at the command line is the whole process:
``foidesk request status ID STATUS`` runs as a subprocess, against a floor timed
in turn with it — ``python -c`` opening the same SQLite file with ``sqlite3`` and
the same pragmas, one UPDATE and one INSERT in a transaction, and exiting.

Each setting edits a copy of its own, all open side by side; the settings take
turns one edit cycle (and one command-line edit) at a time, the first to go
rotating, so that all meet the disk in the same state (``durability.py``). Each
round opens every copy afresh.

Run: python -m benchmarks.bench_edits [--scale 1000] [--rounds 5] [--edits 40]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select

from benchmarks.corpus import ensure_corpus
from benchmarks.durability import (
    PRODUCT,
    SETTINGS,
    check_setting,
    percentile,
    pragma_of,
    rotated,
    say,
    slug,
    synchronous,
)
from benchmarks.harness import BenchContext, Figure
from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.records import NewAttachment, NewMessage
from foidesk.core.storage.tables import Message, Request

EDITS_PER_ROUND = 40  # of each kind
CLI_RUNS_PER_ROUND = 3  # foidesk and the floor each
P95_TARGET_MS = 100.0
ATTACHMENT_BYTES = 4 * 1024
STATUSES = ("waiting_response", "partially_successful", "internal_review", "successful")


@dataclass(frozen=True)
class Targets:
    """Live requests and messages to edit, in a fixed shuffled order."""

    requests: list[int]
    messages: list[int]

    @classmethod
    def read(cls, desk: Desk, seed: int) -> Targets:
        live = Request.deleted_at.is_(None)
        with desk.db.reading() as session:
            requests = list(session.scalars(select(Request.id).where(live)))
            messages = list(
                session.scalars(
                    select(Message.id)
                    .join(Request, Message.request_id == Request.id)
                    .where(live, Message.deleted_at.is_(None))
                )
            )
        rng = random.Random(f"{seed}:edits")
        rng.shuffle(requests)
        rng.shuffle(messages)
        return cls(requests, messages)

    def request(self, n: int) -> int:
        return self.requests[n % len(self.requests)]

    def message(self, n: int) -> int:
        return self.messages[n % len(self.messages)]


Edit = Callable[[Desk, Targets, int], object]


def _status_change(desk: Desk, targets: Targets, n: int) -> object:
    return desk.set_status(targets.request(n), STATUSES[n % len(STATUSES)], note=f"edit {n}")


def _note_message(desk: Desk, targets: Targets, n: int) -> object:
    note = NewMessage(
        direction="outgoing",
        kind="note",
        subject=f"Phone call {n}",
        body_text="Rang the FOI officer; they expect to reply next week.",
    )
    return desk.add_message(targets.request(n), note)


def _extension_event(desk: Desk, targets: Targets, n: int) -> object:
    on = date(2024, 1, 1) + timedelta(days=n % 300)
    return desk.add_clock_event(
        targets.request(n),
        "extension",
        on,
        until=on + timedelta(days=20),
        note="public interest test",
    )


def _request_edit(desk: Desk, targets: Targets, n: int) -> object:
    return desk.update_request(
        targets.request(n), reference=f"FOI/{n:06d}", notes=f"Chased by phone ({n})."
    )


def _small_attachment(desk: Desk, targets: Targets, n: int) -> object:
    head = f"Note of a call, edit {n}\n".encode()
    data = head + random.Random(n).randbytes(ATTACHMENT_BYTES - len(head))
    file = NewAttachment(f"call-note-{n}.txt", data, "text/plain")
    return desk.attach_files(targets.message(n), [file])


EDITS: dict[str, Edit] = {
    "status change": _status_change,
    "note message": _note_message,
    "extension event": _extension_event,
    "request edit": _request_edit,
    "small attachment": _small_attachment,
}


def clone_profile(source: Profile, folder: Path) -> Profile:
    """A copy of ``source`` to edit: the database copied, the stored files hard-linked
    (the store never changes a file in place, and the edits only add files)."""
    shutil.rmtree(folder, ignore_errors=True)

    def link_or_copy(src: str, dst: str) -> None:
        if Path(src).is_relative_to(source.attachments_dir):
            os.link(src, dst)
        else:
            shutil.copy2(src, dst)

    shutil.copytree(source.data_dir, folder, copy_function=link_or_copy)
    return resolve_profile(folder)


def edit_round(profiles: dict[str, Profile], targets: Targets, edits: int, number: int,
               counter: Iterator[int]) -> dict[str, dict[str, list[float]]]:  # fmt: skip
    """Milliseconds per edit, by setting and kind, each setting on a freshly opened ``Desk``
    of its own: one of each edit under one setting, then under the next, and so on."""
    samples: dict[str, dict[str, list[float]]] = {s: {k: [] for k in EDITS} for s in profiles}
    with ExitStack() as stack:
        desks: dict[str, Desk] = {}
        for setting, profile in profiles.items():
            with synchronous(setting):
                desks[setting] = stack.enter_context(Desk.open(profile))
                check_setting(desks[setting], setting)
        for cycle in range(edits + 1):  # the first cycle warms connections and caches up
            n = next(counter)
            for setting in rotated(list(profiles), number + cycle):
                with synchronous(setting):
                    for kind, edit in EDITS.items():
                        start = time.perf_counter()
                        edit(desks[setting], targets, n)
                        if cycle:
                            samples[setting][kind].append((time.perf_counter() - start) * 1000)
        for setting, desk in desks.items():
            check_setting(desk, setting)
    return samples


# --- the command line, a whole process ---------------------------------------------

LAUNCH = """\
import sys
from foidesk.core.storage import database as db
db.SYNCHRONOUS = sys.argv[1]
from foidesk.cli import main
raise SystemExit(main(sys.argv[2:]))
"""

FLOOR = """\
import sqlite3, sys
from datetime import UTC, datetime
setting, path, request_id, status = sys.argv[1:]
conn = sqlite3.connect(path, isolation_level=None)
for pragma in ("busy_timeout = 30000", "foreign_keys = ON", "journal_mode = WAL",
               f"synchronous = {setting}"):
    conn.execute(f"PRAGMA {pragma}")
now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
conn.execute("BEGIN IMMEDIATE")
conn.execute("UPDATE request SET status = ?, updated_at = ? WHERE id = ?",
             (status, now, int(request_id)))
conn.execute("INSERT INTO status_change (request_id, status, changed_on, recorded_at, note)"
             " VALUES (?, ?, ?, ?, '')", (int(request_id), status, now[:10], now))
conn.execute("COMMIT")
conn.close()
"""


def cli_round(profiles: dict[str, Profile], runs: int, targets: Targets, number: int,
              counter: Iterator[int]) -> dict[str, tuple[list[float], list[float]]]:  # fmt: skip
    """Milliseconds of ``runs`` foidesk CLI edits and as many floors, per setting: each
    run, every setting in turn, foidesk and its floor in turn."""
    times: dict[str, tuple[list[float], list[float]]] = {s: ([], []) for s in profiles}
    for run in range(runs):
        n = next(counter)
        request, status = str(targets.request(n)), STATUSES[n % len(STATUSES)]
        for setting in rotated(list(profiles), number + run):
            profile, pragma = profiles[setting], pragma_of(setting)
            ours = [sys.executable, "-c", LAUNCH, pragma, "--data-dir", str(profile.data_dir),
                    "request", "status", request, status]  # fmt: skip
            floor = [sys.executable, "-c", FLOOR, pragma, str(profile.sqlite_path), request,
                     status]  # fmt: skip
            pair = list(zip(times[setting], (ours, floor), strict=True))
            for samples, command in pair if (number + run) % 2 == 0 else pair[::-1]:
                samples.append(_process_ms(command))
    return times


def _process_ms(command: Sequence[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if done.returncode != 0:
        raise RuntimeError(f"{command[2][:20]!r}… failed: {done.stderr.strip()}")
    return elapsed


# --- putting it together -----------------------------------------------------------


@dataclass
class Samples:
    edits: dict[str, list[float]]
    cli: list[float]
    floor: list[float]


def measure(context: BenchContext, rounds: int, edits: int,
            settings: Sequence[str]) -> dict[str, Samples]:  # fmt: skip
    corpus = ensure_corpus(context)
    folder = context.workdir / f"edits-{context.scale}"
    profiles = {s: clone_profile(corpus.profile, folder / slug(s)) for s in settings}
    with Desk.open(corpus.profile) as desk:
        targets = Targets.read(desk, context.seed)
    counter = itertools.count()
    results = {s: Samples({kind: [] for kind in EDITS}, [], []) for s in settings}
    cli_round(profiles, 1, targets, 0, counter)  # warm up: page cache, compiled modules
    for number in range(rounds):
        for setting, by_kind in edit_round(profiles, targets, edits, number, counter).items():
            for kind, samples in by_kind.items():
                results[setting].edits[kind] += samples
        cli = cli_round(profiles, CLI_RUNS_PER_ROUND, targets, number, counter)
        for setting, (ours, floor) in cli.items():
            results[setting].cli += ours
            results[setting].floor += floor
        for setting, got in results.items():
            say(f"edits round {number + 1} {setting}: " + ", ".join(
                f"{k} {statistics.median(v[-edits:]):.1f}" for k, v in got.edits.items())
                + f" ms; CLI {statistics.median(cli[setting][0]):.0f} ms, "
                f"floor {statistics.median(cli[setting][1]):.0f}")  # fmt: skip
    return results


def figures(results: dict[str, Samples]) -> list[Figure]:
    reference = results.get("NORMAL")
    out: list[Figure] = []
    for kind in EDITS:
        for setting, got in results.items():
            base = None if reference is None or got is reference else reference.edits[kind]
            median = statistics.median(got.edits[kind])
            p95 = percentile(got.edits[kind], 0.95)
            out += [
                Figure(
                    f"{kind}, median ({setting})",
                    median,
                    "ms",
                    "NORMAL" if base else None,
                    statistics.median(base) if base else None,
                ),
                Figure(
                    f"{kind}, 95th percentile ({setting})",
                    p95,
                    "ms",
                    "NORMAL" if base else None,
                    percentile(base, 0.95) if base else None,
                    f"<= {P95_TARGET_MS:g} ms",
                    p95 <= P95_TARGET_MS if setting == PRODUCT else None,
                ),
            ]
    for setting, got in results.items():
        out.append(
            Figure(
                f"CLI `request status`, whole process, median of {len(got.cli)} ({setting})",
                statistics.median(got.cli),
                "ms",
                "python -c sqlite3 UPDATE + INSERT",
                statistics.median(got.floor),
            )
        )
    return out


def run(
    context: BenchContext,
    rounds: int = 5,
    edits: int = EDITS_PER_ROUND,
    settings: Sequence[str] = SETTINGS,
) -> list[Figure]:
    return figures(measure(context, rounds, edits, settings))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=1000, help="requests in the corpus")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--edits", type=int, default=EDITS_PER_ROUND, help="of each kind, a round")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args()
    context = BenchContext(workdir=args.workdir, scale=args.scale)
    for figure in run(context, args.rounds, args.edits):
        base = (
            f"  baseline {figure.baseline:.1f} ({figure.baseline_name})" if figure.baseline else ""
        )
        ratio = f"  ratio {figure.ratio:.2f}" if figure.ratio else ""
        print(f"{figure.name}: {figure.value:.1f} {figure.unit}{base}{ratio}  {figure.target}")


if __name__ == "__main__":
    main()
