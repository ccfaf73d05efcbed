"""Finds files uuencoded inline in a text body, as old Exchange and Lotus gateways send them.

Before MIME, a file travelled as a block inside the text: ``begin 644 name``,
lines of uuencoded data each led by its length, a backquote line, ``end``
(POSIX ``uuencode``; ``begin-base64`` ... ``====`` for ``uuencode -m``).
Gateways still write them, and relays damage them: a line with a stray
character, a block whose last lines (and ``end``) never arrived. Each block
becomes a file; the body keeps only the text around it.
"""

from __future__ import annotations

import binascii
import re
from dataclasses import dataclass

from foidesk.core.mail import wording
from foidesk.core.mail.notes import Notes
from foidesk.core.phrases import Phrase

_BEGIN = re.compile(r"^begin(-base64)?[ \t]+[0-7]{3,4}[ \t]+(\S.*?)[ \t]*$")
_BASE64_LINE = re.compile(r"^[A-Za-z0-9+/]+=*$")
# A uuencoded line holds characters from space to backquote only.
_UU_CHARS = re.compile(r"^[ -`]+$")
_FOREIGN = re.compile(r"[^ -`]")


@dataclass(frozen=True, slots=True)
class UuFile:
    """One file taken out of a text body, with its unsanitised name."""

    name: str
    data: bytes


def split_uuencoded(text: str, notes: Notes) -> tuple[str, list[UuFile]]:
    """The text without its uuencoded blocks, and the files they held."""
    if "begin" not in text:
        return text, []
    lines = text.split("\n")
    kept: list[str] = []
    files: list[UuFile] = []
    index = 0
    while index < len(lines):
        match = _BEGIN.match(lines[index])
        block = _read_block(lines, index + 1, bool(match.group(1)), notes) if match else None
        if match is None or block is None:
            kept.append(lines[index])
            index += 1
            continue
        data, index = block
        files.append(UuFile(match.group(2), data))
    return "\n".join(kept), files


def _read_block(
    lines: list[str], start: int, is_base64: bool, notes: Notes
) -> tuple[bytes, int] | None:
    """The block's bytes and the index after it, or None if no data line follows."""
    reader = _Base64Block() if is_base64 else _UuBlock()
    index = start
    while index < len(lines):
        line = lines[index].rstrip("\r")
        if reader.is_end(line):
            index += 1
            break
        if not reader.take(line):
            notes.add(Phrase(wording.UUENCODE_NO_END))
            break
        index += 1
    else:
        notes.add(Phrase(wording.UUENCODE_NO_END))
    if not reader.lines:
        return None
    if reader.damaged:
        notes.add(Phrase(wording.UUENCODE_DAMAGED))
    return b"".join(reader.chunks), index


class _UuBlock:
    """Decodes classic uuencode lines, tolerating stripped spaces and stray characters."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.damaged = 0
        self._finished = False  # the zero-length line came: only "end" may follow

    def is_end(self, line: str) -> bool:
        return line.strip() == "end"

    def take(self, line: str) -> bool:
        """Decode one line; False when it cannot belong to the block."""
        if line in ("`", " ", ""):
            self._finished = True
            return line != "" or self.lines > 0
        if self._finished or not line or not 0x21 <= ord(line[0]) <= 0x60:
            return False
        size = (ord(line[0]) - 32) & 63
        expected = (size * 4 + 2) // 3
        body = line[1 : 1 + expected]
        if len(line) - 1 < expected - 2 or len(line) - 1 > expected + 4:
            return False  # not the length its first character promises: prose
        if not _UU_CHARS.match(body):
            self.damaged += 1
            body = _FOREIGN.sub("`", body)
        try:
            decoded = binascii.a2b_uu(line[0] + body.ljust(expected, "`"))
        except binascii.Error:
            self.damaged += 1
            decoded = b"\0" * size
        self.chunks.append(decoded[:size])
        self.lines += 1
        return True


class _Base64Block:
    """Decodes ``uuencode -m`` lines (base64, ended by "====")."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.damaged = 0

    def is_end(self, line: str) -> bool:
        return line.strip() == "===="

    def take(self, line: str) -> bool:
        line = line.strip()
        if not line or not _BASE64_LINE.match(line):
            return False
        try:
            self.chunks.append(binascii.a2b_base64(line))
        except binascii.Error:
            self.damaged += 1
        self.lines += 1
        return True
