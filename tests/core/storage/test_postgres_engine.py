"""The profile on a real PostgreSQL server: the schema's migrations run and a desk works."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import sqlalchemy as sa
from postgres_server import PostgresServer

from foidesk.core.desk import Desk
from foidesk.core.profile import resolve_profile
from foidesk.core.records import NewRequest
from foidesk.core.storage.database import SCHEMA_HEAD


def test_a_desk_opens_on_postgresql_and_keeps_a_request(tmp_path: Path, postgres_url: str) -> None:
    profile = resolve_profile(tmp_path / "profile", postgres_url)
    with Desk.open(profile) as desk:
        made = desk.add_request(
            NewRequest("Gritting routes 2024", "Leeds City Council", date(2024, 3, 1))
        )
    with Desk.open(profile) as desk:
        titles = [summary.title for summary in desk.list_requests()]
    assert titles == ["Gritting routes 2024"]
    engine = sa.create_engine(postgres_url)
    with engine.connect() as connection:
        head = connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()
    engine.dispose()
    assert head == SCHEMA_HEAD
    assert made.id > 0


def test_the_server_refuses_a_wrong_password(postgres_server: PostgresServer) -> None:
    import psycopg

    engine = sa.create_engine(postgres_server.url(password="not-the-password"))
    try:
        with engine.connect():
            raised = None
    except sa.exc.OperationalError as exc:
        raised = exc
    finally:
        engine.dispose()
    assert raised is not None and isinstance(raised.orig, psycopg.OperationalError)
