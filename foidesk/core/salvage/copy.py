"""Copying what can still be read from a damaged SQLite file, with SQLite's own recovery.

The sqlite3 command-line shell's ``.recover`` reads the file page by page and prints
SQL that rebuilds every row it can place (and, in a ``lost_and_found`` table, the rows
it found but could not place). A second shell runs that SQL into a new file:

    sqlite3 -readonly DAMAGED ".recover" | sqlite3 NEW

Two processes joined by a pipe: memory stays flat however large the file, and foidesk
parses no SQL. The damaged file is opened read-only — as an immutable file when no log
lies beside it, so that SQLite creates nothing beside it either — and never written.

The shell is the user's own (``FOIDESK_SQLITE3``, else the first ``sqlite3`` on PATH).
Some builds cannot recover — ``.recover`` reads pages through the ``sqlite_dbpage``
table, which Debian and Ubuntu leave out of their SQLite — so the shell is tried on an
empty database first, and a shell that fails is named with what to get instead.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from foidesk.core.i18n import _, ngettext
from foidesk.core.locale_format import format_number
from foidesk.core.progress import Cancelled, NoProgress, Progress
from foidesk.core.salvage.errors import NoRecoveryShellError, SalvageError

SHELL_ENV = "FOIDESK_SQLITE3"
#: The recovery's time limit: a minute, plus a second per megabyte of the file (about
#: 25 times what it takes on an ordinary disk), so a hung shell cannot hang foidesk.
MIN_SECONDS = 60.0
SECONDS_PER_MB = 1.0
PROBE_SECONDS = 30.0
POLL_SECONDS = 0.2
#: ``--ignore-freelist`` keeps pages that were freed (rows the user deleted) out of the
#: copy; shells before 3.40 have no such option, and leave them out anyway.
IGNORE_FREELIST_FROM = (3, 40, 0)

_GET_A_SHELL = (
    "on Debian or Ubuntu run `sudo apt-get install sqlite3`; macOS ships it; on Windows "
    'get the "sqlite-tools" download from sqlite.org'
)


@dataclass(frozen=True)
class Shell:
    path: Path
    version: tuple[int, ...]

    @property
    def version_text(self) -> str:
        return ".".join(str(v) for v in self.version)


@dataclass(frozen=True)
class Recovery:
    """How the copy went: which shell, how long, and what the writing shell complained of
    (statements of the recovered SQL it could not run; the copy is checked after)."""

    shell: Shell
    seconds: float
    complaints: tuple[str, ...]


def find_shell() -> Shell:
    """The sqlite3 shell to recover with, tried on an empty database; raises
    ``NoRecoveryShellError`` with what to do when there is none that can recover.

    ``FOIDESK_SQLITE3`` names one; otherwise the one beside foidesk's own Python (where
    ``scripts/build-recover-shell.sh`` puts it) comes before the first on PATH.
    """
    named = os.environ.get(SHELL_ENV)
    if named:
        found = shutil.which(named)
        if found is None:
            raise NoRecoveryShellError(
                _(
                    "{shell_env} names {named}, which is not a program foidesk can run: set "
                    "it to the sqlite3 shell's full path; nothing was changed"
                ).format(shell_env=SHELL_ENV, named=named)
            )
        return probe_shell(Path(found))
    candidates = [p for p in _shells_beside_python_and_on_path() if p.is_file()]
    if not candidates:
        raise NoRecoveryShellError(
            _(
                "salvage needs SQLite's command-line shell, sqlite3, and none was found: "
                "{get_a_shell}; then run `foidesk salvage` again (or set {shell_env} to the "
                "shell's path); nothing was changed"
            ).format(get_a_shell=_GET_A_SHELL, shell_env=SHELL_ENV)
        )
    refusal: NoRecoveryShellError | None = None
    for candidate in candidates:
        try:
            return probe_shell(candidate)
        except NoRecoveryShellError as exc:
            refusal = refusal or exc
    assert refusal is not None
    raise refusal


def _shells_beside_python_and_on_path() -> list[Path]:
    beside = Path(sys.executable).parent / ("sqlite3.exe" if os.name == "nt" else "sqlite3")
    on_path = shutil.which("sqlite3")
    return list(dict.fromkeys([beside, *([Path(on_path)] if on_path else [])]))


def probe_shell(path: Path) -> Shell:
    """``path`` as a shell that can run ``.recover``, or ``NoRecoveryShellError``."""
    version = _version(path)
    try:
        done = subprocess.run(
            [str(path), *_QUIET, ":memory:", ".recover"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=PROBE_SECONDS,
            check=False,
        )
        works = done.returncode == 0 and b"COMMIT" in done.stdout and not done.stderr.strip()
    except (OSError, subprocess.TimeoutExpired):
        works = False
    if not works:
        raise NoRecoveryShellError(
            _(
                "the sqlite3 shell {path} cannot recover databases: it was built without the "
                "page reader (sqlite_dbpage) that `.recover` needs, as Debian's and Ubuntu's "
                'are; get the "sqlite-tools" download from sqlite.org, set {shell_env} to its'
                " sqlite3 and run `foidesk salvage` again; nothing was changed"
            ).format(path=path, shell_env=SHELL_ENV)
        )
    return Shell(path, version)


#: No ``~/.sqliterc``: a user's own settings must not change what the shells print or do.
_QUIET = ("-batch", "-init", os.devnull)


def _version(path: Path) -> tuple[int, ...]:
    try:
        done = subprocess.run(
            [str(path), *_QUIET, "-version"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=PROBE_SECONDS,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return ()
    first = done.stdout.split()[0] if done.stdout.split() else ""
    parts = first.split(".")
    return tuple(int(p) for p in parts) if all(p.isdigit() for p in parts) else ()


def time_limit(size: int) -> float:
    return MIN_SECONDS + SECONDS_PER_MB * size / (1 << 20)


def recover_into(
    shell: Shell,
    damaged: Path,
    target: Path,
    *,
    limit: float,
    progress: Progress | None = None,
) -> Recovery:
    """Run the two shells, ``damaged`` (read-only) into the new file ``target``.

    The writer keeps no journal and does not sync: ``target`` is a scratch file until
    foidesk has checked it and synced it itself. Raises ``SalvageError`` when the
    recovery fails or runs past ``limit`` seconds (both shells are stopped then).
    """
    started = time.monotonic()
    command = ".recover --ignore-freelist" if shell.version >= IGNORE_FREELIST_FROM else ".recover"
    with tempfile.TemporaryFile() as reader_err, tempfile.TemporaryFile() as writer_err:
        reader = subprocess.Popen(
            [str(shell.path), *_QUIET, "-readonly", _source(damaged), command],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=reader_err,
        )
        with reader:
            with _writer(shell, target, reader, writer_err) as writer:
                _wait(
                    (writer, reader),
                    started + limit,
                    progress or NoProgress(),
                    target,
                    damaged,
                )
            if reader.returncode != 0:
                raise SalvageError(
                    _(
                        "SQLite's recovery stopped with an error ({error}); nothing was "
                        "changed — restore a backup if there is one"
                    ).format(error=_first_line(reader_err) or f"exit status {reader.returncode}")
                )
        complaints = _lines(reader_err) + _lines(writer_err)
    return Recovery(shell, time.monotonic() - started, complaints)


def _source(damaged: Path) -> str:
    """How the reader names the damaged file. Without a log beside it, as an immutable
    file: SQLite then creates nothing beside it either (no ``-wal``, no ``-shm``). With
    one, by its name, read-only, so that the log's transactions are read too."""
    logs = (damaged.with_name(damaged.name + s) for s in ("-wal", "-journal"))
    if any(_size(log) for log in logs):
        return str(damaged)
    return damaged.absolute().as_uri() + "?immutable=1"


