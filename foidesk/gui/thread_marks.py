"""Marking a search's matches in a rendered thread, and finding a card's place.

The thread is rich text built by ``thread_html``; rather than thread a
highlighter through every renderer, matches are marked afterwards on the
document itself, block by block, with the index's own tokenizer (so what is
marked is exactly what the search matched).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from foidesk.core.search import Highlighter

MATCH_BACKGROUND = QColor("#ffe58a")
MATCH_FOREGROUND = QColor("#1a1a1a")


def mark_matches(document: QTextDocument, highlighter: Highlighter) -> int:
    """Give every match a highlight; returns how many were marked."""
    marked = QTextCharFormat()
    marked.setBackground(MATCH_BACKGROUND)
    marked.setForeground(MATCH_FOREGROUND)
    count = 0
    block = document.begin()
    while block.isValid():
        for start, end in highlighter.spans(block.text()):
            cursor = QTextCursor(document)
            cursor.setPosition(block.position() + start)
            cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
            cursor.mergeCharFormat(marked)
            count += 1
        block = block.next()
    return count
