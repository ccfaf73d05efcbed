"""Reading a member's content straight from the file, by a directory already checked.

``zipfile`` parses the directory (see ``structure.py``); content is read here so that
each worker thread has its own file handle, and so that a member can never produce
more bytes than it declared: inflating stops one chunk past the declared size,
whatever the compressed stream says. The CRC-32 is checked too, so anything this
accepts, ``unzip`` accepts.
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from foidesk.core.backup import deflate

CHUNK = 1 << 20
_LOCAL = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_UTF8_NAME = 0x800


class MemberUnreadable(Exception):
    """A member's bytes cannot be read back: bad CRC, broken deflate stream, cut short.

    ``unsafe`` when the member produced more than it declared (a decompression bomb).
    """

    def __init__(self, message: str, *, unsafe: bool = False) -> None:
        super().__init__(message)
        self.unsafe = unsafe


class MemberReader:
    def __init__(self, path: Path) -> None:
        self._file = path.open("rb")

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> MemberReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def chunks(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        """The member's content in chunks; raises ``MemberUnreadable`` on any damage."""
        raw = self._raw(info)
        content = raw if info.compress_type == zipfile.ZIP_STORED else _inflate(raw, info)
        crc = 0
        size = 0
        for chunk in content:
            crc = deflate.crc32(chunk, crc)
            size += len(chunk)
            yield chunk
        if size == info.file_size and crc != info.CRC:
            raise MemberUnreadable("its CRC-32 does not match")

    def _raw(self, info: zipfile.ZipInfo) -> Iterator[bytes]:
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
            raise MemberUnreadable("its local header is missing")
        fields = _LOCAL.unpack(header)
        name_length, extra_length = fields[9], fields[10]
        if self._file.read(name_length) != _encoded_name(info):
            raise MemberUnreadable("its local header names another file")
        self._file.seek(extra_length, 1)
        left = info.compress_size
        while left > 0:
            chunk = self._file.read(min(CHUNK, left))
            if not chunk:
                raise MemberUnreadable("the file ends inside it")
            left -= len(chunk)
            yield chunk


def _encoded_name(info: zipfile.ZipInfo) -> bytes:
    if info.flag_bits & _UTF8_NAME:
        return info.orig_filename.encode("utf-8")
    try:
        return info.orig_filename.encode("cp437")
    except UnicodeEncodeError:
        return info.orig_filename.encode("utf-8")


def _inflate(raw: Iterator[bytes], info: zipfile.ZipInfo) -> Iterator[bytes]:
    """Raw DEFLATE, never producing more than one chunk beyond the declared size."""
    inflater = deflate.decompressor()
    produced = 0
    try:
        for compressed in raw:
            pending = compressed
            while pending and not inflater.eof:
                out = inflater.decompress(pending, CHUNK)
                pending = inflater.unconsumed_tail
                produced += len(out)
                if produced > info.file_size:
                    raise MemberUnreadable("it expands beyond its declared size", unsafe=True)
                if out:
                    yield out
            if inflater.eof:
                break
        rest = inflater.flush()
    except deflate.Error as exc:
        raise MemberUnreadable(f"its compressed data is broken ({exc})") from None
    produced += len(rest)
    if produced > info.file_size:
        raise MemberUnreadable("it expands beyond its declared size", unsafe=True)
    if rest:
        yield rest
    if not inflater.eof:
        raise MemberUnreadable("its compressed data ends early")
