"""A real OS keyring for the tests: GNOME Keyring's Secret Service on a private D-Bus
session bus (``dbus-run-session``), unlocked, its files in a folder of its own.

``private_keyring()`` starts it and points this process (and the processes it starts)
at it through ``DBUS_SESSION_BUS_ADDRESS``; everything is restored and stopped after.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from servers import missing

PACKAGES = "apt-get install gnome-keyring dbus"
#: A session bus that starts no service on demand: otherwise the first call to the
#: Secret Service, made while the daemon below is still starting, has the bus start a
#: second, locked keyring from the system's service files, and the first one gives way.
_BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""
_SCRIPT = """
printf '%s\\n' "$DBUS_SESSION_BUS_ADDRESS" > "$1/address.part"
mv "$1/address.part" "$1/address"
printf 'unlock' | gnome-keyring-daemon --foreground --unlock --components=secrets \\
    > "$1/daemon.log" 2>&1 &
wait
"""


@dataclass(frozen=True)
class Keyring:
    address: str
    folder: Path

    def environment(self) -> dict[str, str]:
        """What a process started by a test needs to use this keyring."""
        return {"DBUS_SESSION_BUS_ADDRESS": self.address}


def _wait_for_service(address: str, deadline: float) -> bool:
    import secretstorage

    while time.monotonic() < deadline:
        try:
            connection = secretstorage.dbus_init()
            try:
                collection = secretstorage.get_default_collection(connection)
                if not collection.is_locked():
                    return True
            finally:
                connection.close()
        except Exception:  # not up yet: the bus or the service is still starting
            pass
        time.sleep(0.1)
    return False


@contextlib.contextmanager
def private_keyring() -> Iterator[Keyring]:
    for tool in ("dbus-run-session", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            missing(tool, PACKAGES)
    folder = Path(tempfile.mkdtemp(prefix="foidesk-keyring-"))
    runtime = folder / "run"
    runtime.mkdir(mode=0o700)
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_RUNTIME_DIR": str(runtime),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    config = folder / "bus.conf"
    config.write_text(_BUS_CONFIG.format(folder=runtime), encoding="utf-8")
    process = subprocess.Popen(
        [
            "dbus-run-session",
            f"--config-file={config}",
            "--",
            "sh",
            "-c",
            _SCRIPT,
            "keyring",
            str(folder),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    previous = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    try:
        deadline = time.monotonic() + 20
        while not (folder / "address").exists():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the private D-Bus session did not start")
            time.sleep(0.05)
        address = (folder / "address").read_text().strip()
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        if not _wait_for_service(address, deadline):
            log = (folder / "daemon.log").read_text(errors="replace")[-1000:]
            raise RuntimeError(f"gnome-keyring did not start: {log}")
        _choose_backend()
        yield Keyring(address, folder)
    finally:
        if previous is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = previous
        _stop(process)  # first: nothing below may leave the daemons running
        shutil.rmtree(folder, ignore_errors=True)
        _choose_backend()


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the session's whole process group: the bus, the keyring, and any keyring
    the bus started on demand."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)  # what outlived its session leader


def _choose_backend() -> None:
    """Let ``keyring`` look again for the best backend, as a fresh process would."""
    import keyring.backend
    import keyring.core

    found = keyring.backend.get_all_keyring
    if hasattr(found, "saved_result"):  # which backends work is remembered once
        del found.saved_result
    keyring.core.init_backend()
