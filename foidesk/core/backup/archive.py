"""Streaming members into the ZIP (``reader.py`` reads them back).

Nothing is ever held whole in memory: content moves in 1 MiB chunks, so memory use
is the same for a 1 kB note and a 2 GB profile. Every member is a plain file
(mode 0644) so that ``unzip`` recreates regular files and nothing else.
"""

from __future__ import annotations

import hashlib
import itertools
import stat
import sys
import zipfile
from collections.abc import Iterator
from datetime import datetime
from typing import BinaryIO

from .compression import DEFLATE_LEVEL, should_store
from .ticker import Ticker

CHUNK = 1 << 20
REGULAR_FILE_ATTR = (stat.S_IFREG | 0o644) << 16
UNIX = 3
FORCE_ZIP64_ABOVE = 1 << 30
_LEVEL_ATTR = "compress_level" if sys.version_info >= (3, 13) else "_compresslevel"


def member_info(name: str, size: int, moment: datetime, *, stored: bool) -> zipfile.ZipInfo:
    """A ZIP entry for a regular file; ``size`` is known ahead so ZIP64 is chosen correctly."""
    local = moment.astimezone()
    info = zipfile.ZipInfo(name, date_time=local.timetuple()[:6])
    info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    setattr(info, _LEVEL_ATTR, DEFLATE_LEVEL)
    info.external_attr = REGULAR_FILE_ATTR
    info.create_system = UNIX
    info.file_size = size
    return info


def write_member(
    archive: zipfile.ZipFile,
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
    info = member_info(name, size, moment, stored=keep_as_is)
    digest = hashlib.sha256() if hashed else None
    with archive.open(info, "w", force_zip64=size > FORCE_ZIP64_ABOVE) as out:
        for chunk in itertools.chain((head,), chunks):
            if digest is not None:
                digest.update(chunk)
            out.write(chunk)
            ticker.advance(len(chunk))
    return (digest.hexdigest() if digest is not None else None), info


def file_chunks(source: BinaryIO) -> Iterator[bytes]:
    while chunk := source.read(CHUNK):
        yield chunk
