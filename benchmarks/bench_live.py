"""How long another member's change takes to arrive: commit in one process, in the
other's feed.

A writer process (this one) and a listener process (a child) open desks on one team
database; the child starts live updates (``core/live``). Each round the writer changes
a request's status, and the delay is from the moment its ``COMMIT`` is sent (SQLAlchemy's
``commit`` event) to the moment the child's feed is told (the notice delivered, read,
decoded and published). Both read ``time.monotonic_ns``: one clock for every process
on the machine (Linux's ``CLOCK_MONOTONIC``). The writer waits for each arrival before
the next round, so no notice queues behind another.

The baseline, in the same rounds, is the bare mechanism: ``NOTIFY`` on a psycopg
connection in autocommit (timed from the moment it is sent: the statement is its own
commit), heard by another child's psycopg connection waiting in ``notifies()``.
PostgreSQL as the tests start it (TLS on loopback). Run it alone::

    nice -n 10 .venv/bin/python -m benchmarks.bench_live --rounds 25
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import IO

from benchmarks.harness import BenchContext, Figure

HELPERS = Path(__file__).resolve().parent.parent / "tests" / "helpers"
BARE_CHANNEL = "bench_bare"
STATUSES = ("rejected", "waiting_response")


def run(context: BenchContext) -> list[Figure]:
    """Under ``benchmarks.run``: 25 rounds."""
    return measure(context.workdir, rounds=25)


def measure(workdir: Path, *, rounds: int) -> list[Figure]:
    sys.path.insert(0, str(HELPERS))
    from postgres_server import running_server

    with running_server() as server, tempfile.TemporaryDirectory(dir=workdir) as scratch:
        url = server.create_database("bench_live")
        return _measure(Path(scratch), url, rounds)


def _measure(scratch: Path, url: str, rounds: int) -> list[Figure]:
    import psycopg
    from sqlalchemy import event

    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile
    from foidesk.core.records import NewRequest

    profile = replace(resolve_profile(scratch / "writer", url), member="Writer")
    with Desk.open(profile) as desk, _child("desk", scratch, url) as desk_child:
        rid = desk.add_request(
            NewRequest(title="Live", authority="Leeds City Council", sent_on=date(2024, 3, 22))
        ).id
        _line(desk_child)  # the request's own notice
        committed: list[int] = []
        event.listen(desk.db.engine, "commit", lambda _c: committed.append(time.monotonic_ns()))
        with (
            _child("bare", scratch, url) as bare_child,
            psycopg.connect(_libpq(url), autocommit=True) as bare,
        ):
            delays: dict[str, list[float]] = {"desk": [], "bare": []}
            for n in range(rounds):
                desk.set_status(rid, STATUSES[n % 2])
                delays["desk"].append(_ms(int(_line(desk_child)) - committed[-1]))
                sent = time.monotonic_ns()  # as it is sent: in autocommit, its commit
                bare.execute(f"NOTIFY {BARE_CHANNEL}, '{n}'")
                delays["bare"].append(_ms(int(_line(bare_child)) - sent))
    return [
        Figure(
            f"another member's change: commit to the listener's feed, median of {rounds}",
            statistics.median(delays["desk"]),
            "ms",
            "bare NOTIFY heard by psycopg's notifies()",
            statistics.median(delays["bare"]),
            "≤ 1,000 ms",
            statistics.median(delays["desk"]) <= 1000,
        ),
        Figure(
            "the same, slowest round",
            max(delays["desk"]),
            "ms",
            "bare, slowest round",
            max(delays["bare"]),
        ),
    ]


def _ms(nanoseconds: int) -> float:
    return nanoseconds / 1e6


def _libpq(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


@dataclass
class _Child:
    process: subprocess.Popen[str]
    stdout: IO[str]


@contextlib.contextmanager
def _child(mode: str, scratch: Path, url: str) -> Iterator[_Child]:
    """A listening process; it ends when its input is closed. The URL (with the
    password) goes in its environment, not on its command line."""
    from foidesk.core.profile import DATABASE_URL_ENV

    arguments = [sys.executable, "-m", "benchmarks.bench_live", "--listen", mode,
                 "--folder", str(scratch / mode)]  # fmt: skip
    environment = {**os.environ, DATABASE_URL_ENV: url}
    process = subprocess.Popen(
        arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=environment
    )
    assert process.stdin is not None and process.stdout is not None
    child = _Child(process, process.stdout)
    try:
        if _line(child) != "ready":
            raise RuntimeError("the listening process did not start")
        yield child
    finally:
        process.stdin.close()
        process.wait(10)


def _line(child: _Child) -> str:
    line = child.stdout.readline()
    if not line:
        raise RuntimeError("the listening process ended")
    return line.strip()


# --- the listening process -------------------------------------------------------------


def _listen(mode: str, folder: Path) -> None:
    from foidesk.core.profile import DATABASE_URL_ENV

    url = os.environ[DATABASE_URL_ENV]
    if mode == "desk":
        _listen_desk(url, folder)
    else:
        _listen_bare(url)


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _listen_desk(url: str, folder: Path) -> None:
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile

    with Desk.open(replace(resolve_profile(folder, url), member="Listener")) as desk:
        desk.feed.subscribe(lambda _changes: _say(str(time.monotonic_ns())))
        if not desk.start_live_updates(wait=10):
            raise SystemExit("live updates did not start")
        _say("ready")
        sys.stdin.read()  # until the writer closes our input


def _listen_bare(url: str) -> None:
    import psycopg

    with psycopg.connect(_libpq(url), autocommit=True) as connection:
        connection.execute(f"LISTEN {BARE_CHANNEL}")
        stop = threading.Event()

        def hear() -> None:
            while not stop.is_set():
                for _notify in connection.notifies(timeout=0.2):
                    _say(str(time.monotonic_ns()))

        thread = threading.Thread(target=hear, daemon=True)
        thread.start()
        _say("ready")
        sys.stdin.read()
        stop.set()
        thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--workdir", type=Path, default=Path("benchmarks/out"))
    parser.add_argument("--listen", choices=("desk", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.listen:
        _listen(arguments.listen, arguments.folder)
        return
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    for figure in measure(arguments.workdir, rounds=arguments.rounds):
        print(
            f"{figure.name}: {figure.value:.2f} {figure.unit}; "
            f"{figure.baseline_name}: {figure.baseline:.2f} {figure.unit}"
        )


if __name__ == "__main__":
    main()
