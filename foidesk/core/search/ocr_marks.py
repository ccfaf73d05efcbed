"""Where a search's words stand on the pages of a recognised scan, for the preview to
mark them on the page image as it marks a PDF's text.

Each recognised word is matched alone with the search's own tokenizer (``Highlighter``),
so "Straße" and "strasse", "dispatch," and "dispatch" are found as search finds them.
"""

from __future__ import annotations

import json

from sqlalchemy import select

from foidesk.core.errors import FoideskError
from foidesk.core.records import PageMarks, WordBox
from foidesk.core.search.highlight import Highlighter
from foidesk.core.search.service import DeskLike
from foidesk.core.search.tables import OcrPage


def recognised_marks(desk: DeskLike, sha256: str, query: str) -> tuple[PageMarks, ...]:
    """The pages of the scan with content ``sha256`` where ``query``'s words were
    recognised, each with the boxes to mark; none for a query that is only filters."""
    try:
        highlighter = Highlighter(query)
    except FoideskError:
        return ()
    with desk.db.reading() as session:
        rows = session.execute(
            select(OcrPage.page, OcrPage.words)
            .where(OcrPage.sha256 == sha256, OcrPage.state == "ok")
            .order_by(OcrPage.page)
        ).all()
    try:
        marks = (PageMarks(page, _matching(words, highlighter)) for page, words in rows)
        return tuple(mark for mark in marks if mark.boxes)
    finally:
        highlighter.close()


def _matching(words: str, highlighter: Highlighter) -> tuple[WordBox, ...]:
    boxes = []
    for left, top, width, height, text in json.loads(words):
        if highlighter.spans(str(text)):
            boxes.append(WordBox(float(left), float(top), float(width), float(height), str(text)))
    return tuple(boxes)
