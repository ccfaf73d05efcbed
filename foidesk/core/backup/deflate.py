"""DEFLATE and CRC-32 for backups, from Intel's ISA-L (the ``isal`` package).

The streams are standard raw DEFLATE, so ``unzip`` and ``zipfile`` read them; ISA-L
only makes them several times faster to produce than zlib does at its fastest level
(and smaller), and its CRC-32 runs at memory speed. A backup spends its time on
exactly these two, over every byte of the profile.
"""

from __future__ import annotations

from typing import cast

from isal import isal_zlib

LEVEL = 1  # ISA-L's level 1 packs mail text tighter than zlib's level 1, at ~4x the speed
_RAW = -isal_zlib.MAX_WBITS  # a bare DEFLATE stream, as ZIP members hold

Error = cast(type[Exception], isal_zlib.error)
Compressor = isal_zlib.Compress
Decompressor = isal_zlib.Decompress


def compressor() -> Compressor:
    return isal_zlib.compressobj(LEVEL, isal_zlib.DEFLATED, _RAW)


def decompressor() -> Decompressor:
    return isal_zlib.decompressobj(_RAW)


def compressed_size(sample: bytes) -> int:
    return len(isal_zlib.compress(sample, LEVEL, _RAW))


def deflated(data: bytes) -> bytes:
    """The whole of ``data`` as one raw DEFLATE stream."""
    packer = compressor()
    return packer.compress(data) + packer.flush()


def crc32(data: bytes, value: int = 0) -> int:
    return isal_zlib.crc32(data, value)
