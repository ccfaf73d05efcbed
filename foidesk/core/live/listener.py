"""Hearing the other members' changes: a thread with a connection that only listens.

The thread holds one PostgreSQL connection of its own (in autocommit, taken out of the
desk's pool so that nothing else uses it), runs ``LISTEN`` on the channel and waits on
its socket. Each batch of notices that arrives is read strictly (``wire.decode``): a
malformed one is logged and dropped, the listening desk's own are dropped too (it
published them when it committed), and what the others changed is published into the
desk's feed once, merged — the feed does not send it on, so nothing echoes.

The connection can go (the server restarted, the network dropped, an administrator
ended the session). The thread then connects again after a pause that doubles up to
half a minute; once it listens again it publishes ``EVERYTHING``, since notices sent
in between are lost. While idle it asks the server a trivial question every
``keepalive`` seconds, so a connection that died silently is found. ``close`` wakes the
thread through a socket pair, so it returns at once instead of at the next timeout.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from foidesk.core.changes import EVERYTHING, ChangeFeed, merge
from foidesk.core.errors import FoideskError
from foidesk.core.live.notices import CHANNEL
from foidesk.core.live.wire import MalformedNotice, decode

if TYPE_CHECKING:
    from psycopg import Connection, Notify

log = logging.getLogger("foidesk.live")

#: Pauses before each new attempt to connect; the last one repeats.
BACKOFF = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 30.0)
KEEPALIVE = 30.0
#: How long ``close`` waits for the thread (it is a daemon: a server that does not
#: answer a connection attempt cannot keep the process from ending).
CLOSE_WAIT = 2.0

Connect = Callable[[], "Connection[tuple[object, ...]]"]
#: Told the members whose changes just arrived (their ``Profile.member``; may be "").
Heard = Callable[[Sequence[str]], None]


def listening_connection(engine: Engine) -> Connection[tuple[object, ...]]:
    """A connection of ``engine``'s own settings (address, TLS, credentials), detached
    from its pool, in autocommit: a ``LISTEN`` is heard only outside a transaction."""
    proxied = engine.raw_connection()
    proxied.detach()
    connection: Connection[tuple[object, ...]] = proxied.dbapi_connection  # type: ignore[assignment]
    connection.rollback()  # the pool's liveness check may have begun a transaction
    connection.autocommit = True
    return connection


class Listener:
    """Publishes into ``feed`` what other senders than ``sender`` announce on the channel."""

    def __init__(
        self,
        connect: Connect,
        feed: ChangeFeed,
        sender: str,
        *,
        heard: Heard | None = None,
        backoff: Sequence[float] = BACKOFF,
        keepalive: float = KEEPALIVE,
    ) -> None:
        self._connect = connect
        self._feed = feed
        self._sender = sender
        self._heard = heard
        self._backoff = tuple(backoff)
        self._keepalive = keepalive
        self._stop = threading.Event()
        self._wake_read, self._wake_write = socket.socketpair()
        self._thread = threading.Thread(target=self._run, name="foidesk-live", daemon=True)
        #: Set while the connection listens (tests and a face's start wait on it).
        self.listening = threading.Event()
        #: How many times a lost connection has been made again.
        self.reconnections = 0
        #: The server's process for the connection (for its logs, and the tests).
        self.backend_pid: int | None = None

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        """Stop listening, promptly: the thread is woken, not waited out."""
        self._stop.set()
        with contextlib.suppress(OSError):
            self._wake_write.send(b"x")
        if self._thread.is_alive():
            self._thread.join(CLOSE_WAIT)
        if not self._thread.is_alive():
            self._wake_read.close()
            self._wake_write.close()

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # --- on the thread -------------------------------------------------------------

    def _run(self) -> None:
        from psycopg import Error as ServerError

        attempt = 0
        lost = False
        while not self._stop.is_set():
            try:
                connection = self._connect()
            except (DBAPIError, FoideskError, OSError, ServerError) as exc:
                log.info("live updates: cannot connect (%s); trying again", _first_line(exc))
            else:
                try:
                    self.backend_pid = connection.info.backend_pid
                    connection.execute(f"LISTEN {CHANNEL}")
                    self.listening.set()
                    if lost:
                        self.reconnections += 1
                        log.info("live updates: listening again; everything is read again")
                        self._feed.publish(EVERYTHING, foreign=True)
                    attempt = 0
                    self._serve(connection)
                except (OSError, ServerError) as exc:
                    if not self._stop.is_set():
                        log.info("live updates: connection lost (%s)", _first_line(exc))
                finally:
                    self.listening.clear()
                    with contextlib.suppress(Exception):
                        connection.close()
            lost = True
            self._stop.wait(self._backoff[min(attempt, len(self._backoff) - 1)])
            attempt += 1

    def _serve(self, connection: Connection[tuple[object, ...]]) -> None:
        """Until ``close``: hand on each batch of notices; raises when the line goes."""
        while True:
            self._deliver(connection.notifies(timeout=0))  # what is read already, first
            ready, _, _ = select.select(
                [connection.fileno(), self._wake_read.fileno()], [], [], self._keepalive
            )
            if self._stop.is_set():
                return
            if not ready:
                connection.execute("SELECT 1")  # finds a connection that died silently

    def _deliver(self, arrived: Iterable[Notify]) -> None:
        notices = []
        for notify in arrived:
            if notify.channel != CHANNEL:
                continue
            try:
                notice = decode(notify.payload)
            except MalformedNotice as exc:
                log.warning(
                    "live updates: ignored a notice from server process %d: %s", notify.pid, exc
                )
                continue
            if notice.sender != self._sender:
                notices.append(notice)
        if not notices:
            return
        changes = merge(notice.changes for notice in notices)
        if not changes.empty:
            self._feed.publish(changes, foreign=True)
        if self._heard is not None:
            self._heard([notice.member for notice in notices])


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
