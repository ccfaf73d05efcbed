"""XLSX cells, read with expat callbacks rather than an element tree.

A sheet is mostly ``<c><v>…</v></c>`` repeated: building an Element per cell
(as ``iterparse`` does) costs more than the words are worth, so the handlers
here keep only the text of the current cell and row. Reading stops once the
text budget is full.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

from foidesk.core.search.extraction import TextBudget
from foidesk.core.search.zipped import members_matching, open_member

_CHUNK = 1 << 16


class _Stop(Exception):
    """The text budget is full: nothing more of this document will be kept."""


def xlsx_into(archive: zipfile.ZipFile, budget: TextBudget) -> None:
    shared = _shared_strings(archive)
    try:
        for name in members_matching(archive, "xl/worksheets/sheet"):
            _parse(archive, name, _SheetReader(shared, budget))
    except _Stop:
        return


def _parse(archive: zipfile.ZipFile, name: str, reader: _SheetReader | _SharedReader) -> None:
    parser = expat.ParserCreate()
    parser.StartElementHandler = reader.start
    parser.EndElementHandler = reader.end
    parser.CharacterDataHandler = reader.text
    parser.buffer_text = True
    with open_member(archive, name) as stream:
        while chunk := stream.read(_CHUNK):
            parser.Parse(chunk, False)
    parser.Parse(b"", True)


def _local(tag: str) -> str:
    return tag.rpartition(":")[2]


class _SheetReader:
    def __init__(self, shared: list[str], budget: TextBudget) -> None:
        self.shared = shared
        self.budget = budget
        self.row: list[str] = []
        self.kind = "n"
        self.value: list[str] = []
        self.collecting = False

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "c":
            self.kind = attrs.get("t", "n")
            self.value = []
        elif name in ("v", "t"):
            self.collecting = True

    def text(self, data: str) -> None:
        if self.collecting:
            self.value.append(data)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name in ("v", "t"):
            self.collecting = False
        elif name == "c":
            self.row.append(self._cell("".join(self.value)))
        elif name == "row":
            self.budget.add("\t".join(c for c in self.row if c) + "\n")
            self.row = []
            if self.budget.full:
                raise _Stop

    def _cell(self, value: str) -> str:
        if self.kind != "s":
            return value
        try:
            return self.shared[int(value)]
        except (ValueError, IndexError):
            return ""


class _SharedReader:
    """Shared strings: each ``si`` is the text of its ``t`` runs, phonetic hints (``rPh``) aside."""

    def __init__(self) -> None:
        self.strings: list[str] = []
        self.parts: list[str] = []
        self.collecting = False
        self.phonetic = 0

    def start(self, tag: str, attrs: dict[str, str]) -> None:
        name = _local(tag)
        if name == "si":
            self.parts = []
        elif name == "rPh":
            self.phonetic += 1
        elif name == "t" and not self.phonetic:
            self.collecting = True

    def text(self, data: str) -> None:
        if self.collecting:
            self.parts.append(data)

    def end(self, tag: str) -> None:
        name = _local(tag)
        if name == "t":
            self.collecting = False
        elif name == "rPh":
            self.phonetic -= 1
        elif name == "si":
            self.strings.append("".join(self.parts))


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    reader = _SharedReader()
    _parse(archive, "xl/sharedStrings.xml", reader)
    return reader.strings
