"""Streaming members into a new backup (``reader.py`` reads them back).

No member is held whole in memory beyond ``WHOLE_LIMIT``: larger content moves in
1 MiB chunks, so memory use is the same for a 1 kB note and a 2 GB profile. Smaller
files (most attachments) are read in one call and written in batches: a profile of
50,000 files spends its time on system calls, not on bytes.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from foidesk.core.backup.compression import deflated_if_worthwhile, should_store
from foidesk.core.backup.ticker import Ticker
from foidesk.core.backup.zipwriter import Written, ZipWriter

CHUNK = 1 << 20
WHOLE_LIMIT = CHUNK  # files up to this size are read and written in one piece


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
) -> tuple[str | None, Written]:
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


def write_whole(
    archive: ZipWriter,
    name: str,
    data: bytes,
    moment: datetime,
    ticker: Ticker,
    *,
    hashed: bool = True,
) -> tuple[str | None, Written]:
    """``write_member`` for content at hand (at most ``WHOLE_LIMIT`` bytes): gathered with
    its neighbours, complete in the file after the writer's next ``drain``."""
    info = archive.add_whole(name, data, moment, deflated=deflated_if_worthwhile(data))
    ticker.advance(len(data))
    return (hashlib.sha256(data).hexdigest() if hashed else None), info


def file_chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk


def read_whole(fd: int, size: int) -> bytes:
    """A file of ``size`` bytes in one call (a short read is the end of a regular file);
    more calls only if it grew meanwhile."""
    wanted = size + 1
    part = os.read(fd, wanted)
    if len(part) < wanted:
        return part
    parts = [part]
    while part := os.read(fd, CHUNK):
        parts.append(part)
    return b"".join(parts)
