"""Decodes one large part straight from the email file into a file of its own.

The stdlib parser holds every part as a string (and, while reading, as a
list of its lines), and decoding holds it again as bytes: a 200 MB
attachment costs several times that. A large part is instead copied from
the email file in chunks, decoded on the way (base64 and quoted-printable
are decoded incrementally) and hashed, so memory holds one chunk at a time.
"""

from __future__ import annotations

import binascii
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from foidesk.core.mail import wording
from foidesk.core.phrases import Phrase
from foidesk.core.storage import privacy

CHUNK = 1 << 20
_BASE64_DELETE = bytes(
    byte for byte in range(256) if not (chr(byte).isalnum() and byte < 128) and byte not in b"+/="
)


@dataclass(frozen=True, slots=True)
class SpooledFile:
    """A part's decoded content in a private file, with its size and SHA-256."""

    path: Path
    size: int
    sha256: str
    #: What decoding had to repair, as warning sentences.
    problems: tuple[str, ...] = ()

    def read(self) -> bytes:
        return self.path.read_bytes()


def spool_joined(pieces: list[bytes | tuple[Path, int]], target: Path) -> SpooledFile:
    """A new file of ``pieces``: bytes, or (file, offset) for the rest of a file from there."""
    digest = hashlib.sha256()
    size = 0
    with privacy.new_file(target) as out:
        for piece in pieces:
            if isinstance(piece, bytes):
                chunks: Iterator[bytes] = iter((piece,))
            else:
                path, offset = piece
                chunks = _file_chunks(path, offset)
            for chunk in chunks:
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
    return SpooledFile(target, size, digest.hexdigest())


def _file_chunks(path: Path, offset: int) -> Iterator[bytes]:
    with path.open("rb") as handle:
        handle.seek(offset)
        while chunk := handle.read(CHUNK):
            yield chunk


def spool_range(source: BinaryIO, start: int, end: int, encoding: str, target: Path) -> SpooledFile:
    """Decode ``source[start:end]`` by its transfer encoding into a new file ``target``."""
    decoder = decoder_for(encoding)
    digest = hashlib.sha256()
    size = 0
    with privacy.new_file(target) as out:
        for chunk in _chunks(source, start, end):
            for piece in (decoder.feed(chunk),):
                digest.update(piece)
                out.write(piece)
                size += len(piece)
        tail = decoder.finish()
        digest.update(tail)
        out.write(tail)
        size += len(tail)
    return SpooledFile(target, size, digest.hexdigest(), tuple(decoder.problems))


def _chunks(source: BinaryIO, start: int, end: int) -> Iterator[bytes]:
    source.seek(start)
    remaining = end - start
    while remaining > 0:
        chunk = source.read(min(CHUNK, remaining))
        if not chunk:
            return
        remaining -= len(chunk)
        yield chunk


class _Raw:
    problems: tuple[str, ...] = ()

    def feed(self, chunk: bytes) -> bytes:
        return chunk

    def finish(self) -> bytes:
        return b""


class _Base64:
    """Base64 in pieces of whole quads; stray characters skipped, bad padding repaired."""

    def __init__(self) -> None:
        self._rest = b""
        self.problems: list[str] = []

    def feed(self, chunk: bytes) -> bytes:
        kept = chunk.translate(None, _BASE64_DELETE)
        if len(kept) + _whitespace(chunk) != len(chunk) and not self.problems:
            self.problems.append(Phrase(wording.BASE64_INVALID_CHARACTERS))
        text = self._rest + kept
        whole = len(text) - len(text) % 4
        self._rest = text[whole:]
        return _decode(text[:whole])

    def finish(self) -> bytes:
        rest = self._rest.rstrip(b"=")
        if len(rest) % 4 == 1:
            rest = rest[:-1]  # a lone trailing character carries no whole byte
            self.problems.append(Phrase(wording.BASE64_REPAIRED))
        return _decode(rest + b"=" * (-len(rest) % 4)) if rest else b""


def _whitespace(chunk: bytes) -> int:
    return sum(chunk.count(space) for space in (b"\r", b"\n", b" ", b"\t"))


def _decode(quads: bytes) -> bytes:
    try:
        return binascii.a2b_base64(quads)
    except binascii.Error:  # padding in the middle: decode quad by quad, skipping bad ones
        out = bytearray()
        for index in range(0, len(quads), 4):
            try:
                out += binascii.a2b_base64(quads[index : index + 4])
            except binascii.Error:
                continue
        return bytes(out)


class _QuotedPrintable:
    """Quoted-printable line by line: a soft line break may fall between two chunks."""

    problems: tuple[str, ...] = ()

    def __init__(self) -> None:
        self._rest = b""

    def feed(self, chunk: bytes) -> bytes:
        text = self._rest + chunk
        cut = text.rfind(b"\n") + 1  # whole lines only: "=" CR LF is one soft line break
        self._rest = text[cut:]
        return binascii.a2b_qp(text[:cut])

    def finish(self) -> bytes:
        return binascii.a2b_qp(self._rest)


_DECODERS: dict[str, type[_Raw | _Base64 | _QuotedPrintable]] = {
    "base64": _Base64,
    "quoted-printable": _QuotedPrintable,
}


def decoder_for(encoding: str) -> _Raw | _Base64 | _QuotedPrintable:
    """An incremental decoder for a transfer encoding (others are copied as they are)."""
    return _DECODERS.get(encoding, _Raw)()
