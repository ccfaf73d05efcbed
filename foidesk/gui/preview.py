"""A preview window for PDFs and images, so reading a response never leaves foidesk.

Images are decoded by Qt; PDF pages are rendered with pypdfium2 on the file
pool (never on the GUI thread) and appear page by page. Without pypdfium2 a PDF
offers to open in the system's viewer instead.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from foidesk.core.errors import FoideskError
from foidesk.core.formatting import human_size
from foidesk.core.i18n import _, ngettext
from foidesk.core.records import AttachmentRecord, PageMarks
from foidesk.core.search import Highlighter, image_problem, pdf_problem
from foidesk.gui.tasks.files import FileTasks

PDF_TYPES = frozenset({"application/pdf", "application/x-pdf"})
#: Pages rendered in a preview; a longer document says so and offers the full viewer.
MAX_PAGES = 30
PAGE_WIDTH = 780


#: Search matches on a page: the thread's highlight yellow, multiplied over the ink.
MATCH_COLOUR = QColor("#ffe58a")


def has_pdf_renderer() -> bool:
    return importlib.util.find_spec("pypdfium2") is not None


def is_pdf(attachment: AttachmentRecord) -> bool:
    return attachment.media_type.lower() in PDF_TYPES or attachment.filename.lower().endswith(
        ".pdf"
    )


def is_image(attachment: AttachmentRecord) -> bool:
    fmt = attachment.media_type.lower().removeprefix("image/").encode()
    return attachment.media_type.lower().startswith("image/") and fmt in {
        bytes(f.data()) for f in QImageReader.supportedMimeTypes()
    } | {bytes(f.data()) for f in QImageReader.supportedImageFormats()}


def can_preview(attachment: AttachmentRecord) -> bool:
    return is_image(attachment) or (is_pdf(attachment) and has_pdf_renderer())


def render_pdf(
    path: Path, width: int, max_pages: int = MAX_PAGES, query: str = ""
) -> tuple[list[QImage], int]:
    """Pages as images ``width`` pixels wide, and the document's page count.

    With a search ``query``, its matches are marked on the pages. The highlighter
    is made here, on the worker thread, because it holds an SQLite connection.
    """
    import pypdfium2

    highlighter = _highlighter(query)
    document = pypdfium2.PdfDocument(str(path))
    try:
        images: list[QImage] = []
        for index in range(min(len(document), max_pages)):
            page = document[index]
            scale = width / page.get_width()
            bitmap = page.render(scale=scale, rev_byteorder=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888
                if bitmap.n_channels == 4
                else QImage.Format.Format_RGB888,
            ).copy()
            if highlighter is not None:
                _mark_page(image, page, scale, highlighter)
            images.append(image)
            page.close()
        return images, len(document)
    finally:
        document.close()
        if highlighter is not None:
            highlighter.close()


def _highlighter(query: str) -> Highlighter | None:
    if not query.strip():
        return None
    try:
        return Highlighter(query)
    except FoideskError:
        return None


def _mark_page(image: QImage, page: Any, scale: float, highlighter: Highlighter) -> None:
    """Paint the matches' text rectangles, translucent, over a rendered page."""
    text_page = page.get_textpage()
    try:
        text = text_page.get_text_range()
        painter = QPainter(image)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
        height = page.get_height()
        for start, end in highlighter.spans(text):
            for rect in range(text_page.count_rects(start, end - start)):
                left, bottom, right, top = text_page.get_rect(rect)
                painter.fillRect(
                    QRectF(
                        left * scale,
                        (height - top) * scale,
                        (right - left) * scale,
                        (top - bottom) * scale,
                    ),
                    MATCH_COLOUR,
                )
        painter.end()
    finally:
        text_page.close()


def mark_words(image: QImage, marks: PageMarks) -> QImage:
    """A copy of a scanned page's image with the recognised words that match marked."""
    marked = image.convertToFormat(QImage.Format.Format_RGB32)
    painter = QPainter(marked)
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Multiply)
    width, height = marked.width(), marked.height()
    for box in marks.boxes:
        rect = QRectF(box.left * width, box.top * height, box.width * width, box.height * height)
        painter.fillRect(rect.adjusted(-2, -2, 2, 2), MATCH_COLOUR)
    painter.end()
    return marked


