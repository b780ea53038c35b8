"""Markdown syntax highlighting for the source editor: colours and weights only, block by block.

The block state records whether a block is inside a fenced code block, so the direction logic
(`block_direction.py`) reads the same fence state the colours come from. The highlighter also
remembers which blocks it re-highlighted since the last `take_touched_blocks()`: those are the
blocks whose fence state or text changed.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from editor.core.text.markdown_source import Fence, closes_fence, fence_opening, links
from editor.core.text.utf16 import has_astral, to_utf16
from editor.ui.theme import theme_colors

OUTSIDE_FENCE = 0
MISSPELLED_COLOR = QColor("#d32f2f")
_FENCE_BASE = {"`": 1000, "~": 2000}

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_QUOTE = re.compile(r"^ {0,3}>")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])(?=[ \t])")
_INLINE_CODE = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?!\*)|(?<![_\w])_(?=\S)(.+?)(?<=\S)_(?![_\w])")
_AUTOLINK = re.compile(r"<(?:https?://|mailto:)[^<>\s]+>")


def fence_of_state(state: int) -> Fence | None:
    """The open fence a block state stands for, or None outside code."""
    for char, base in _FENCE_BASE.items():
        if base < state < base + 1000:
            return Fence(char, state - base)
    return None


def is_code_state(state: int) -> bool:
    return fence_of_state(state) is not None


def _state_of_fence(fence: Fence) -> int:
    return _FENCE_BASE[fence.char] + min(fence.length, 999)


def _char_format(color: str, *, bold=False, italic=False, mono=False, background=None):
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    if italic:
        fmt.setFontItalic(True)
    if mono:
        fmt.setFontFamilies(["DejaVu Sans Mono", "Noto Sans Mono", "monospace"])
        fmt.setFontFixedPitch(True)
    if background:
        fmt.setBackground(QColor(background))
    return fmt


class MarkdownHighlighter(QSyntaxHighlighter):
    """Colours Markdown syntax; states carry the fenced-code context from block to block."""

    def __init__(self, document: QTextDocument) -> None:
        self.formats = self._themed_formats()
        self._touched: list = []
        self.chips = None  # a LinkChips: folds link addresses outside the caret's link
        self.spelling = None  # a SpellingLayer: which words get a red wavy underline
        super().__init__(document)

    @staticmethod
    def _themed_formats() -> dict[str, QTextCharFormat]:
        colors = theme_colors()
        return {
            "heading": _char_format(colors["heading"], bold=True),
            "marker": _char_format(colors["marker"]),
            "quote": _char_format(colors["quote"], italic=True),
            "bold": _char_format(colors["emphasis"], bold=True),
            "italic": _char_format(colors["emphasis"], italic=True),
            "code": _char_format(colors["code"], mono=True, background=colors["code_background"]),
            "fence": _char_format(colors["fence"], mono=True),
            "link": _char_format(colors["link"]),
            "url": _char_format(colors["url"]),
        }

    def apply_theme(self) -> None:
        """Colours for the palette now in use (the system switched between light and dark)."""
        self.formats = self._themed_formats()
        self.rehighlight()

    def take_touched_blocks(self) -> list:
        """Blocks highlighted since the last call, oldest first (each a QTextBlock)."""
        touched, self._touched = self._touched, []
        return touched

    def highlightBlock(self, text: str) -> None:
        self._touched.append(self.currentBlock())
        open_fence = fence_of_state(self.previousBlockState())
        if open_fence is not None:
            self._format_span(text, 0, len(text), "fence")
            closed = closes_fence(text, open_fence)
            self.setCurrentBlockState(OUTSIDE_FENCE if closed else _state_of_fence(open_fence))
            return
        opened = fence_opening(text)
        if opened is not None:
            self._format_span(text, 0, len(text), "fence")
            self.setCurrentBlockState(_state_of_fence(opened))
            return
        self.setCurrentBlockState(OUTSIDE_FENCE)
        self._highlight_inline(text)
        if self.spelling is not None:
            for word in self.spelling.misspelled(text, self.currentBlock()):
                self._underline(text, word.start, word.end)

    def _highlight_inline(self, text: str) -> None:
        if _HEADING.match(text):
            self._format_span(text, 0, len(text), "heading")
            return
        if match := _QUOTE.match(text):
            self._format_span(text, 0, len(text), "quote")
            self._format_span(text, 0, match.end(), "marker")
        elif match := _LIST_MARKER.match(text):
            self._format_span(text, 0, match.end(), "marker")
        for match in _BOLD.finditer(text):
            self._format_span(text, match.start(), match.end(), "bold")
            self._format_markers(text, match, 1)
        for match in _ITALIC.finditer(text):
            self._format_span(text, match.start(), match.end(), "italic")
        code_spans = [match.span() for match in _INLINE_CODE.finditer(text)]
        if "](" in text:
            self._highlight_links(text, code_spans)
        for match in _AUTOLINK.finditer(text):
            self._format_span(text, match.start(), match.end(), "url")
        for start, end in code_spans:
            self._format_span(text, start, end, "code")

    def _highlight_links(self, text: str, code_spans: list[tuple[int, int]]) -> None:
        for link in links(text):
            self._format_span(text, link.text_start, link.text_end, "link")
            self._format_span(text, link.start, link.text_start, "marker")
            self._format_span(text, link.text_end, link.target_start + 1, "marker")
            self._format_span(text, link.target_start + 1, link.end - 1, "url")
            self._format_span(text, link.end - 1, link.end, "marker")
        if self.chips is None:
            return
        for link, label in self.chips.folds(self.currentBlock().blockNumber(), text):
            if any(start < link.end and link.start < end for start, end in code_spans):
                continue
            for start, end, fmt in self.chips.fold_formats(link, label):
                self._set_format(text, start, end, fmt)

    def _format_markers(self, text: str, match: re.Match, group: int) -> None:
        size = match.end(group) - match.start(group)
        self._format_span(text, match.start(), match.start() + size, "marker")
        self._format_span(text, match.end() - size, match.end(), "marker")

    def _format_span(self, text: str, start: int, end: int, name: str) -> None:
        self._set_format(text, start, end, self.formats[name])

    def _underline(self, text: str, start: int, end: int) -> None:
        """A red wavy line under [start, end), over the colours already given there."""
        if has_astral(text):
            start, end = to_utf16(text, start), to_utf16(text, end)
        run_start = start
        for position in range(start + 1, end + 1):  # one format per run of equal colours: one wave each
            if position < end and self.format(position) == self.format(run_start):
                continue
            fmt = QTextCharFormat(self.format(run_start))
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(MISSPELLED_COLOR)
            self.setFormat(run_start, position - run_start, fmt)
            run_start = position

    def _set_format(self, text: str, start: int, end: int, fmt: QTextCharFormat) -> None:
        if end <= start:
            return
        if has_astral(text):  # Qt counts UTF-16 units; Python counts characters
            start, end = to_utf16(text, start), to_utf16(text, end)
        self.setFormat(start, end - start, fmt)
