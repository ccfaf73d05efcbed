"""A PostgreSQL copy of a benchmark corpus, to measure the team engine beside SQLite.

The database is ``FOIDESK_BENCH_POSTGRES_URL`` (an empty database the benchmark may
fill; its role must own it) or, without it, a throwaway cluster on loopback made the
way the tests make theirs (``tests/helpers/postgres_server.py``: Debian's
``postgresql``, run as the ``postgres`` user). The corpus's rows are copied as they are
(same ids), with the search triggers on, so both engines search the same archive.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, MetaData, Table, create_engine, delete, insert, select, text

from foidesk.core.desk import Desk
from foidesk.core.profile import Profile, resolve_profile
from foidesk.core.storage import database as db
from foidesk.core.storage.tables import Base

URL_ENV = "FOIDESK_BENCH_POSTGRES_URL"
HELPERS = Path(__file__).resolve().parent.parent / "tests" / "helpers"
BATCH_ROWS = 2000
#: Written by opening the profile, and left as the team database made them.
_KEPT = frozenset({"profile_identity"})


class PostgresUnavailable(RuntimeError):
    """Neither a URL nor Debian's PostgreSQL programs to start a cluster."""


@contextlib.contextmanager
def postgres_database() -> Iterator[str]:
    """The URL of an empty database for as long as the block runs."""
    given = os.environ.get(URL_ENV)
    if given:
        yield given
        return
    sys.path.insert(0, str(HELPERS))  # the helpers import each other by name
    try:
        from postgres_server import running_server, server_programs

        if server_programs() is None:
            raise PostgresUnavailable(f"set {URL_ENV} or apt-get install postgresql")
        with running_server() as server:
            yield server.create_database(f"bench_{secrets.token_hex(4)}")
    finally:
        sys.path.remove(str(HELPERS))


def copy_corpus(source: Profile, folder: Path, url: str) -> tuple[Profile, float]:
    """A team profile on ``url`` holding the corpus's rows, and the seconds the copy took."""
    shutil.rmtree(folder, ignore_errors=True)  # a marker of an earlier run's database
    profile = resolve_profile(folder, url)
    Desk.open(profile).close()  # create and migrate the schema
    reader = db.make_engine(source.database_url)
    writer = create_engine(url)
    started = time.perf_counter()
    try:
        _copy_tables(reader, writer)
    finally:
        reader.dispose()
        writer.dispose()
    return profile, time.perf_counter() - started


def _copy_tables(reader: Engine, writer: Engine) -> None:
    tables = [t for t in _tables(Base.metadata) if t.name not in _KEPT]
    with writer.begin() as target:
        for table in reversed(tables):
            target.execute(delete(table))
    for table in tables:
        with reader.connect() as rows, writer.begin() as target:
            result = rows.execution_options(yield_per=BATCH_ROWS).execute(select(table))
            for batch in result.mappings().partitions(BATCH_ROWS):
                target.execute(insert(table), [dict(row) for row in batch])
        print(f"  copied {table.name}", file=sys.stderr, flush=True)
    with writer.connect() as target:  # as autovacuum would: statistics, hint bits, visibility
        target.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
    with writer.begin() as target:  # the next row written gets the next id, as it would
        for table in tables:
            if "id" in table.c and table.c.id.autoincrement in (True, "auto"):
                target.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce((SELECT max(id) FROM {table.name}), 0) + 1, false)"
                    )
                )


def _tables(metadata: MetaData) -> list[Table]:
    from foidesk.core.accounts import tables as _accounts  # noqa: F401  (its tables)
    from foidesk.core.search import tables as _search  # noqa: F401

    return list(metadata.sorted_tables)
