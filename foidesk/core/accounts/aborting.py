"""Stopping a fetch that waits on a server which has stopped answering.

A cancelled fetch stops between mails, but a server that accepted the connection and
then says nothing holds the fetch in a read until the socket's timeout (30 s): the
window, closing, would wait that long. So the fetch's connection is *abortable*: a
watcher sees the cancel and shuts the connection's socket down, which ends the read at
once with an error the fetch takes as the cancel (the mark is saved at the last mail
done, as for any cancel). The socket is held from the moment it is connected, so a
server silent from its greeting on is stopped the same way.
"""

from __future__ import annotations

import imaplib
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any

from imapclient import IMAPClient

from foidesk.core.progress import Progress

#: How often the watcher looks whether the fetch was cancelled.
WATCH_SECONDS = 0.05


class Abort:
    """The sockets of one connection, shut down on ``fire`` from any thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._fired = False

    @property
    def fired(self) -> bool:
        return self._fired

    def hold(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self._fired:
                _shut(sock)

    def fire(self) -> None:
        with self._lock:
            self._fired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with suppress(OSError):  # closed already, or detached when TLS wrapped it
        socket.socket.shutdown(sock, socket.SHUT_RDWR)


@contextmanager
def watching(progress: Progress, abort: Abort) -> Iterator[Abort]:
    """While the block runs, fire ``abort`` as soon as ``progress`` is cancelled."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(WATCH_SECONDS):
            if progress.cancelled():
                abort.fire()
                return

    watcher = threading.Thread(target=watch, name="foidesk-fetch-watch", daemon=True)
    watcher.start()
    try:
        yield abort
    finally:
        done.set()
        watcher.join()


class AbortableIMAPClient(IMAPClient):  # type: ignore[misc]  # imapclient has no types
    """An ``IMAPClient`` whose sockets ``abort`` holds from the moment they connect."""

    def __init__(self, abort: Abort, *args: Any, **kwargs: Any) -> None:
        self._abort = abort
        super().__init__(*args, **kwargs)

    def _create_IMAP4(self) -> imaplib.IMAP4:
        timeout = getattr(self._timeout, "connect", None)
        if self.ssl:
            return _TLS(self._abort, self.host, self.port, self.ssl_context, timeout)
        return _Plain(self._abort, self.host, self.port, timeout)

    def starttls(self, ssl_context: ssl.SSLContext | None = None) -> Any:
        answer = super().starttls(ssl_context)
        self._abort.hold(self.socket())  # the TLS socket that replaced the plain one
        return answer


class _Plain(imaplib.IMAP4):
    """imaplib's connection with the connect timeout imapclient gives it."""

    def __init__(self, abort: Abort, host: str, port: int, timeout: float | None) -> None:
        self._abort = abort
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout)
        self._abort.hold(sock)
        return sock


class _TLS(imaplib.IMAP4):
    """TLS from the first byte, as imapclient's ``IMAP4_TLS``, with the socket held from
    its connect, through the handshake, to the end."""

    def __init__(
        self,
        abort: Abort,
        host: str,
        port: int,
        context: ssl.SSLContext | None,
        timeout: float | None,
    ) -> None:
        self._abort = abort
        self.ssl_context = context or ssl.create_default_context()
        super().__init__(host, port, timeout=timeout)

    def _create_socket(self, timeout: float | None = None) -> socket.socket:
        sock = socket.create_connection((self.host, self.port), timeout)
        self._abort.hold(sock)
        # wrapping takes the plain socket's descriptor: hold the TLS socket before its
        # handshake, which is where a silent server would keep it waiting
        wrapped = self.ssl_context.wrap_socket(
            sock, server_hostname=self.host, do_handshake_on_connect=False
        )
        self._abort.hold(wrapped)
        try:
            wrapped.do_handshake()
        except BaseException:
            wrapped.close()  # imaplib closes only a socket it was given
            raise
        return wrapped
