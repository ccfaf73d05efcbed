"""Streaming members into a new backup (``reader.py`` reads them back).

Nothing is ever held whole in memory: content moves in 1 MiB chunks, so memory use
is the same for a 1 kB note and a 2 GB profile.
"""

from __future__ import annotations

import hashlib
import itertools
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from foidesk.core.backup.compression import should_store
from foidesk.core.backup.ticker import Ticker
from foidesk.core.backup.zipwriter import ZipWriter

CHUNK = 1 << 20


def write_member(
    archive: ZipWriter,
    name: str,
    chunks: Iterator[bytes],
    size: int,
    moment: datetime,
    ticker: Ticker,
    *,
    stored: bool | None = None,
    hashed: bool = True,
) -> tuple[str | None, zipfile.ZipInfo]:
    """Copy ``chunks`` into a new member; return the SHA-256 (if ``hashed``) of what was
    written, and the member's final directory entry (its ``file_size`` is the size).

    Stored attachments are named by their SHA-256 already, so they are not hashed here:
    they are hashed when read back from the file (``readback.py``).
    """
    head = next(chunks, b"")
    keep_as_is = should_store(head) if stored is None else stored
    digest = hashlib.sha256() if hashed else None

    def counted() -> Iterator[bytes]:
        for chunk in itertools.chain((head,), chunks):
            if digest is not None:
                digest.update(chunk)
            yield chunk
            ticker.advance(len(chunk))

    info = archive.add(name, counted(), size, moment, compress=not keep_as_is)
    return (digest.hexdigest() if digest is not None else None), info


def file_chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk
