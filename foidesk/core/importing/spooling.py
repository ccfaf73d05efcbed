"""Where the large parts of an email wait, decoded, between parsing and the store.

A private folder inside the store's staging area: on the same disk as the
store (a system temporary folder may be memory), readable by nobody else,
and removed as soon as the message is stored. A folder left by an import
that was killed is removed by the next import once it is a day old (an
import running in another process may still be using a newer one).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from foidesk.core.storage import privacy
from foidesk.core.storage.file_store import AttachmentStore

PREFIX = "spool-"
STALE_SECONDS = 24 * 3600


@contextmanager
def spool_folder(store: AttachmentStore) -> Iterator[Path]:
    """A new private folder for one email's spooled parts, removed afterwards."""
    privacy.make_dir(store.staging)
    _remove_stale(store.staging)
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=store.staging))  # created 0700
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale(staging: Path) -> None:
    cutoff = time.time() - STALE_SECONDS
    for folder in staging.glob(f"{PREFIX}*"):
        try:
            if folder.is_dir() and folder.stat().st_mtime < cutoff:
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue
