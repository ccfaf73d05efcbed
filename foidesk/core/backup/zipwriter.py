"""Writing a ZIP file front to back, one streamed member at a time.

The standard library's writer computes CRC-32 and DEFLATE with zlib, which is where a
backup spent most of its time; this one writes the same format (PKWARE APPNOTE 6.3)
with ISA-L (``deflate.py``). It writes only what a backup needs: regular files,
stored or deflated, no encryption, no data descriptors. A large member's header is
written first and its CRC and sizes filled in once the content has gone through, so
it is never held in memory; a small one (``add_whole``) is gathered with its neighbours
and written in one go, since a system call per header costs more than the bytes. ZIP64
records are written when a size or offset needs them, as ``zipfile`` does. Every member
says it is a regular file with mode 0600, so ``unzip`` extracts it private (``zipfile``
ignores modes: foidesk tightens such a folder when it opens it as a profile).

Each member's central directory entry is packed as soon as the member is complete, so
the writer holds about a hundred bytes per member rather than an object.
``structure.py`` reads every backup's directory back with ``zipfile`` before the
backup is accepted: a writer bug would be caught there, not by a user.
"""

from __future__ import annotations

import stat
import struct
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import BinaryIO

from foidesk.core.backup import deflate

ZIP64_LIMIT = (1 << 31) - 1  # as zipfile: some readers take 32-bit fields as signed
_ZIP64_MARK = 0xFFFFFFFF
_ZIP64_COUNT_MARK = 0xFFFF
_ZIP64_EXTRA = 0x0001
_UTF8_NAME = 0x800
_UNIX = 3
_REGULAR_FILE_ATTR = (stat.S_IFREG | 0o600) << 16  # a private regular file, for unzip
_DEFLATE_GROWTH = 1.05  # stored-in-deflate blocks add a little to incompressible data

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_END64 = struct.Struct("<4sQ2H2L4Q")
_LOCATOR64 = struct.Struct("<4sLQL")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_CENTRAL_SIGNATURE = b"PK\x01\x02"
_END_SIGNATURE = b"PK\x05\x06"
_END64_SIGNATURE = b"PK\x06\x06"
_LOCATOR64_SIGNATURE = b"PK\x06\x07"
_CRC_OFFSET = 14  # within the local header: CRC-32, compressed size, size
GATHER_BYTES = 1 << 20  # small members are written in batches of about this size


@dataclass(slots=True)
class Written:
    """A member as the directory lists it, by the names ``zipfile.ZipInfo`` gives those
    fields (so ``reader.py`` reads either)."""

    filename: str
    header_offset: int
    compress_type: int
    CRC: int = 0
    file_size: int = 0
    compress_size: int = 0

    @property
    def orig_filename(self) -> str:
        return self.filename

    @property
    def flag_bits(self) -> int:
        return 0 if self.filename.isascii() else _UTF8_NAME


