"""Finding the shipped ``resources/`` folder and turning its SVGs into crisp icons.

In a checkout the folder sits at the repository's top level; an installed wheel
carries it as ``foidesk/resources`` (pyproject force-includes it). Icons are
SVG rendered at the exact size and device pixel ratio asked for, so they stay
sharp on high-DPI screens; monochrome icons are drawn in the palette's text
colour so they read on light and dark palettes alike.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    """The resources folder in either layout (installed wheel first, then checkout)."""
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if (candidate / "icons").is_dir():
            return candidate
    raise FileNotFoundError("foidesk's resources folder is missing from this installation")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


@cache
def _svg_text(name: str) -> str:
    return resource_path("icons", f"{name}.svg").read_text(encoding="utf-8")


def _tinted_svg(name: str, mode: QIcon.Mode) -> QByteArray:
    """The SVG with ``currentColor`` replaced by the palette's text colour for ``mode``."""
    palette = QGuiApplication.palette()
    disabled = mode is QIcon.Mode.Disabled
    group = QPalette.ColorGroup.Disabled if disabled else QPalette.ColorGroup.Active
    colour = palette.color(group, QPalette.ColorRole.WindowText)
    if mode is QIcon.Mode.Selected:
        colour = palette.color(QPalette.ColorRole.HighlightedText)
    return QByteArray(_svg_text(name).replace("currentColor", colour.name()).encode())


class SvgIconEngine(QIconEngine):
    """Renders one shipped SVG at whatever size and scale Qt asks for."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self._name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        renderer = QSvgRenderer(_tinted_svg(self._name, mode))
        renderer.render(painter, QRectF(rect))

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        pixmap = QPixmap(size * scale)
        pixmap.fill(QColor(Qt.GlobalColor.transparent))
        pixmap.setDevicePixelRatio(scale)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(0, 0, size.width(), size.height()), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name)

    def key(self) -> str:
        return "foidesk-svg"


def icon(name: str) -> QIcon:
    """A shipped icon by name (``resources/icons/<name>.svg``)."""
    return QIcon(SvgIconEngine(name))


def icon_pixmap(name: str, size: int, scale: float = 1.0) -> QPixmap:
    """A pixmap of an icon, for places that want an image (rich text, painting)."""
    return icon(name).pixmap(QSize(size, size), scale)


def stylesheet() -> str:
    return resource_path("styles", "foidesk.qss").read_text(encoding="utf-8")
