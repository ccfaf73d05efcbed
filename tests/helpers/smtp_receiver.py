"""A real SMTP receiver on loopback (aiosmtpd): where the test's Dovecot submission
server relays what foidesk sends, so a test reads the mail as the authority's server
would have received it — envelope and bytes."""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from ports import free_port

PACKAGES = "pip install aiosmtpd (the project's test extra)"


@dataclass(frozen=True)
class Delivered:
    sender: str
    recipients: tuple[str, ...]
    data: bytes


@dataclass
class SmtpReceiver:
    port: int
    mails: list[Delivered] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._arrived:
            self.mails.append(
                Delivered(envelope.mail_from, tuple(envelope.rcpt_tos), bytes(envelope.content))
            )
            self._arrived.notify_all()
        return "250 OK"

    def wait_for(self, count: int, timeout: float = 15.0) -> list[Delivered]:
        """The mails received, once there are ``count`` (the relay is asynchronous)."""
        with self._arrived:
            self._arrived.wait_for(lambda: len(self.mails) >= count, timeout)
            return list(self.mails)


@contextlib.contextmanager
def running_receiver() -> Iterator[SmtpReceiver]:
    try:
        from aiosmtpd.controller import Controller
    except ImportError:
        message = f"aiosmtpd is not available ({PACKAGES})"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    receiver = SmtpReceiver(free_port())
    controller = Controller(receiver, hostname="127.0.0.1", port=receiver.port)
    controller.start()
    try:
        yield receiver
    finally:
        controller.stop()
