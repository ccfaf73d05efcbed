"""Finds the large parts of an email file without reading it into memory.

The file is scanned the way ``email.feedparser`` reads it — header blocks,
multipart boundaries (an outer boundary ends any inner part, RFC 2046
5.1.2), message/* bodies — but only positions are kept. Every leaf (or
attached message) whose body is at least ``SPOOL_PART_BYTES`` is decoded into
a file of its own (``spool.py``) and replaced, in the copy the stdlib parser
reads, by one line: a token naming that file. The parser then sees a small
message of the same shape and does everything else as for any other email.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from email.message import Message
from email.parser import BytesHeaderParser
from pathlib import Path
from typing import BinaryIO

from foidesk.core.mail.header_policy import BOUNDED
from foidesk.core.mail.header_values import HEADER_ERRORS
from foidesk.core.mail.limits import MAX_DEPTH
from foidesk.core.mail.part_info import content_type, disposition, filename, transfer_encoding
from foidesk.core.mail.spool import SpooledFile, spool_range

#: Bodies at least this large are decoded into a file of their own.
SPOOL_PART_BYTES = 64 * 1024
#: The header that stands for a spooled attached message in the parser's copy.
SPOOL_HEADER = "X-Foidesk-Spooled"
_BLOCK = 4 << 20
_MAX_LINE = 1 << 20
_HEADER_LINE = re.compile(rb"From |[\041-\071\073-\176]*:|[\t ]")
_LINE_END = re.compile(rb"\r\n|\r|\n")
_DASH_LINE = re.compile(rb"[\r\n]--")
_BLANK = re.compile(rb"(?:\r\n|\r|\n)\Z")


class TooDeep(Exception):
    """The file nests more deeply than the parser reads; it is read the ordinary way."""


@dataclass(frozen=True, slots=True)
class Spooled:
    """A part taken out of the copy the parser reads, with its own header block."""

    file: SpooledFile
    header: Message


@dataclass(slots=True)
class Reduced:
    """The copy the parser reads, and the parts that are files by now (by token)."""

    data: bytes
    parts: dict[str, Spooled] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _Range:
    start: int
    end: int
    header: bytes


def reduce_file(source: BinaryIO, start: int, size: int, spool_dir: Path) -> Reduced:
    """``source`` from ``start``, its large parts spooled to ``spool_dir``.

    Raises ``TooDeep`` when the file nests past ``MAX_DEPTH``.
    """
    scanner = _Scanner(_Window(source, size), start)
    scanner.entity(0)
    return _materialise(source, start, size, scanner.ranges, spool_dir)


def _materialise(
    source: BinaryIO, start: int, size: int, ranges: list[_Range], spool_dir: Path
) -> Reduced:
    stem = uuid.uuid4().hex
    out = bytearray()
    reduced = Reduced(b"")
    position = start
    for number, part in enumerate(ranges):
        source.seek(position)
        out += source.read(part.start - position)
        token = f"foidesk-spooled-{stem}-{number}"
        header = _parse_header(part.header)
        encoding = transfer_encoding(header)
        target = spool_dir / f"{token}.part"
        spooled = spool_range(source, part.start, part.end, encoding, target)
        reduced.parts[token] = Spooled(spooled, header)
        if content_type(header).startswith("message/"):
            # The parser reads a message/* body as a message: give it a header, no body.
            out += f"{SPOOL_HEADER}: {token}\r\n\r\n".encode("ascii")
        else:
            out += token.encode("ascii")
        position = part.end
    source.seek(position)
    out += source.read(size - position)
    reduced.data = bytes(out)
    return reduced


def _is_body_text(info: Message, kind: str) -> bool:
    """Body text is read into memory anyway (and checked for fake base64 there)."""
    if kind not in ("text/plain", "text/html"):
        return False
    return not filename(info) and disposition(info) != "attachment"


def _parse_header(block: bytes) -> Message:
    try:
        return BytesHeaderParser(policy=BOUNDED).parsebytes(block + b"\r\n")
    except HEADER_ERRORS:
        return Message()


class _Window:
    """Random access to the file through one cached block."""

    def __init__(self, source: BinaryIO, size: int) -> None:
        self._source = source
        self.size = size
        self._start = 0
        self._block = b""

    def read(self, position: int, length: int) -> bytes:
        end = min(position + length, self.size)
        if not (self._start <= position and end <= self._start + len(self._block)):
            self._source.seek(position)
            self._start = position
            self._block = self._source.read(max(_BLOCK, end - position))
        return self._block[position - self._start : end - self._start]

    def line(self, position: int) -> bytes:
        """The line starting at ``position``, with its line break (at most ``_MAX_LINE``)."""
        chunk = self.read(position, _MAX_LINE)
        match = _LINE_END.search(chunk)
        if match is None:
            return chunk
        if match.group() == b"\r" and match.end() == len(chunk) < self.size - position:
            longer = self.read(position, len(chunk) + 1)  # a CRLF cut by the read
            return longer if longer.endswith(b"\r\n") else chunk
        return chunk[: match.end()]

    def available(self, position: int) -> memoryview:
        """What the cached block holds from ``position`` on (refilled when little is left),
        as a view: searching it copies nothing."""
        block_end = self._start + len(self._block)
        if not (
            self._start <= position
            and (block_end - position >= _MAX_LINE or block_end == self.size)
        ):
            self.read(position, _BLOCK)
        return memoryview(self._block)[position - self._start :]

    def next_dash_line(self, position: int) -> int | None:
        """The start of the next line from ``position`` on that begins with "--"."""
        at = position
        while at < self.size:
            chunk = self.available(at)
            match = _DASH_LINE.search(chunk)
            if match is not None:
                return at + match.start() + 1
            if len(chunk) < 3:
                return None
            at += len(chunk) - 2  # a "\n--" across the block edge is found next time
        return None


class _Scanner:
    """Follows ``email.feedparser._parsegen``, keeping positions instead of text."""

    def __init__(self, window: _Window, start: int) -> None:
        self._window = window
        self._position = start
        self._matchers: list[re.Pattern[bytes]] = []
        self.ranges: list[_Range] = []

    def _peek(self) -> bytes | None:
        """The next line, or None at the end of the file or at an enclosing boundary."""
        if self._position >= self._window.size:
            return None
        line = self._window.line(self._position)
        if line.startswith(b"--") and any(m.match(line) for m in reversed(self._matchers)):
            return None
        return line

    def _take(self) -> bytes | None:
        line = self._peek()
        if line is not None:
            self._position += len(line)
        return line

    def entity(self, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise TooDeep
        header = self._headers()
        info = _parse_header(header)
        kind = content_type(info)
        boundary = info.get_boundary() if kind.startswith("multipart/") else None
        if boundary is None:
            self._leaf(header, _is_body_text(info, kind))
        else:
            self._multipart(boundary, depth)

    def _headers(self) -> bytes:
        lines: list[bytes] = []
        while (line := self._peek()) is not None:
            if not _HEADER_LINE.match(line):
                if _LINE_END.fullmatch(line):
                    self._position += len(line)
                break
            self._position += len(line)
            lines.append(line)
        if len(lines) > 1 and lines[-1].startswith(b"From "):  # the stdlib's body line rule
            self._position -= len(lines[-1])
            lines.pop()
        return b"".join(lines)

    def _leaf(self, header: bytes, is_body: bool) -> None:
        start = self._position
        end = self._skip()
        stop = end
        if self._peek() is None and end < self._window.size:  # before a boundary line
            tail = self._window.read(max(start, end - 2), end - max(start, end - 2))
            match = _BLANK.search(tail)
            stop = end - (len(match.group()) if match else 0)
        if stop - start >= SPOOL_PART_BYTES and not is_body:
            self.ranges.append(_Range(start, stop, header))

    def _skip(self) -> int:
        """Move to the enclosing boundary line (or the end); return where that is."""
        if not self._matchers:
            self._position = self._window.size
            return self._position
        at = self._position
        if self._peek() is None:
            return at
        while True:
            found = self._window.next_dash_line(at + 1)
            if found is None:
                self._position = self._window.size
                return self._position
            self._position = found
            if self._peek() is None:
                return found
            at = found

    def _multipart(self, boundary: str, depth: int) -> None:
        separator = re.escape(b"--" + boundary.encode("utf-8", "surrogateescape"))
        own = re.compile(separator + rb"(--)?[ \t]*(?:\r\n|\r|\n)?\Z")
        preamble = True
        while (line := self._peek()) is not None:
            match = own.match(line)
            if match is None:
                self._position += len(line)  # preamble (the stdlib asserts nothing else)
                continue
            if match.group(1):
                self._position += len(line)
                self._skip()  # the epilogue runs to the enclosing boundary
                return
            if preamble:
                preamble = False
            while (again := self._peek()) is not None and own.match(again):
                self._position += len(again)
            self._matchers.append(own)
            try:
                self.entity(depth + 1)
            finally:
                self._matchers.pop()
        # End of file or an outer boundary: the multipart simply ends here.
