"""A team database server's failures are one clear sentence each, on a real server.

Each failure is made for real: a wrong password, a port nobody listens on, a
certificate from another authority, a database that does not exist, a right the role
lacks, two transactions that deadlock, and a serialization failure.
"""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa
from postgres_server import PostgresServer

from foidesk.core.desk import Desk
from foidesk.core.errors import DatabaseBusyError, ServerAccessError, ServerUnavailableError
from foidesk.core.profile import resolve_profile
from foidesk.core.storage import server_failures
from foidesk.core.storage.server_failures import ServerFailure


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _open(tmp_path: Path, url: str) -> None:
    with Desk.open(resolve_profile(tmp_path / "profile", url)):
        pass


def test_a_wrong_password_is_one_sentence(tmp_path: Path, postgres_server: PostgresServer) -> None:
    with pytest.raises(ServerAccessError) as raised:
        _open(tmp_path, postgres_server.url(password="not-the-password"))
    message = str(raised.value)
    assert "did not accept the password for foidesk_admin" in message
    assert f"localhost:{postgres_server.port}/postgres" in message
    assert "not-the-password" not in message


def test_nobody_listening_is_a_refused_connection(tmp_path: Path) -> None:
    url = f"postgresql+psycopg://member:secret@localhost:{_free_port()}/team"
    with pytest.raises(ServerUnavailableError, match="refused the connection"):
        _open(tmp_path, url)


def test_a_certificate_from_another_authority_is_refused(
    tmp_path: Path, postgres_server: PostgresServer
) -> None:
    other_ca = "/etc/ssl/certs/ca-certificates.crt"
    url = postgres_server.url().split("sslrootcert=")[0] + f"sslrootcert={other_ca}"
    with pytest.raises(ServerAccessError, match=r"certificate .* could not be verified"):
        _open(tmp_path, url)


def test_a_database_that_does_not_exist(tmp_path: Path, postgres_server: PostgresServer) -> None:
    with pytest.raises(ServerUnavailableError, match="has no such database"):
        _open(tmp_path, postgres_server.url("no_such_team"))


def _classified(engine: sa.Engine, statement: str) -> ServerFailure | None:
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql(statement)
    except sa.exc.DBAPIError as exc:
        return server_failures.classify(exc)
    return None


def test_a_missing_right_is_a_permission(
    postgres_server: PostgresServer, postgres_url: str
) -> None:
    with postgres_server.connect() as admin:
        admin.execute("DROP ROLE IF EXISTS reader")
        admin.execute("CREATE ROLE reader LOGIN PASSWORD 'reader-secret'")
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE kept (n integer)")
    engine.dispose()
    name = str(sa.make_url(postgres_url).database)
    reader = sa.create_engine(postgres_server.url(name, user="reader", password="reader-secret"))
    try:
        assert _classified(reader, "INSERT INTO kept VALUES (1)") is ServerFailure.PERMISSION
    finally:
        reader.dispose()


def test_a_deadlock_and_a_serialization_failure_ask_to_try_again(postgres_url: str) -> None:
    engine = sa.create_engine(postgres_url)
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE pair (id integer PRIMARY KEY, n integer)")
        connection.exec_driver_sql("INSERT INTO pair VALUES (1, 0), (2, 0)")
    found: list[ServerFailure | None] = []
    both_locked = threading.Barrier(2)

    def cross(first: int, second: int) -> None:
        try:
            with engine.begin() as connection:
                connection.exec_driver_sql(f"UPDATE pair SET n = n + 1 WHERE id = {first}")
                both_locked.wait()
                connection.exec_driver_sql(f"UPDATE pair SET n = n + 1 WHERE id = {second}")
        except sa.exc.DBAPIError as exc:
            found.append(server_failures.classify(exc))

    threads = [threading.Thread(target=cross, args=pair) for pair in ((1, 2), (2, 1))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [ServerFailure.DEADLOCK]

    serializable = engine.execution_options(isolation_level="SERIALIZABLE")
    with serializable.connect() as one, serializable.connect() as two:
        one.exec_driver_sql("SELECT n FROM pair WHERE id = 1")
        two.exec_driver_sql("SELECT n FROM pair WHERE id = 1")
        one.exec_driver_sql("UPDATE pair SET n = 10 WHERE id = 1")
        one.commit()
        with pytest.raises(sa.exc.DBAPIError) as raised:
            two.exec_driver_sql("UPDATE pair SET n = 20 WHERE id = 1")
        two.rollback()
    engine.dispose()
    assert server_failures.classify(raised.value) is ServerFailure.CONFLICT
    error = server_failures.server_error(raised.value, engine.url)
    assert isinstance(error, DatabaseBusyError)
    assert "at the same moment" in str(error)


def test_an_error_of_ours_is_no_server_failure() -> None:
    assert server_failures.classify(ValueError("a bug")) is None
