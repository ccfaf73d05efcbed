"""Write and read throughput of the team's file store (PostgreSQL) beside the local one.

A team profile keeps every stored file in the database, in 1 MiB chunks
(``core/storage/team_store.py``); a local profile keeps it in its folder. This times,
on the same files in the same run, interleaved, median of ``--rounds``:

- **write**: staging a file (hash, fsync) and placing it, as every import does, plus —
  for the team store — streaming its chunks into the database and committing;
- **read**: a member who does not have the file yet fetching it into the cache
  (database → hash → staged file → rename) against reading the local file.

PostgreSQL is started as the tests start it (``tests/helpers/postgres_server.py``):
TLS on loopback, SCRAM passwords. Run it alone::

    nice -n 10 .venv/bin/python -m benchmarks.bench_team_store --mb 64 --rounds 5
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from benchmarks.harness import BenchContext, Figure

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from foidesk.core.storage.file_store import AttachmentStore
    from foidesk.core.storage.team_store import TeamStore

HELPERS = Path(__file__).resolve().parent.parent / "tests" / "helpers"
FILE_MB = 8  # a large scanned PDF; the total is split into files of this size


def run(context: BenchContext) -> list[Figure]:
    """Under ``benchmarks.run``: 64 MiB in files of 8 MiB, 5 rounds."""
    return measure(context.workdir, total_mb=64, rounds=5)


def measure(workdir: Path, *, total_mb: int, rounds: int) -> list[Figure]:
    sys.path.insert(0, str(HELPERS))
    from postgres_server import running_server

    with running_server() as server, tempfile.TemporaryDirectory(dir=workdir) as scratch:
        url = server.create_database("bench_team_store")
        return _measure(Path(scratch), url, total_mb, rounds)


def _measure(scratch: Path, url: str, total_mb: int, rounds: int) -> list[Figure]:
    import sqlalchemy as sa

    from foidesk.core.storage.team_store import metadata

    engine = sa.create_engine(url)
    metadata.create_all(engine)
    files = _make_files(scratch / "sources", total_mb)
    timings: dict[str, list[float]] = {}
    try:
        for n in range(rounds):
            for name, seconds in _round(scratch / f"round-{n}", engine, files).items():
                timings.setdefault(name, []).append(seconds)
    finally:
        engine.dispose()
    return _figures(timings, total_mb)


def _round(folder: Path, engine: Engine, files: list[Path]) -> dict[str, float]:
    """One round, each store in turn on the same files, into fresh folders."""
    import sqlalchemy as sa

    from foidesk.core.storage.file_store import AttachmentStore
    from foidesk.core.storage.team_store import TeamStore, stored_file

    local = AttachmentStore(folder / "local")
    team = TeamStore(folder / "ann", engine)
    reader = TeamStore(folder / "ben", engine)
    for store in (local, team, reader):
        store.create_dirs()
    timings = {"local write": _timed(lambda: _write_local(local, files))}
    timings["team write"] = _timed(lambda: _write_team(team, files))
    digests = list(local.stored_digests())
    timings["local read"] = _timed(lambda: _read_local(local, digests))
    timings["team read"] = _timed(lambda: _fetch_all(reader, digests))
    with engine.begin() as conn:
        conn.execute(sa.delete(stored_file))
    return timings


def _make_files(folder: Path, total_mb: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for n in range(max(1, total_mb // FILE_MB)):
        path = folder / f"scan-{n}.pdf"
        path.write_bytes(os.urandom(FILE_MB << 20))  # incompressible, as scans are
        paths.append(path)
    return paths


def _timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _write_local(store: AttachmentStore, files: list[Path]) -> None:
    for path in files:
        with path.open("rb") as source:
            store.place(store.stage(source))


def _write_team(store: TeamStore, files: list[Path]) -> None:
    from sqlalchemy.orm import Session

    with Session(store.engine) as session, session.begin():
        for path in files:
            with path.open("rb") as source:
                staged = store.stage(source)
            store.upload(session, staged)
            store.place(staged)


def _read_local(store: AttachmentStore, digests: list[str]) -> None:
    from foidesk.core.storage.file_store import CHUNK

    for digest in digests:
        with store.open(digest) as stream:
            while stream.read(CHUNK):
                pass


def _fetch_all(store: TeamStore, digests: list[str]) -> None:
    for digest in digests:
        assert store.fetch(digest)


def _figures(timings: dict[str, list[float]], total_mb: int) -> list[Figure]:
    def rate(name: str) -> float:
        return total_mb / statistics.median(timings[name])

    return [
        Figure(
            "team store write (stage, fsync, chunks into PostgreSQL, commit)",
            rate("team write"),
            "MiB/s",
            "local store write (stage, fsync, rename)",
            rate("local write"),
        ),
        Figure(
            "team store read by another member (fetch into the cache, hashed)",
            rate("team read"),
            "MiB/s",
            "local store read",
            rate("local read"),
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=64, help="MiB written and read per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("benchmarks/out"))
    arguments = parser.parse_args()
    arguments.workdir.mkdir(parents=True, exist_ok=True)
    for figure in measure(arguments.workdir, total_mb=arguments.mb, rounds=arguments.rounds):
        print(
            f"{figure.name}: {figure.value:.1f} {figure.unit}; "
            f"{figure.baseline_name}: {figure.baseline:.1f} {figure.unit}"
        )


if __name__ == "__main__":
    main()
