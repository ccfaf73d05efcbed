"""Office Open XML (DOCX, XLSX, PPTX) and OpenDocument (ODT, ODS, ODP) text.

Read with the standard library's ``zipfile`` and streaming XML parsers rather
than python-docx/openpyxl: only the words are needed, not the formatting, and
streaming keeps a 100,000-row spreadsheet from building an object per cell
(spreadsheets, the largest of these, have their own reader in
``extract_sheet.py``).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ExpatError

from foidesk.core.phrases import Phrase
from foidesk.core.search import notes
from foidesk.core.search.extract_sheet import xlsx_into
from foidesk.core.search.extraction import Extraction, TextBudget, failed, from_text
from foidesk.core.search.zipped import (
    DocumentProblem,
    local_name,
    members_matching,
    open_zip,
    xml_events,
)

_WORD_PARTS = ("word/footnotes.xml", "word/endnotes.xml", "word/comments.xml")


def docx_text(data: bytes) -> Extraction:
    def read(archive: zipfile.ZipFile, budget: TextBudget) -> None:
        names = ["word/document.xml"]
        names += members_matching(archive, "word/header") + members_matching(archive, "word/footer")
        names += [n for n in _WORD_PARTS if n in archive.namelist()]
        for name in names:
            _word_part(archive, name, budget)

    return _read_zip(data, read)


def xlsx_text(data: bytes) -> Extraction:
    return _read_zip(data, xlsx_into)


def pptx_text(data: bytes) -> Extraction:
    def read(archive: zipfile.ZipFile, budget: TextBudget) -> None:
        for name in members_matching(archive, "ppt/slides/slide"):
            _word_part(archive, name, budget)

    return _read_zip(data, read)


def odf_text(data: bytes) -> Extraction:
    def read(archive: zipfile.ZipFile, budget: TextBudget) -> None:
        depth = 0
        for event, element in xml_events(archive, "content.xml"):
            if local_name(element.tag) not in ("p", "h"):
                continue
            depth += 1 if event == "start" else -1
            if event == "end" and depth == 0:
                budget.add(_odf_paragraph(element) + "\n")
                element.clear()
                if budget.full:
                    return

    return _read_zip(data, read)


Reader = Callable[[zipfile.ZipFile, TextBudget], None]


def _read_zip(data: bytes, read: Reader) -> Extraction:
    budget = TextBudget()
    try:
        with open_zip(data) as archive:
            read(archive, budget)
    except DocumentProblem as exc:
        return failed(exc.note)
    except KeyError as exc:
        return failed(Phrase(notes.PART_MISSING, part=str(exc.args[0])))
    except (ParseError, ExpatError) as exc:
        return failed(Phrase(notes.XML_DAMAGED, detail=str(exc)))
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        return failed(Phrase(notes.FILE_DAMAGED, detail=str(exc)))
    return from_text(budget.text())


def _word_part(archive: zipfile.ZipFile, name: str, budget: TextBudget) -> None:
    """WordprocessingML and DrawingML: text sits in ``t`` elements, one paragraph per ``p``."""
    for event, element in xml_events(archive, name):
        if event != "end":
            continue
        tag = local_name(element.tag)
        if tag == "t":
            budget.add(element.text or "")
        elif tag == "tab":
            budget.add("\t")
        elif tag in ("br", "cr"):
            budget.add("\n")
        elif tag == "p":
            budget.add("\n")
            element.clear()
            if budget.full:
                return


def _odf_paragraph(element: Element) -> str:
    """An OpenDocument paragraph's text, with its space, tab and line-break elements."""
    parts = [element.text or ""]
    for child in element:
        tag = local_name(child.tag)
        if tag == "s":
            parts.append(" " * _count(child))
        elif tag == "tab":
            parts.append("\t")
        elif tag == "line-break":
            parts.append("\n")
        else:
            parts.append(_odf_paragraph(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _count(element: Element) -> int:
    for key, value in element.attrib.items():
        if local_name(key) == "c" and value.isdigit():
            return min(int(value), 100)
    return 1
