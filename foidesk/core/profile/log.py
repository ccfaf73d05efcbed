"""The profile's log: ``<profile>/logs/foidesk.log``, what foidesk did on its own.

Decisions nobody watched happen (a backup at exit, a rotation that removed or kept a
backup) are written here, so they can be looked up later. The file is opened for each
record and closed again: nothing in the profile stays open (a restore can move the
folder on any system), and after a restore the log goes on in the profile now in
place. The folder is 0700 and the files 0600, kept to about 1 MB × 3 by rotation.

Logging never gets in the way of the work: a log that cannot be written (a read-only
profile, a full disk) is skipped without a word. Only facts about files go in it —
backup names, dates and counts — never message text, addresses or passwords.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from io import TextIOWrapper
from logging.handlers import RotatingFileHandler
from pathlib import Path

from foidesk.core.profile import Profile

LOG_FOLDER = "logs"
LOG_FILE = "foidesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
LOGGER = "foidesk"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: ProfileLogHandler | None = None


def log_path(profile: Profile) -> Path:
    return profile.data_dir / LOG_FOLDER / LOG_FILE


def start_logging(profile: Profile) -> Path:
    """Send foidesk's INFO records to ``profile``'s log, once per process.

    Called again for the same profile it does nothing; for another profile (a test run,
    a window reopened on a different folder) the log follows the profile opened last.
    Nothing is created on disk until the first record is written.
    """
    global _handler
    path = log_path(profile)
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    logger = logging.getLogger(LOGGER)
    if _handler is not None:
        logger.removeHandler(_handler)
        _handler.close()
    _handler = ProfileLogHandler(path)
    logger.addHandler(_handler)
    logger.setLevel(logging.INFO)
    return path


def stop_logging() -> None:
    """Stop writing to the profile's log (nothing stays open between records anyway)."""
    global _handler
    if _handler is not None:
        logger = logging.getLogger(LOGGER)
        logger.removeHandler(_handler)
        logger.setLevel(logging.NOTSET)
        _handler.close()
        _handler = None


class ProfileLogHandler(RotatingFileHandler):
    """A ``RotatingFileHandler`` that holds no file open and never raises."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, delay=True)
        formatter = logging.Formatter(FORMAT, datefmt="%Y-%m-%dT%H:%M:%SZ")
        formatter.converter = time.gmtime
        self.setFormatter(formatter)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            super().emit(record)
        finally:
            self._close_stream()

    def _open(self) -> TextIOWrapper:
        """The file, made private; its folder is made only inside an existing profile."""
        folder = Path(self.baseFilename).parent
        folder.mkdir(mode=0o700, exist_ok=True)
        folder.chmod(0o700)
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            if hasattr(os, "fchmod"):  # one made before, under another umask
                os.fchmod(descriptor, 0o600)
            return os.fdopen(descriptor, "a", encoding="utf-8")
        except BaseException:
            os.close(descriptor)
            raise

    def _close_stream(self) -> None:
        stream, self.stream = self.stream, None
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()

    def handleError(self, record: logging.LogRecord) -> None:
        """A record that cannot be written is dropped: the log must not break the work."""
        self._close_stream()
