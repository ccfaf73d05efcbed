"""The search results list: an item model over ``SearchHit`` records and its painter.

Each row shows where the words were found (request title, kind, subject or
file name, date) above the snippet, with the matched words highlighted.
"""

from __future__ import annotations

from collections import OrderedDict
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from foidesk.core.i18n import N_, _
from foidesk.core.search import Highlighter, SearchHit, snippet_parts
from foidesk.gui.dates import date_text

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
MATCH_STYLE = "background-color:#ffe27a; color:#1a1a1a; font-weight:600"
KIND_LABELS = {"request": N_("Request"), "message": N_("Message"), "attachment": N_("Attachment")}


class SearchResultsModel(QAbstractListModel):
    """The hits of the latest search, best first."""

    def __init__(self) -> None:
        super().__init__()
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == HIT_ROLE:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{heading(hit)}\n{plain_snippet(hit)}"
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{heading(hit)}: {plain_snippet(hit)}"
        return None


def heading(hit: SearchHit) -> str:
    where = hit.title or _("Unfiled")
    parts = [_(KIND_LABELS[hit.kind])]
    if hit.context:
        parts.append(hit.context)
    if hit.day is not None:
        parts.append(date_text(hit.day))
    return f"{where} — {' · '.join(parts)}"


def plain_snippet(hit: SearchHit) -> str:
    return "".join(text for text, _ in snippet_parts(hit.snippet))


def highlighted_html(text: str, highlighter: Highlighter | None) -> str:
    """``text`` escaped for Qt rich text, with the search's matches marked as in the list.

    For the thread view and text previews: ``highlighter`` is
    ``SearchPanel.highlighter()`` (None marks nothing). Line breaks are kept.
    """
    spans = highlighter.spans(text) if highlighter is not None else []
    parts, last = [], 0
    for start, end in spans:
        parts.append(escape(text[last:start]))
        parts.append(f"<span style='{MATCH_STYLE}'>{escape(text[start:end])}</span>")
        last = end
    parts.append(escape(text[last:]))
    return "".join(parts).replace("\n", "<br>")


def snippet_html(hit: SearchHit) -> str:
    return "".join(
        f"<span style='{MATCH_STYLE}'>{escape(text)}</span>" if match else escape(text)
        for text, match in snippet_parts(hit.snippet)
    )


class SearchHitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text: a one-line heading (elided, date on the right) above
    the snippet. Laid-out documents are cached per row, width and selection."""

    PADDING = 6
    CACHE_SIZE = 512

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cache: OrderedDict[tuple[int, int, int, bool], QTextDocument] = OrderedDict()

    def forget(self) -> None:
        """Drop cached layouts (the model was reset)."""
        self._cache.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            super().paint(painter, option, index)
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        widget = option.widget
        if widget is not None:
            widget.style().drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, widget
            )
        document = self._document(index.row(), hit, option, selected)
        painter.save()
        painter.translate(option.rect.left() + self.PADDING, option.rect.top() + self.PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hit = index.data(HIT_ROLE)
        if not isinstance(hit, SearchHit):
            return super().sizeHint(option, index)
        document = self._document(index.row(), hit, option, False)
        return QSize(option.rect.width(), int(document.size().height()) + 2 * self.PADDING)

    def _document(
        self, row: int, hit: SearchHit, option: QStyleOptionViewItem, selected: bool
    ) -> QTextDocument:
        width = max(160, (option.rect.width() or 480) - 2 * self.PADDING)
        key = (row, id(hit), width, selected)
        document = self._cache.get(key)
        if document is None:
            document = _layout(hit, width, option, selected)
            self._cache[key] = document
            if len(self._cache) > self.CACHE_SIZE:
                self._cache.popitem(last=False)
        return document


def _layout(
    hit: SearchHit, width: int, option: QStyleOptionViewItem, selected: bool
) -> QTextDocument:
    palette = option.palette
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
    muted = palette.color(role).name()
    metrics = QFontMetrics(option.font)
    day = date_text(hit.day) if hit.day is not None else ""
    room = width - metrics.horizontalAdvance(day + "    ")
    title = metrics.elidedText(
        hit.title or _("Unfiled"), Qt.TextElideMode.ElideRight, room * 2 // 3
    )
    bold_width = int(metrics.horizontalAdvance(title + " — ") * 1.12)  # bold runs wider
    details = " · ".join(p for p in (_(KIND_LABELS[hit.kind]), hit.context) if p)
    details = metrics.elidedText(details, Qt.TextElideMode.ElideRight, max(0, room - bold_width))
    document = QTextDocument()
    document.setDefaultFont(option.font)
    document.setDocumentMargin(0)
    document.setTextWidth(width)
    document.setHtml(
        "<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td><b>{escape(title)}</b> <span style='color:{muted}'>— {escape(details)}</span></td>"
        f"<td align='right' style='color:{muted}'>{escape(day)}</td></tr></table>"
        f"<div style='margin-top:2px'>{snippet_html(hit)}</div>"
    )
    return document
