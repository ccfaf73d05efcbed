"""The thread of one request, oldest message first, as readable cards.

A ``QTextBrowser`` renders the cards (``thread_html``); this class adds what a
reader does with them: fold and unfold, open or save an attachment, drag an
attachment out as a real file, and drop files on the thread (import them into
this request) or on one message (attach them to it). It never loads anything
from the network: ``loadResource`` only knows the window's own icons.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
    QTextCursor,
    QTextFrame,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from foidesk.core.i18n import _
from foidesk.core.records import AttachmentRecord, MessageRecord, RequestDetail
from foidesk.core.search import Highlighter
from foidesk.gui.mime import file_urls_mime, is_mail_file, paths_from
from foidesk.gui.resources import icon
from foidesk.gui.thread_html import ICON_SIZE, Folding, ThreadColours, thread_html
from foidesk.gui.thread_marks import mark_matches

#: Gives a real file to hand to the desktop for an attachment dragged out.
DragFiles = Callable[[AttachmentRecord], Path]


class ThreadView(QTextBrowser):
    """Renders a request's messages and turns clicks and drops into signals."""

    attachment_opened = Signal(object)  # AttachmentRecord
    attachment_save_requested = Signal(object)  # AttachmentRecord
    link_opened = Signal(QUrl)
    files_dropped = Signal(object)  # list[Path]: import into the shown request
    files_dropped_on_message = Signal(object, object)  # MessageRecord, list[Path]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thread-view")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName(_("Request thread"))
        self.setAcceptDrops(True)
        self.viewport().setAcceptDrops(True)
        self.anchorClicked.connect(self._on_anchor)
        self.drag_files: DragFiles | None = None
        self._detail: RequestDetail | None = None
        self._folding = Folding()
        self._marks: tuple[int, Highlighter] | None = None  # request id, what to mark
        self._marked = 0
        self._card_starts: list[int] = []
        self._press: tuple[QPoint, str] | None = None
        self.show_nothing()

    # --- content ---------------------------------------------------------------------

    @property
    def detail(self) -> RequestDetail | None:
        return self._detail

    def show_nothing(self, text: str | None = None) -> None:
        self._detail = None
        self._card_starts = []
        shown = _("Select a request to read its thread.") if text is None else text
        self.setHtml(f"<p style='color:gray'>{shown}</p>")

    def show_request(self, detail: RequestDetail) -> None:
        """Show a request's thread; folds are kept while the same request is re-shown."""
        same = self._detail is not None and self._detail.id == detail.id
        if not same:
            self._folding = Folding()
        if self._marks is not None and self._marks[0] != detail.id:
            self.clear_marks()  # a search's marks belong to the request it opened
        self._detail = detail
        self._render(keep_scroll=same)

    def mark_search(self, request_id: int, highlighter: Highlighter | None) -> None:
        """Highlight a search's matches whenever ``request_id`` is shown."""
        self.clear_marks()
        if highlighter is not None:
            self._marks = (request_id, highlighter)
        if self._detail is not None and self._detail.id == request_id:
            self._render(keep_scroll=True)

    def clear_marks(self) -> None:
        if self._marks is not None:
            self._marks[1].close()
            self._marks = None

    @property
    def marked_matches(self) -> int:
        return self._marked

    def scroll_to_message(self, message_id: int) -> None:
        """Unfold a message's card if needed and bring its top into view."""
        if self._detail is None:
            return
        message = next((m for m in self._detail.messages if m.id == message_id), None)
        if message is None:
            return
        if self._folding.is_folded(message):
            self._folding = self._folding.toggled(message)
            self._render(keep_scroll=True)
        index = self._detail.messages.index(message)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._card_starts[index])
        top = self.document().documentLayout().blockBoundingRect(cursor.block()).top()
        self.verticalScrollBar().setValue(int(top))

    def _render(self, keep_scroll: bool) -> None:
        assert self._detail is not None
        position = self.verticalScrollBar().value()
        colours = ThreadColours.from_palette(self.palette())
        self.setHtml(thread_html(self._detail, self._folding, colours))
        self._card_starts = [
            frame.firstPosition() for frame in self.document().rootFrame().childFrames()
        ]
        self._marked = 0
        if self._marks is not None and self._marks[0] == self._detail.id:
            self._marked = mark_matches(self.document(), self._marks[1])
        if keep_scroll:
            self.verticalScrollBar().setValue(position)

    def changeEvent(self, event: QEvent) -> None:
        """Card colours come from the palette: a new scheme redraws the cards."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self._detail is not None:
            self._render(keep_scroll=True)

    def message_at(self, point: QPoint) -> MessageRecord | None:
        """The message whose card is under ``point`` (viewport coordinates)."""
        if self._detail is None or len(self._card_starts) != len(self._detail.messages):
            return None
        position = self.cursorForPosition(point).position()
        index = bisect_right(self._card_starts, position) - 1
        if index < 0:
            return None
        frame = self.document().rootFrame().childFrames()[index]
        if position > _last_position(frame):
            return None
        return self._detail.messages[index]

    def message_rect_center(self, message_id: int) -> QPoint:
        """Where a card is on screen (viewport coordinates): for tests and drop hints."""
        assert self._detail is not None
        index = [m.id for m in self._detail.messages].index(message_id)
        cursor = QTextCursor(self.document())
        cursor.setPosition(self._card_starts[index] + 1)
        return self.cursorRect(cursor).center()

    # --- links -------------------------------------------------------------------------

    def _on_anchor(self, url: QUrl) -> None:
        if url.scheme() != "foidesk":
            if url.scheme() in ("http", "https", "mailto"):
                self.link_opened.emit(url)
            return
        action, _, ident = url.path().partition("/")
        if not ident.isdigit() or self._detail is None:
            return
        number = int(ident)
        if action == "toggle":
            self._toggle(number)
        elif action == "quote":
            self._folding = self._folding.quote_toggled(number)
            self._render(keep_scroll=True)
        elif action in ("open", "save"):
            found = self.attachment(number)
            if found is not None:
                signal = (
                    self.attachment_opened if action == "open" else self.attachment_save_requested
                )
                signal.emit(found)

    def _toggle(self, message_id: int) -> None:
        assert self._detail is not None
        for message in self._detail.messages:
            if message.id == message_id:
                self._folding = self._folding.toggled(message)
                self._render(keep_scroll=True)
                return

    def attachment(self, attachment_id: int) -> AttachmentRecord | None:
        if self._detail is None:
            return None
        for message in self._detail.messages:
            for attachment in message.attachments:
                if attachment.id == attachment_id:
                    return attachment
        return None

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        """Only the window's own icons: nothing a message names is ever fetched."""
        url = QUrl(name) if isinstance(name, str) else name
        if url.scheme() == "icon":
            size = QSize(ICON_SIZE + 4, ICON_SIZE + 4)
            return icon(url.path()).pixmap(size, self.devicePixelRatioF()).toImage()
        return None

    # --- drag out: an attachment chip becomes a real file ---------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        anchor = self.anchorAt(event.position().toPoint())
        is_chip = anchor.startswith("foidesk:open/") and event.button() == Qt.MouseButton.LeftButton
        self._press = (event.position().toPoint(), anchor) if is_chip else None
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            start, anchor = self._press
            moved = (event.position().toPoint() - start).manhattanLength()
            if moved >= QApplication.startDragDistance():
                self._press = None
                self._drag_out(int(anchor.rsplit("/", 1)[1]))
                return
        super().mouseMoveEvent(event)

    def _drag_out(self, attachment_id: int) -> None:
        found = self.attachment(attachment_id)
        if found is None or self.drag_files is None:
            return
        drag = QDrag(self)
        drag.setMimeData(file_urls_mime([self.drag_files(found)]))
        drag.setPixmap(icon("attach").pixmap(QSize(32, 32), self.devicePixelRatioF()))
        drag.exec(Qt.DropAction.CopyAction)

    # --- drops: import into the request, or attach to one message -----------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._accept_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        self._accept_files(event)

    def _accept_files(self, event: QDragMoveEvent) -> None:
        if self._detail is not None and paths_from(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = paths_from(event.mimeData())
        if self._detail is None or not paths:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        target = self.message_at(event.position().toPoint())  # viewport coordinates
        mail = [p for p in paths if is_mail_file(p)]
        files = [p for p in paths if not is_mail_file(p)]
        if target is not None and files:
            self.files_dropped_on_message.emit(target, files)
            files = []
        if mail or files:
            self.files_dropped.emit(mail + files)


def _last_position(frame: QTextFrame) -> int:
    return frame.lastPosition()
