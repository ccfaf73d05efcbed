"""The database engine a test run uses: ``--engine=sqlite`` (the default) or ``postgresql``.

Under ``postgresql`` the ``database_url`` fixture is a fresh database on the session's
server, copied (``CREATE DATABASE … TEMPLATE``) from one that a desk migrated once per
session, so that a test pays for a copy instead of every migration. Under ``sqlite`` it
is None: the profile keeps its database file in its folder.

What cannot run on PostgreSQL is marked ``sqlite_only`` and skipped there with its
reason: the test is about SQLite's file itself (its pages, WAL, salvage, FTS5's own
tables, a copy of the ``.sqlite3`` file) — a feature PostgreSQL does not have or does
itself (its counterparts, where there are any, are tests of their own).
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import PostgresServer

ENGINES = ("sqlite", "postgresql")
SKIPPED_ON_POSTGRESQL = {
    "sqlite_only": "about SQLite's own file: PostgreSQL keeps its pages itself",
}
TEMPLATE = "foidesk_migrated"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--engine",
        choices=ENGINES,
        default="sqlite",
        help="the database engine the profiles of the tests use (default: sqlite)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under PostgreSQL: run only the tests whose profile the engine decides (the others
    would run exactly as under SQLite), and skip the marked ones with their reason."""
    if config.getoption("--engine") != "postgresql":
        return
    kept, left = [], []
    for item in items:
        uses_engine = "database_url" in getattr(item, "fixturenames", ())
        (kept if uses_engine else left).append(item)
        for marker, reason in SKIPPED_ON_POSTGRESQL.items():
            if item.get_closest_marker(marker) is not None:
                item.add_marker(pytest.mark.skip(reason=reason))
                break
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept


@pytest.fixture(scope="session")
def engine_name(request: pytest.FixtureRequest) -> str:
    """The engine of this run's profiles."""
    return str(request.config.getoption("--engine"))


@pytest.fixture(scope="session")
def migrated_template(
    engine_name: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> str | None:
    """The name of a PostgreSQL database a desk has migrated (none under SQLite)."""
    if engine_name != "postgresql":
        return None
    from foidesk.core.desk import Desk
    from foidesk.core.profile import resolve_profile

    server: PostgresServer = request.getfixturevalue("postgres_server")
    server.drop_database(TEMPLATE)
    url = server.create_database(TEMPLATE)
    folder: Path = tmp_path_factory.mktemp("template") / "profile"
    with Desk.open(resolve_profile(folder, url)):
        pass  # opening migrates; closing disposes every connection (a template takes none)
    return TEMPLATE


@pytest.fixture
def database_url(
    migrated_template: str | None, request: pytest.FixtureRequest
) -> Iterator[str | None]:
    """A fresh, migrated PostgreSQL database of the test's own, or None under SQLite."""
    if migrated_template is None:
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{secrets.token_hex(6)}"
    url = server.create_database(name, template=migrated_template)
    yield url
    server.drop_database(name)


def environment_for(database_url: str) -> dict[str, str]:
    """The environment for a child process that opens the same profile: its database
    named by ``FOIDESK_DATABASE_URL`` where it is on a server."""
    import os

    from foidesk.core.profile import DATABASE_URL_ENV

    env = dict(os.environ)
    if not database_url.startswith("sqlite"):
        env[DATABASE_URL_ENV] = database_url
    return env
