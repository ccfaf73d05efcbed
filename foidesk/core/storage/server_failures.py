"""What went wrong with a database server (PostgreSQL through psycopg), in one place.

A statement's failure carries its SQLSTATE (``psycopg.Error.sqlstate``), which is sorted
here into the few kinds a person can act on. A failure to connect carries none: libpq
reports it as text only, so for that case alone the text is matched against libpq's
own fixed phrases (its client messages are not translated in the wheels psycopg ships;
the server's ``FATAL`` lines are English unless the server is set otherwise). Each
kind becomes one sentence naming the server (never the password).

Anything not sorted here is not the user's doing; callers let it propagate as a bug.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from foidesk.core.errors import (
    DatabaseBusyError,
    DiskFullError,
    ServerAccessError,
    ServerUnavailableError,
    StorageError,
)
from foidesk.core.i18n import _


class ServerFailure(StrEnum):
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    AUTHENTICATION = "authentication"
    CERTIFICATE = "certificate"
    NO_DATABASE = "no-database"
    PERMISSION = "permission"
    CONFLICT = "conflict"
    DEADLOCK = "deadlock"
    FULL = "full"
    SHUTTING_DOWN = "shutting-down"
    CONNECTION_LOST = "connection-lost"


_SQLSTATES = {
    "28P01": ServerFailure.AUTHENTICATION,
    "28000": ServerFailure.AUTHENTICATION,
    "3D000": ServerFailure.NO_DATABASE,
    "42501": ServerFailure.PERMISSION,
    "40001": ServerFailure.CONFLICT,
    "40P01": ServerFailure.DEADLOCK,
    "53100": ServerFailure.FULL,
    "57P01": ServerFailure.SHUTTING_DOWN,
    "57P02": ServerFailure.SHUTTING_DOWN,
    "57P03": ServerFailure.SHUTTING_DOWN,
}
#: libpq's phrases for a failed connection, which has no SQLSTATE (see the docstring).
_CONNECT_PHRASES = (
    ("password authentication failed", ServerFailure.AUTHENTICATION),
    ("no password supplied", ServerFailure.AUTHENTICATION),
    ("no pg_hba.conf entry", ServerFailure.AUTHENTICATION),
    ("certificate", ServerFailure.CERTIFICATE),
    ("ssl error", ServerFailure.CERTIFICATE),
    ("connection refused", ServerFailure.REFUSED),
    ("does not exist", ServerFailure.NO_DATABASE),
    ("the database system is", ServerFailure.SHUTTING_DOWN),
)


def _psycopg_error(exc: BaseException) -> BaseException | None:
    """The psycopg error behind ``exc``, or None when psycopg is not what raised it."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    module = type(orig).__module__
    return orig if module == "psycopg" or module.startswith("psycopg.") else None


def classify(exc: BaseException) -> ServerFailure | None:
    """The kind of server failure, or None when ``exc`` is no server failure (a bug)."""
    orig = _psycopg_error(exc)
    if orig is None:
        return None
    sqlstate = getattr(orig, "sqlstate", None)
    if isinstance(sqlstate, str):
        if sqlstate.startswith("08"):
            return ServerFailure.CONNECTION_LOST
        return _SQLSTATES.get(sqlstate)
    if type(orig).__name__ != "OperationalError":
        return None
    said = str(orig).lower()
    for phrase, failure in _CONNECT_PHRASES:
        if phrase in said:
            return failure
    if said.startswith("connection failed") or "server closed the connection" in said:
        return ServerFailure.UNREACHABLE
    return None


def server_name(url: URL) -> str:
    """How a message names the server: ``host:port/database``, never the password."""
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"{host}{port}/{url.database or ''}"


def server_error(exc: BaseException, url: URL) -> StorageError | None:
    """One clear sentence for a server's failure; None when ``exc`` is none (a bug)."""
    failure = classify(exc)
    if failure is None:
        return None
    return _ERRORS[failure](server_name(url), url.username or "")


def _refused(server: str, _user: str) -> StorageError:
    return ServerUnavailableError(
        _(
            "the database server {server} refused the connection: check that it is running"
            " and that the address is right"
        ).format(server=server)
    )


def _unreachable(server: str, _user: str) -> StorageError:
    return ServerUnavailableError(
        _(
            "the database server {server} cannot be reached: check the network and the"
            " address, then try again"
        ).format(server=server)
    )


def _authentication(server: str, user: str) -> StorageError:
    return ServerAccessError(
        _(
            "the database server {server} did not accept the password for {user}: check the"
            " user name and password"
        ).format(server=server, user=user)
    )


def _certificate(server: str, _user: str) -> StorageError:
    return ServerAccessError(
        _(
            "the certificate of the database server {server} could not be verified: foidesk"
            " will not send the password to a server it cannot trust"
        ).format(server=server)
    )


def _no_database(server: str, _user: str) -> StorageError:
    return ServerUnavailableError(
        _(
            "the database server {server} has no such database: check the database name in"
            " the address"
        ).format(server=server)
    )


def _permission(server: str, user: str) -> StorageError:
    return ServerAccessError(
        _(
            "the database server {server} does not allow {user} to do this: ask the team's"
            " database administrator for the rights"
        ).format(server=server, user=user)
    )


def _conflict(server: str, _user: str) -> StorageError:
    return DatabaseBusyError(
        _(
            "another member changed the same records at the same moment on {server}; nothing"
            " was changed — try again"
        ).format(server=server)
    )


def _full(server: str, _user: str) -> StorageError:
    return DiskFullError(
        _(
            "the database server {server} has no room left on its disk; nothing was changed"
            " — ask its administrator to free some"
        ).format(server=server)
    )


def _shutting_down(server: str, _user: str) -> StorageError:
    return ServerUnavailableError(
        _(
            "the database server {server} is starting up or shutting down; try again in a moment"
        ).format(server=server)
    )


def _connection_lost(server: str, _user: str) -> StorageError:
    return ServerUnavailableError(
        _(
            "the connection to the database server {server} was lost; the change was not"
            " made — try again"
        ).format(server=server)
    )


_ERRORS = {
    ServerFailure.REFUSED: _refused,
    ServerFailure.UNREACHABLE: _unreachable,
    ServerFailure.AUTHENTICATION: _authentication,
    ServerFailure.CERTIFICATE: _certificate,
    ServerFailure.NO_DATABASE: _no_database,
    ServerFailure.PERMISSION: _permission,
    ServerFailure.CONFLICT: _conflict,
    ServerFailure.DEADLOCK: _conflict,
    ServerFailure.FULL: _full,
    ServerFailure.SHUTTING_DOWN: _shutting_down,
    ServerFailure.CONNECTION_LOST: _connection_lost,
}
