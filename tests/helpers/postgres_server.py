"""A real PostgreSQL on loopback for the tests, from Debian's ``postgresql`` package.

The cluster lives in a temporary folder of its own, made by ``initdb`` and run by
``pg_ctl`` as the ``postgres`` user (PostgreSQL refuses to run as root). It listens on
127.0.0.1 only, on a free port, with TLS (a CA and server certificate made here, so a
client can use ``sslmode=verify-full`` against ``localhost``) and password
authentication (SCRAM) for every connection: nothing is trusted by being local.

``postgres_server`` (one per test session) and ``postgres_url`` (a fresh, empty database
per test) are the fixtures; ``tests/conftest.py``-level code imports them from here.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ports import free_port
from servers import missing

PACKAGES = "apt-get install postgresql, and pip install 'foidesk[team]'"
SERVICE_USER = "postgres"
SUPERUSER = "foidesk_admin"


def server_programs() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian keeps them per version)."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=_version_key)
    return found[-1].parent if found else None


def _version_key(path: Path) -> int:
    version = path.parent.parent.name
    return int(version) if version.isdigit() else 0


@dataclass
class PostgresServer:
    """One running cluster. ``host`` is the name its certificate is for."""

    folder: Path
    bin: Path
    port: int
    password: str
    ca_file: Path
    host: str = "localhost"

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", *, user: str = SUPERUSER, password: str = "") -> str:
        """A SQLAlchemy URL for ``database``, verifying the server's certificate."""
        secret = password or self.password
        return (
            f"postgresql+psycopg://{user}:{secret}@{self.host}:{self.port}/{database}"
            f"?sslmode=verify-full&sslrootcert={self.ca_file}"
        )

    def connect(self, database: str = "postgres") -> Any:
        """A psycopg connection as the superuser, in autocommit (for CREATE DATABASE)."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            dbname=database,
            user=SUPERUSER,
            password=self.password,
            sslmode="verify-full",
            sslrootcert=str(self.ca_file),
            autocommit=True,
        )

    def create_database(self, name: str, *, template: str = "template0") -> str:
        """Make an empty database (or a copy of ``template``) and return its URL."""
        with self.connect() as connection:
            connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" ENCODING UTF8')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        with self.connect() as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def run(self, *arguments: str) -> subprocess.CompletedProcess[str]:
        """Run one of the server's programs as the service user."""
        return subprocess.run(
            ["runuser", "-u", SERVICE_USER, "--", *arguments],
            capture_output=True,
            text=True,
            check=False,
            cwd=self.folder,
        )

    def start(self) -> None:
        log = self.folder / "server.log"
        done = self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(log), "-w",
                        "-t", "30", "start")  # fmt: skip
        if done.returncode != 0:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"PostgreSQL did not start: {done.stderr}{tail}")

    def stop(self) -> None:
        self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")


def make_server(folder: Path) -> PostgresServer:
    """initdb a cluster in ``folder`` (owned by the service user) and configure it."""
    from imap_server import Certificates

    programs = server_programs()
    if programs is None or not shutil.which("runuser"):
        missing("PostgreSQL", PACKAGES)
    assert programs is not None
    try:
        service = pwd.getpwnam(SERVICE_USER)
    except KeyError:
        missing(f"the {SERVICE_USER} user", PACKAGES)
        raise
    folder.chmod(0o755)
    certificates = Certificates.make(folder, ("localhost",))
    password = secrets.token_urlsafe(18)
    server = PostgresServer(folder, programs, free_port(), password, certificates.ca_file)
    (folder / "password").write_text(password + "\n")
    for path in (folder / "password", certificates.key_file, certificates.cert_file):
        os.chown(path, service.pw_uid, service.pw_gid)
        path.chmod(0o600)
    os.chown(folder, service.pw_uid, service.pw_gid)
    made = server.run(str(programs / "initdb"), "-D", str(server.data), "-U", SUPERUSER,
                      "--pwfile", str(folder / "password"), "--auth", "scram-sha-256",
                      "-E", "UTF8", "--locale", "C.UTF-8")  # fmt: skip
    if made.returncode != 0:
        raise RuntimeError(f"initdb failed: {made.stderr}")
    settings = {
        "listen_addresses": "'127.0.0.1'",
        "port": str(server.port),
        "unix_socket_directories": f"'{folder}'",
        "ssl": "on",
        "ssl_cert_file": f"'{certificates.cert_file}'",
        "ssl_key_file": f"'{certificates.key_file}'",
        "fsync": "off",  # a test cluster: speed over durability (it is thrown away)
        "synchronous_commit": "off",
        "full_page_writes": "off",
        "max_connections": "200",
    }
    with (server.data / "postgresql.conf").open("a") as conf:
        conf.writelines(f"{key} = {value}\n" for key, value in settings.items())
    (server.data / "pg_hba.conf").write_text(
        "local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n"
    )
    return server


@contextlib.contextmanager
def running_server() -> Iterator[PostgresServer]:
    """A cluster for as long as the block runs; its folder is removed afterwards."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        missing("psycopg", PACKAGES)
    folder = Path(tempfile.mkdtemp(prefix="foidesk-pg-"))
    try:
        server = make_server(folder)
        server.start()
        try:
            _wait_until_ready(server)
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _wait_until_ready(server: PostgresServer) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            server.connect().close()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_server() as server:
        yield server


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """The URL of an empty database of the test's own, dropped afterwards."""
    name = f"test_{secrets.token_hex(6)}"
    yield postgres_server.create_database(name)
    postgres_server.drop_database(name)
