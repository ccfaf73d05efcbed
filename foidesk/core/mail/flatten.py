"""Reads the parts of a message that nests too deeply, as one flat list.

Past ``MAX_DEPTH`` levels the tree is not built (it would end in
RecursionError in the parser and in everything that walks it). The leaves
still hold the message's words and files, so the body is cut at every line
that is a boundary any part declared, each piece whose header is not a
multipart's is kept, and the pieces are read again as one multipart/mixed.
"""

from __future__ import annotations

import re
import uuid
from email.parser import BytesHeaderParser

from foidesk.core.mail.header_policy import BOUNDED
from foidesk.core.mail.header_values import HEADER_ERRORS
from foidesk.core.mail.limits import MAX_PARTS
from foidesk.core.mail.part_info import content_type

_BOUNDARY = re.compile(rb"""boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))""", re.I)
_END_OF_HEADERS = re.compile(rb"\r?\n\r?\n")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")
_MAX_BOUNDARIES = 100_000


def flattened(data: bytes, start: int) -> bytes | None:
    """``data[start:]`` rewritten as one multipart of its leaves, or None if it has none."""
    boundaries = _declared_boundaries(data, start)
    match = _END_OF_HEADERS.search(data, start)
    if not boundaries or match is None:
        return None
    leaves = [piece for piece in _pieces(data, match.end(), boundaries) if _is_leaf(piece)]
    if not leaves:
        return None
    token = f"foidesk-flat-{uuid.uuid4().hex}".encode("ascii")
    headers = _without_content_fields(data[start : match.start()])
    out = [b'Content-Type: multipart/mixed; boundary="' + token + b'"\r\n', headers, b"\r\n\r\n"]
    for leaf in leaves[:MAX_PARTS]:
        out += [b"--", token, b"\r\n", leaf, b"\r\n"]
    out += [b"--", token, b"--\r\n"]
    return b"".join(out)


def _declared_boundaries(data: bytes, start: int) -> set[bytes]:
    found: set[bytes] = set()
    for match in _BOUNDARY.finditer(data, start):
        found.add(match.group(1) or match.group(2))
        if len(found) >= _MAX_BOUNDARIES:
            break
    return found


def _pieces(data: bytes, start: int, boundaries: set[bytes]) -> list[bytes]:
    """The text after each opening boundary line, up to the next boundary line of any part."""
    pieces: list[bytes] = []
    current: int | None = None
    position = start
    for line_end in _LINE_BREAK.finditer(data, start):
        line = data[position : line_end.start()].rstrip(b" \t")
        kind = _boundary_kind(line, boundaries)
        if kind is not None:
            if current is not None:
                pieces.append(data[current:position].removesuffix(b"\r\n").removesuffix(b"\n"))
            current = line_end.end() if kind == "open" else None
        position = line_end.end()
    if current is not None:
        pieces.append(data[current:])
    return pieces


def _boundary_kind(line: bytes, boundaries: set[bytes]) -> str | None:
    if not line.startswith(b"--"):
        return None
    if line.endswith(b"--") and line[2:-2] in boundaries:
        return "close"
    return "open" if line[2:] in boundaries else None


def _is_leaf(piece: bytes) -> bool:
    if not piece.strip():
        return False
    try:
        headers = BytesHeaderParser(policy=BOUNDED).parsebytes(piece[:65_536])
    except HEADER_ERRORS:
        return True
    return not content_type(headers).startswith("multipart/")


def _without_content_fields(headers: bytes) -> bytes:
    """The root's header lines without its Content-Type and transfer encoding (folded too)."""
    kept: list[bytes] = []
    dropping = False
    for line in _LINE_BREAK.split(headers):
        if line[:1] in (b" ", b"\t"):
            if not dropping:
                kept.append(line)
            continue
        name = line.split(b":", 1)[0].strip().lower()
        dropping = name in (b"content-type", b"content-transfer-encoding")
        if not dropping:
            kept.append(line)
    return b"\r\n".join(kept)
