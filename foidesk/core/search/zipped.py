"""Reading members of ZIP-based documents without trusting their declared sizes.

DOCX, XLSX, PPTX and the OpenDocument formats are ZIP files of XML. A hostile
one can declare a small member that inflates to gigabytes (a zip bomb); each
member is checked against ``MAX_UNZIPPED_BYTES`` and ``MAX_ZIP_RATIO`` before
it is opened, and ``zipfile`` never reads past the declared size.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import IO
from xml.etree.ElementTree import Element, iterparse

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.limits import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO


class DocumentProblem(Exception):
    """The document is damaged or hostile; ``note`` says which, in plain words."""

    def __init__(self, note: Phrase) -> None:
        super().__init__(note)
        self.note = note


def open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentProblem(Phrase(notes.FILE_DAMAGED, detail=str(exc))) from exc


def open_member(archive: zipfile.ZipFile, name: str) -> IO[bytes]:
    info = archive.getinfo(name)
    if info.file_size > MAX_UNZIPPED_BYTES:
        raise DocumentProblem(Phrase(notes.MEMBER_TOO_LARGE, member=name, count=info.file_size))
    if info.file_size > 1024 * 1024 and info.file_size > info.compress_size * MAX_ZIP_RATIO:
        raise DocumentProblem(Phrase(notes.ZIP_BOMB, member=name))
    return archive.open(info)


def local_name(tag: str) -> str:
    """``{namespace}p`` → ``p``: the formats are read by local names only."""
    return tag.rpartition("}")[2]


def xml_events(archive: zipfile.ZipFile, name: str) -> Iterator[tuple[str, Element]]:
    """Start and end events of one member, as a stream (memory stays flat).

    Expat (bundled with Python) refuses entity-expansion bombs and
    ``ElementTree`` never fetches external entities.
    """
    with open_member(archive, name) as stream:
        yield from iterparse(stream, events=("start", "end"))


def members_matching(archive: zipfile.ZipFile, prefix: str, suffix: str = ".xml") -> list[str]:
    """Members such as ``ppt/slides/slide10.xml``, in natural (numeric) order."""
    names = [n for n in archive.namelist() if n.startswith(prefix) and n.endswith(suffix)]
    return sorted(names, key=_natural_key)


def _natural_key(name: str) -> tuple[str, int]:
    stem = name.rsplit(".", 1)[0]
    digits = ""
    while stem and stem[-1].isdigit():
        digits = stem[-1] + digits
        stem = stem[:-1]
    return stem, int(digits) if digits else -1
