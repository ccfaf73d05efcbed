"""Reading a member's content straight from the file, by a directory already checked.

``zipfile`` parses the directory (see ``structure.py``); content is read here so that
each worker thread has its own file handle, and so that a member can never produce
more bytes than it declared: inflating stops one chunk past the declared size,
whatever the compressed stream says. The CRC-32 is checked too, so anything this
accepts, ``unzip`` accepts.

Small members are read many at a time: ``read_at`` takes the bytes of a run of
neighbouring members in one call, and ``content_in`` finds and checks each member in
them exactly as ``chunks`` does from the file.
"""

from __future__ import annotations

import os
import struct
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol

from foidesk.core.backup import deflate
from foidesk.core.i18n import _

CHUNK = 1 << 20
_LOCAL = struct.Struct("<4s5H3L2H")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_UTF8_NAME = 0x800
_ZIP64_LOCAL_EXTRA = 20  # what this project's writer puts in a large member's header


class Located(Protocol):
    """What reading a member needs from its directory entry (``zipfile.ZipInfo`` has it)."""

    @property
    def header_offset(self) -> int: ...
    @property
    def compress_size(self) -> int: ...
    @property
    def file_size(self) -> int: ...
    @property
    def CRC(self) -> int: ...  # the name zipfile gives it
    @property
    def compress_type(self) -> int: ...
    @property
    def flag_bits(self) -> int: ...
    @property
    def orig_filename(self) -> str: ...


class MemberUnreadable(Exception):
    """A member's bytes cannot be read back: bad CRC, broken deflate stream, cut short.
    Its message is the second half of a sentence about the member ("... cannot be read:
    its CRC-32 does not match"), in the user's language.

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

    def read_at(self, offset: int, length: int) -> bytes:
        """``length`` bytes from ``offset`` (fewer at the end of the file), in one call."""
        return os.pread(self._file.fileno(), length, offset)

    def chunks(self, info: Located) -> Iterator[bytes]:
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
            raise MemberUnreadable(_("its CRC-32 does not match"))

    def _raw(self, info: Located) -> Iterator[bytes]:
        self._file.seek(info.header_offset)
        header = self._file.read(_LOCAL.size)
        if len(header) != _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
            raise MemberUnreadable(_("its local header is missing"))
        fields = _LOCAL.unpack(header)
        name_length, extra_length = fields[9], fields[10]
        if self._file.read(name_length) != _encoded_name(info):
            raise MemberUnreadable(_("its local header names another file"))
        self._file.seek(extra_length, 1)
        left = info.compress_size
        while left > 0:
            chunk = self._file.read(min(CHUNK, left))
            if not chunk:
                raise MemberUnreadable(_("the file ends inside it"))
            left -= len(chunk)
            yield chunk


def _encoded_name(info: Located) -> bytes:
    if info.flag_bits & _UTF8_NAME:
        return info.orig_filename.encode("utf-8")
    try:
        return info.orig_filename.encode("cp437")
    except UnicodeEncodeError:
        return info.orig_filename.encode("utf-8")


def _inflate(raw: Iterator[bytes], info: Located) -> Iterator[bytes]:
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
                    raise MemberUnreadable(_("it expands beyond its declared size"), unsafe=True)
                if out:
                    yield out
            if inflater.eof:
                break
        rest = inflater.flush()
    except deflate.Error as exc:
        raise MemberUnreadable(
            _("its compressed data is broken ({error})").format(error=exc)
        ) from None
    produced += len(rest)
    if produced > info.file_size:
        raise MemberUnreadable(_("it expands beyond its declared size"), unsafe=True)
    if rest:
        yield rest
    if not inflater.eof:
        raise MemberUnreadable(_("its compressed data ends early"))


def span(info: Located) -> int:
    """Bytes from a member's local header to the end of its data, as far as the directory
    tells: the local header's own extra field may be longer (``content_in`` then says so)."""
    return _LOCAL.size + len(_encoded_name(info)) + _ZIP64_LOCAL_EXTRA + info.compress_size


def content_in(region: bytes, base: int, info: Located) -> bytes | None:
    """The member's content from ``region`` (the file's bytes from offset ``base``),
    checked as ``chunks`` checks it; None when its data does not end inside ``region``."""
    at = info.header_offset - base
    header = region[at : at + _LOCAL.size]
    if len(header) != _LOCAL.size or header[:4] != _LOCAL_SIGNATURE:
        raise MemberUnreadable(_("its local header is missing"))
    fields = _LOCAL.unpack(header)
    name_length, extra_length = fields[9], fields[10]
    name_at = at + _LOCAL.size
    if region[name_at : name_at + name_length] != _encoded_name(info):
        raise MemberUnreadable(_("its local header names another file"))
    start = name_at + name_length + extra_length
    end = start + info.compress_size
    if end > len(region):
        return None
    raw = region[start:end]
    content = raw if info.compress_type == zipfile.ZIP_STORED else _inflate_whole(raw, info)
    if len(content) == info.file_size and deflate.crc32(content) != info.CRC:
        raise MemberUnreadable(_("its CRC-32 does not match"))
    return content


def _inflate_whole(raw: bytes, info: Located) -> bytes:
    """``_inflate`` for a member at hand: stops one byte past the declared size."""
    inflater = deflate.decompressor()
    try:
        out = inflater.decompress(raw, info.file_size + 1)
    except deflate.Error as exc:
        raise MemberUnreadable(
            _("its compressed data is broken ({error})").format(error=exc)
        ) from None
    if len(out) > info.file_size:
        raise MemberUnreadable(_("it expands beyond its declared size"), unsafe=True)
    if not inflater.eof:
        raise MemberUnreadable(_("its compressed data ends early"))
    return out