class AttachmentPreview(QDialog):
    """Shows one attachment; "Open with system viewer" and "Save as…" always offered.

    A recognised scan's matches come separately (``show_marks``, from the database
    thread) and are painted on its pages whichever of the two arrives first.
    """

    open_externally = Signal(object)  # AttachmentRecord
    save_requested = Signal(object)  # AttachmentRecord
    pages_ready = Signal(int)

    def __init__(
        self,
        attachment: AttachmentRecord,
        path: Path,
        files: FileTasks,
        parent: QWidget | None,
        query: str = "",
    ) -> None:
        super().__init__(parent)
        self.attachment = attachment
        self.query = query
        self._images: list[QImage] = []
        self._labels: list[QLabel] = []
        self._marks: dict[int, PageMarks] = {}
        self.setWindowTitle(f"{attachment.filename} — foidesk")
        self.setObjectName("attachment-preview")
        self.resize(900, 760)
        self.pages = QVBoxLayout()
        self.pages.setSpacing(12)
        self.status = QLabel(f"{attachment.filename} · {human_size(attachment.size)}")
        self.status.setWordWrap(True)
        content = QWidget()
        content.setObjectName("preview-pages")
        content.setLayout(self.pages)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setWidget(content)
        scroller.setAccessibleName(_("Preview"))
        scroller.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        external = QPushButton(_("Open with system viewer"))
        save = QPushButton(_("Save as…"))
        buttons.addButton(external, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        external.clicked.connect(lambda: self.open_externally.emit(attachment))
        save.clicked.connect(lambda: self.save_requested.emit(attachment))
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scroller, 1)
        layout.addWidget(buttons)
        self._load(path, files)

    def _load(self, path: Path, files: FileTasks) -> None:
        if is_pdf(self.attachment):
            self.status.setText(
                _("{file} · rendering pages…").format(file=self.attachment.filename)
            )
            files.start(
                lambda: render_pdf(path, PAGE_WIDTH, query=self.query),
                self._show_pdf,
                self._failed,
                owner=self,
            )
        else:
            files.start(lambda: _read_image(path), self._show_image, self._failed, owner=self)

    def _show_image(self, image: QImage) -> None:
        self._add_page(image)
        self.status.setText(
            _("{file} · {width} × {height} pixels · {size}").format(
                file=self.attachment.filename,
                width=image.width(),
                height=image.height(),
                size=human_size(self.attachment.size),
            )
        )
        self.pages_ready.emit(1)

    def _show_pdf(self, result: tuple[list[QImage], int]) -> None:
        images, total = result
        for image in images:
            self._add_page(image)
        pages = ngettext("{count} page", "{count} pages", total).format(count=total)
        if total > len(images):
            pages = _("{pages} (first {shown} shown)").format(pages=pages, shown=len(images))
        self.status.setText(
            f"{self.attachment.filename} · {pages} · {human_size(self.attachment.size)}"
        )
        self.pages_ready.emit(len(images))

    def show_marks(self, marks: tuple[PageMarks, ...]) -> None:
        """Mark a recognised scan's matching words on its pages (shown or still to come)."""
        self._marks = {mark.page: mark for mark in marks}
        for index in range(len(self._labels)):
            self._paint(index)

    @property
    def marked_pages(self) -> list[int]:
        """The pages whose recognised words are marked (for a test's eyes)."""
        return [i for i in range(len(self._labels)) if i in self._marks]

    def _add_page(self, image: QImage) -> None:
        label = QLabel()
        label.setObjectName("preview-page")
        label.setAccessibleName(_("Page {number}").format(number=self.pages.count() + 1))
        self._images.append(image)
        self._labels.append(label)
        self.pages.addWidget(label, 0, Qt.AlignmentFlag.AlignHCenter)
        self._paint(len(self._labels) - 1)

    def _paint(self, index: int) -> None:
        image, label = self._images[index], self._labels[index]
        if index in self._marks:
            image = mark_words(image, self._marks[index])
        pixmap = QPixmap.fromImage(image)
        if pixmap.width() > PAGE_WIDTH:
            pixmap = pixmap.scaledToWidth(PAGE_WIDTH, Qt.TransformationMode.SmoothTransformation)
        label.setPixmap(pixmap)
        label.setFixedSize(QSize(pixmap.width(), pixmap.height()))

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(
            _(
                "{file} cannot be previewed ({reason}). Use “Open with system viewer” or "
                "“Save as…”."
            ).format(file=self.attachment.filename, reason=_reason(self.attachment, exc))
        )
        self.pages_ready.emit(0)


def _reason(attachment: AttachmentRecord, exc: BaseException) -> str:
    """Why a preview failed, in the user's language: PDFium's and Qt's own messages are
    English, so they are said in foidesk's words (the reader's own kept in brackets)."""
    if isinstance(exc, FoideskError):
        return str(exc)
    problem = pdf_problem(str(exc)) if is_pdf(attachment) else image_problem(str(exc))
    return problem.shown()


def _read_image(path: Path) -> QImage:
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    image = reader.read()
    if image.isNull():
        raise ValueError(reader.errorString())
    return image
