"""Folded link addresses in the source editor: a short left-to-right chip where the address stands.

In a right-to-left paragraph the Markdown of a link, `[המשרד](https://www.gov.il/he/…)`, is cut
into pieces by the bidirectional algorithm and reads out of order. Outside the link the caret is
not in, its `(address)` is drawn as a chip with the site's name (`gov.il`) or "image", as Typora
and Obsidian do; with the caret inside, the whole Markdown shows for editing. Only the drawing
changes: the text, and so the stored post, stays exactly as typed.

The highlighter gives the folded characters a format (`fold_formats`): the "(" takes the
chip's width, the rest of the address nearly none, all transparent; `paint_chips` then draws
the chips on the viewport over the space the "(" keeps.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QTextBlock,
    QTextCharFormat,
    QTextFormat,
)

from editor.core.text.markdown_source import Link, links, short_address
from editor.ui.theme import theme_colors

CHIP_PADDING = 6.0
CHIP_GAP = 4.0
HIDDEN_POINT_SIZE = 1
MAX_LABEL = 28
CHIP_LABEL = QTextFormat.Property.UserProperty + 1  # on the "(" that makes room for a chip


def chip_label(link: Link) -> str:
    if link.is_image:
        return QCoreApplication.translate("LinkChips", "image")
    label = short_address(link.address) or link.address
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


class LinkChips:
    """The chips' font and formats; which link the caret has opened (it stays unfolded)."""

    def __init__(self, base_font: QFont) -> None:
        self.font = QFont(base_font)
        self.font.setPointSizeF(max(7.0, base_font.pointSizeF() * 0.8))
        self._metrics = QFontMetricsF(self.font)
        self.open_link: tuple[int, int] | None = None  # (block number, link start) the caret is in
        self.enabled = True
        self.colors = theme_colors()

    def folds(self, block_number: int, text: str) -> list[tuple[Link, str]]:
        """The links of a line to fold, with their labels (none where the caret is)."""
        if not self.enabled or "](" not in text:
            return []
        return [(link, chip_label(link)) for link in links(text)
                if (block_number, link.start) != self.open_link]

    def opened_link(self, block_number: int, text: str, caret: int) -> tuple[int, int] | None:
        """The (block, link start) the caret is inside, or None: a change means re-highlighting."""
        for link in links(text) if "](" in text else ():
            if link.contains(caret):
                return (block_number, link.start)
        return None

    def fold_formats(self, link: Link, label: str) -> list[tuple[int, int, QTextCharFormat]]:
        """(start, end, format) over the line's Python indices for one folded address."""
        room = QTextCharFormat()
        room.setForeground(Qt.GlobalColor.transparent)
        room.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        room.setFontLetterSpacing(self.chip_width(label) + 2 * CHIP_GAP)
        room.setProperty(CHIP_LABEL, label)
        hidden = QTextCharFormat()
        hidden.setForeground(Qt.GlobalColor.transparent)
        hidden.setFontPointSize(HIDDEN_POINT_SIZE)
        hidden.setFontLetterSpacingType(QFont.SpacingType.AbsoluteSpacing)
        hidden.setFontLetterSpacing(-0.6)
        return [(link.target_start, link.target_start + 1, room), (link.target_start + 1, link.end, hidden)]

    def chip_width(self, label: str) -> float:
        return self._metrics.horizontalAdvance(label) + 2 * CHIP_PADDING

    def paint(self, painter: QPainter, block: QTextBlock, offset: QPointF) -> int:
        """Draw the chips the highlighter made room for in one visible block; `offset` maps
        document to viewport coordinates. Returns how many were drawn."""
        layout = block.layout()
        drawn = 0
        for folded in layout.formats():
            label = folded.format.property(CHIP_LABEL)
            if not label:
                continue
            line = layout.lineForTextPosition(folded.start)
            if not line.isValid():
                continue
            left, right = sorted((_x(line, folded.start), _x(line, folded.start + 1)))
            origin = layout.position() + offset
            width = self.chip_width(label)
            rect = QRectF(origin.x() + (left + right - width) / 2, origin.y() + line.y() + 2,
                          width, line.height() - 4)
            painter.setPen(self.colors["chip_border"])
            painter.setBrush(self.colors["chip_background"])
            painter.drawRoundedRect(rect, 4, 4)
            painter.setPen(self.colors["chip_text"])
            painter.setFont(self.font)
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
            drawn += 1
        return drawn


def _x(line, position: int) -> float:
    found = line.cursorToX(position)
    return found[0] if isinstance(found, tuple) else found
