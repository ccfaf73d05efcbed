"""A server that takes the connection and never says a word: a mail server hung after
its accept, or a network that lost the way back. Real sockets on loopback."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress


class SilentServer:
    """Listens on a free loopback port; keeps every connection open and silent."""

    def __init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.host, self.port = "127.0.0.1", int(self._listener.getsockname()[1])
        self.accepted = threading.Event()
        self._held: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, name="silent-server", daemon=True)

    def _accept(self) -> None:
        while True:
            try:
                connection, _address = self._listener.accept()
            except OSError:
                return  # stopped
            self._held.append(connection)
            self.accepted.set()

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes the accept (close alone may not)
        self._listener.close()
        for connection in self._held:
            with suppress(OSError):
                connection.close()
        self._thread.join(timeout=5)


@contextmanager
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