def _writer(
    shell: Shell, target: Path, reader: subprocess.Popen[bytes], errors: IO[bytes]
) -> subprocess.Popen[bytes]:
    assert reader.stdout is not None
    try:
        return subprocess.Popen(
            [
                str(shell.path),
                *_QUIET,
                "-cmd",
                "PRAGMA journal_mode = OFF",
                "-cmd",
                "PRAGMA synchronous = OFF",
                str(target),
            ],
            stdin=reader.stdout,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
    finally:
        reader.stdout.close()  # the writer holds the pipe now: the reader sees it close


def _wait(
    shells: tuple[subprocess.Popen[bytes], ...],
    deadline: float,
    progress: Progress,
    target: Path,
    damaged: Path,
) -> None:
    """Wait for both shells, showing how far the new file has grown; stop both on a
    time-out, a cancel or any other way out."""
    total = _size(damaged)
    try:
        for shell in shells:
            while not _finished(shell):
                if progress.cancelled():
                    raise Cancelled(_("salvage cancelled; nothing was changed"))
                if time.monotonic() > deadline:
                    raise _timed_out(total)
                progress.report(min(_size(target), total), total, "Reading what can be read")
    except BaseException:
        for shell in shells:
            if shell.poll() is None:
                shell.kill()
        for shell in shells:
            shell.wait()
        raise


def _finished(shell: subprocess.Popen[bytes]) -> bool:
    try:
        shell.wait(timeout=POLL_SECONDS)
    except subprocess.TimeoutExpired:
        return False
    return True


def _timed_out(size: int) -> SalvageError:
    minutes = round(time_limit(size) / 60)
    message = ngettext(
        "SQLite's recovery did not finish within {minutes} minute for a database of "
        "{size} MB and was stopped; nothing was changed — check the disk "
        "(a failing disk can make every read slow), then try again",
        "SQLite's recovery did not finish within {minutes} minutes for a database of "
        "{size} MB and was stopped; nothing was changed — check the disk "
        "(a failing disk can make every read slow), then try again",
        minutes,
    )
    return SalvageError(message.format(minutes=minutes, size=format_number(size / (1 << 20), 1)))


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _lines(stream: IO[bytes], limit: int = 5) -> tuple[str, ...]:
    stream.seek(0)
    text = stream.read(64 << 10).decode("utf-8", errors="replace")
    return tuple(line.strip() for line in text.splitlines() if line.strip())[:limit]


def _first_line(stream: IO[bytes]) -> str:
    lines = _lines(stream, 1)
    return lines[0] if lines else ""
