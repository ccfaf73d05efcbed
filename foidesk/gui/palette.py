"""Light and dark palettes, both checked for readable contrast, plus "follow the system".

The Fusion style is used with an explicit palette so both schemes look the same
on every platform (and in offscreen screenshots).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

from foidesk.core.i18n import N_, _


class Theme(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"

    @property
    def label(self) -> str:
        return _(_THEME_LABELS[self.value])


_THEME_LABELS = {"system": N_("Follow the system"), "light": N_("Light"), "dark": N_("Dark")}


_LIGHT = {
    QPalette.ColorRole.Window: "#f3f4f6",
    QPalette.ColorRole.WindowText: "#1f2937",
    QPalette.ColorRole.Base: "#ffffff",
    QPalette.ColorRole.AlternateBase: "#f7f8fa",
    QPalette.ColorRole.Text: "#111827",
    QPalette.ColorRole.Button: "#e9ebef",
    QPalette.ColorRole.ButtonText: "#1f2937",
    QPalette.ColorRole.Highlight: "#2563eb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#fffbe6",
    QPalette.ColorRole.ToolTipText: "#1f2937",
    QPalette.ColorRole.Link: "#1d4ed8",
    QPalette.ColorRole.PlaceholderText: "#6b7280",
    QPalette.ColorRole.Mid: "#c4c8cf",
    QPalette.ColorRole.Dark: "#9ca3af",
}
_DARK = {
    QPalette.ColorRole.Window: "#1f2228",
    QPalette.ColorRole.WindowText: "#e5e7eb",
    QPalette.ColorRole.Base: "#16181d",
    QPalette.ColorRole.AlternateBase: "#1d2026",
    QPalette.ColorRole.Text: "#e5e7eb",
    QPalette.ColorRole.Button: "#2a2e36",
    QPalette.ColorRole.ButtonText: "#e5e7eb",
    QPalette.ColorRole.Highlight: "#2563eb",
    QPalette.ColorRole.HighlightedText: "#ffffff",
    QPalette.ColorRole.ToolTipBase: "#2a2e36",
    QPalette.ColorRole.ToolTipText: "#e5e7eb",
    QPalette.ColorRole.Link: "#93c5fd",
    QPalette.ColorRole.PlaceholderText: "#9ca3af",
    QPalette.ColorRole.Mid: "#3a3f48",
    QPalette.ColorRole.Dark: "#111318",
}


def palette_for(theme: Theme) -> QPalette:
    if theme is Theme.SYSTEM:
        return QApplication.style().standardPalette()
    palette = QPalette()
    for role, colour in (_DARK if theme is Theme.DARK else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor("#6b7280") if theme is Theme.DARK else QColor("#9ca3af")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


def apply_theme(app: QApplication, theme: Theme) -> None:
    """Switch the whole application's scheme; views re-read colours on ``PaletteChange``."""
    if theme is not Theme.SYSTEM:
        fusion = QStyleFactory.create("Fusion")
        if fusion is not None:
            app.setStyle(fusion)
    QGuiApplication.setPalette(palette_for(theme))
    app.setStyleSheet(app.styleSheet())  # widgets polished by a style sheet re-read the palette


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio between two colours (4.5 is the bar for body text)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)