class ZipWriter:
    """Members added with ``add`` are complete in the file when it returns; those added
    with ``add_whole`` once ``drain`` has run (``add`` and ``close`` drain too). ``close``
    writes the directory that makes the file a ZIP. ``file`` must be seekable and opened
    for writing only by this writer."""

    def __init__(self, file: BinaryIO, *, force_zip64: bool = False) -> None:
        self._file = file
        self._position = file.tell()
        self._force_zip64 = force_zip64
        self._central = bytearray()
        self._count = 0
        self._gathered = bytearray()
        self._closed = False

    @property
    def size(self) -> int:
        """Bytes written so far (gathered ones included)."""
        return self._position

    @property
    def gathered(self) -> int:
        """Bytes of small members not yet handed to the file."""
        return len(self._gathered)

    def add(
        self,
        name: str,
        chunks: Iterable[bytes],
        size: int,
        moment: datetime,
        *,
        compress: bool,
    ) -> Written:
        """Write a member holding ``chunks`` (``size`` bytes, known ahead for ZIP64);
        return its directory entry, final, with the file flushed past it."""
        self.drain()
        info = Written(name, self._position, _method(compress))
        zip64 = self._force_zip64 or size * _DEFLATE_GROWTH > ZIP64_LIMIT
        time, date = _dos_time(moment)
        self._write(_local_header(info, time, date, zip64, sizes_known=False))
        info.CRC, info.file_size, info.compress_size = self._write_content(chunks, compress)
        if not zip64 and max(info.file_size, info.compress_size) > ZIP64_LIMIT:
            raise ValueError(f"{name} grew past {size} bytes while it was being written")
        self._fill_in_local_header(info, zip64)
        self._list(info, time, date)
        return info

    def add_whole(
        self, name: str, data: bytes, moment: datetime, *, deflated: bytes | None
    ) -> Written:
        """A member whose content is at hand (``deflated``: its DEFLATE stream, or None to
        store it): its header is written with its CRC and sizes, gathered with the members
        around it until ``drain``."""
        body = data if deflated is None else deflated
        if self._force_zip64 or max(len(data), len(body)) > ZIP64_LIMIT:
            return self.add(name, (data,), len(data), moment, compress=deflated is not None)
        info = Written(name, self._position, _method(deflated is not None), deflate.crc32(data))
        info.file_size, info.compress_size = len(data), len(body)
        time, date = _dos_time(moment)
        header = _local_header(info, time, date, False, sizes_known=True)
        self._gathered += header
        self._gathered += body
        self._position += len(header) + len(body)
        self._list(info, time, date)
        return info

    def drain(self) -> None:
        """Hand the gathered members to the file and flush it: they may be read back now."""
        if self._gathered:
            self._file.write(self._gathered)
            self._gathered.clear()
            self._file.flush()

    def close(self, comment: bytes = b"") -> None:
        """Write the central directory and the end records (with the archive's
        ``comment``, at most 65,535 bytes); the file stays open."""
        if self._closed:
            return
        if len(comment) > 0xFFFF:
            raise ValueError("a ZIP comment holds at most 65,535 bytes")
        self.drain()
        start = self._position
        self._write(bytes(self._central))
        self._central.clear()
        self._write_end(start, self._position - start, comment)
        self._file.flush()
        self._closed = True

    def _list(self, info: Written, time: int, date: int) -> None:
        self._central += _central_entry(info, time, date, self._force_zip64)
        self._count += 1

    def _write_content(self, chunks: Iterable[bytes], compress: bool) -> tuple[int, int, int]:
        packer = deflate.compressor() if compress else None
        crc = size = 0
        before = self._position
        for chunk in chunks:
            crc = deflate.crc32(chunk, crc)
            size += len(chunk)
            self._write(packer.compress(chunk) if packer is not None else chunk)
        if packer is not None:
            self._write(packer.flush())
        return crc, size, self._position - before

    def _fill_in_local_header(self, info: Written, zip64: bool) -> None:
        """Then back to the end, flushed: the member may be read back from the file now."""
        crc_at = info.header_offset + _CRC_OFFSET
        if zip64:
            self._patch(crc_at, struct.pack("<L", info.CRC))
            extra_at = info.header_offset + _LOCAL.size + len(_name_bytes(info)) + 4
            self._patch(extra_at, struct.pack("<2Q", info.file_size, info.compress_size))
        else:
            self._patch(crc_at, struct.pack("<3L", info.CRC, info.compress_size, info.file_size))
        self._file.seek(self._position)
        self._file.flush()

    def _patch(self, offset: int, data: bytes) -> None:
        self._file.seek(offset)
        self._file.write(data)

    def _write_end(self, start: int, size: int, comment: bytes) -> None:
        count = self._count
        if self._force_zip64 or count >= _ZIP64_COUNT_MARK or max(start, size) > ZIP64_LIMIT:
            end64_at = self._position
            record = _END64.size - 12  # the record's size leaves out its first two fields
            self._write(
                _END64.pack(_END64_SIGNATURE, record, 45, 45, 0, 0, count, count, size, start)
            )
            self._write(_LOCATOR64.pack(_LOCATOR64_SIGNATURE, 0, end64_at, 1))
            count, size, start = (
                min(count, _ZIP64_COUNT_MARK),
                min(size, _ZIP64_MARK),
                min(start, _ZIP64_MARK),
            )
        self._write(_END.pack(_END_SIGNATURE, 0, 0, count, count, size, start, len(comment)))
        self._write(comment)

    def _write(self, data: bytes) -> None:
        if data:
            self._file.write(data)
            self._position += len(data)


def _method(compress: bool) -> int:
    return zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED


def _name_bytes(info: Written) -> bytes:
    return info.filename.encode("utf-8")


def _version(zip64: bool) -> int:
    return 45 if zip64 else 20


@lru_cache(maxsize=8)
def _dos_time(moment: datetime) -> tuple[int, int]:
    """The local time of ``moment``, as ZIP stores it (what ``zipfile.ZipInfo`` checks)."""
    year, month, day, hour, minute, second = zipfile.ZipInfo(
        date_time=moment.astimezone().timetuple()[:6]
    ).date_time
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day


def _local_header(info: Written, time: int, date: int, zip64: bool, *, sizes_known: bool) -> bytes:
    """With the CRC and sizes, or with zeros (or ZIP64 marks) to be filled in after the
    content."""
    name = _name_bytes(info)
    extra = struct.pack("<2H2Q", _ZIP64_EXTRA, 16, 0, 0) if zip64 else b""
    if sizes_known:
        crc, compress_size, file_size = info.CRC, info.compress_size, info.file_size
    else:
        crc, compress_size = 0, _ZIP64_MARK if zip64 else 0
        file_size = compress_size
    header = _LOCAL.pack(
        _LOCAL_SIGNATURE,
        _version(zip64),
        0,
        info.flag_bits,
        info.compress_type,
        time,
        date,
        crc,
        compress_size,
        file_size,
        len(name),
        len(extra),
    )
    return header + name + extra


def _central_entry(info: Written, time: int, date: int, force_zip64: bool) -> bytes:
    """ZIP64 fields, in the order the format fixes, for each value too big for 32 bits."""
    values = [info.file_size, info.compress_size, info.header_offset]
    large = [force_zip64 or v > ZIP64_LIMIT for v in values]
    if large[0] or large[1]:
        large[0] = large[1] = True  # the two sizes go together
    wide = [v for v, is_large in zip(values, large, strict=True) if is_large]
    file_size, compress_size, offset = (
        _ZIP64_MARK if is_large else v for v, is_large in zip(values, large, strict=True)
    )
    extra = struct.pack(f"<2H{len(wide)}Q", _ZIP64_EXTRA, 8 * len(wide), *wide) if wide else b""
    version = _version(bool(wide))
    name = _name_bytes(info)
    header = _CENTRAL.pack(
        _CENTRAL_SIGNATURE,
        version,
        _UNIX,
        version,
        0,
        info.flag_bits,
        info.compress_type,
        time,
        date,
        info.CRC,
        compress_size,
        file_size,
        len(name),
        len(extra),
        0,
        0,
        0,
        _REGULAR_FILE_ATTR,
        offset,
    )
    return header + name + extra
