"""The desk's own colours, for a light and a dark palette: the one the system gives is followed.

    colors = theme_colors()          # for the application's palette now: light or dark
    colors["heading"]                # a QColor
    is_dark(palette) -> bool
    contrast(a, b) -> float          # WCAG contrast ratio of two colours (1 … 21)

The preview is not themed: it shows the page as the site will.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

_LIGHT = {
    "heading": "#1f4e79", "marker": "#6b7079", "quote": "#52606d", "emphasis": "#1b1b1b",
    "code": "#8b2252", "code_background": "#f3f1ee", "fence": "#3d3d3d", "link": "#1a5fb4", "url": "#6b7079",
    "current_line": "#f4f1ea", "search_match": "#fde68a", "code_block": "#eef0f3",
    "chip_background": "#e7eef8", "chip_border": "#b8c7dc", "chip_text": "#1a5fb4",
    "banner_background": "#fdecea", "banner_border": "#e0a0a0", "banner_text": "#8a1c1c",
}
_DARK = {
    "heading": "#8cc4ff", "marker": "#a3a9b3", "quote": "#b7c3cf", "emphasis": "#f1f1f1",
    "code": "#f0a3c8", "code_background": "#3a3533", "fence": "#d6d6d6", "link": "#8cc4ff", "url": "#a3a9b3",
    "current_line": "#2f2d29", "search_match": "#6b5a12", "code_block": "#2b2e33",
    "chip_background": "#24364d", "chip_border": "#3f5878", "chip_text": "#b9d7ff",
    "banner_background": "#4a1f1f", "banner_border": "#8a3a3a", "banner_text": "#ffd0d0",
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def theme_colors(palette: QPalette | None = None) -> dict[str, QColor]:
    palette = palette or QGuiApplication.palette()
    chosen = _DARK if is_dark(palette) else _LIGHT
    return {name: QColor(value) for name, value in chosen.items()}


def _luminance(color: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    lighter, darker = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
