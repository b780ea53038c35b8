"""Gives each paragraph (block) of the source editor the direction of its own text, incrementally.

A Hebrew line is laid out right-to-left and right-aligned, an English line or a fenced code block
left-to-right and left-aligned (code on a tinted full-width background), and a line without words
(empty, "---", "1.") follows the block before it (the first block: right-to-left). Only blocks whose
text or fence state changed are looked at (the highlighter reports them), plus the word-less blocks
after them that follow them.

The direction is stored in the block format, so it is part of the document and of undo. Qt
cannot merge a format change into a typing step, so a change after typing becomes an undo step
of its own: `own_steps` lists them, and the editor's undo/redo takes such a step together with
the text step it belongs to. While undo/redo runs (`paused()`), nothing is re-decided: the
history already holds the directions that went with each text.
"""

from __future__ import annotations

from contextlib import contextmanager

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

from editor.core.text.hebrew import direction_of_counts
from editor.core.text.markdown_source import direction_counts, direction_counts_after_edit
from editor.ui.theme import theme_colors
from editor.ui.writing.highlighter import MarkdownHighlighter, is_code_state

_PROPORTIONAL = QTextBlockFormat.LineHeightTypes.ProportionalHeight.value
_BACKGROUND = QTextFormat.Property.BackgroundBrush
RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
_ALIGNMENT = {
    RTL: Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignAbsolute,
    LTR: Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignAbsolute,
}


def is_code_block(block: QTextBlock) -> bool:
    """A fence line or a line between fences (by the highlighter's block states)."""
    return is_code_state(block.userState()) or is_code_state(block.previous().userState())


class _LineDirections:
    """The direction a block's own text asks for; the blocks counted last are remembered with their
    word counts, so a key typed in one counts the words around the edit only. (Remembered by block
    number, only a hint: counts built on another line's are still right, see
    `direction_counts_after_edit`.)"""

    REMEMBERED = 8

    def __init__(self) -> None:
        self._counted: dict[int, tuple[str, tuple[int, int]]] = {}  # block number -> (text, counts)

    def own(self, block: QTextBlock) -> Qt.LayoutDirection | None:
        """The direction a block's own text asks for, or None when it has no words."""
        if is_code_block(block):
            return LTR
        text, number = block.text(), block.blockNumber()
        last = self._counted.get(number)
        if last is None:
            counts = direction_counts(text)
            if len(self._counted) >= self.REMEMBERED:
                self._counted.clear()
        else:
            counts = last[1] if last[0] == text else direction_counts_after_edit(text, last[0], last[1])
        self._counted[number] = (text, counts)
        found = direction_of_counts(*counts)
        if found is None:
            return None
        return LTR if found == "ltr" else RTL

    def wanted(self, block: QTextBlock) -> Qt.LayoutDirection:
        own = self.own(block)
        if own is not None:
            return own
        previous = block.previous()
        return previous.blockFormat().layoutDirection() if previous.isValid() else RTL


class BlockDirection(QObject):
    """Keeps block directions up to date; connect after the highlighter so fence states are fresh."""

    def __init__(
        self, document: QTextDocument, highlighter: MarkdownHighlighter, line_height: int = 100
    ) -> None:
        super().__init__(document)
        self._document = document
        self._highlighter = highlighter
        self._line_height = line_height  # percent of the font's line spacing
        self.code_background = theme_colors()["code_block"]
        self._applying = False
        self._paused = False
        self._directions = _LineDirections()
        self.own_steps: set[int] = set()  # undo-stack indices of steps that only set directions
        self.blocks_examined = 0  # for tests and benchmarks: how much work an edit caused
        document.contentsChange.connect(self._on_contents_change)
        document.undoCommandAdded.connect(self._on_undo_command_added)

    @contextmanager
    def paused(self):
        """Leave directions alone (undo and redo restore them with the text)."""
        self._paused = True
        try:
            yield
        finally:
            self._paused = False
            self._highlighter.take_touched_blocks()

    def forget_history(self) -> None:
        """The undo stack was cleared."""
        self.own_steps.clear()

    def _on_undo_command_added(self) -> None:
        if not self._applying:  # a new edit drops the redo steps above it
            newest = self._document.availableUndoSteps() - 1
            self.own_steps = {step for step in self.own_steps if step < newest}

    @property
    def applying(self) -> bool:
        """True while this object changes block formats (not an edit by the writer)."""
        return self._applying

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._applying or self._paused:
            return
        first = self._document.findBlock(position)
        last = self._document.findBlock(position + added)
        blocks = self._highlighter.take_touched_blocks()
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        self._update(blocks)

    def _update(self, blocks: list[QTextBlock]) -> None:
        wanted_numbers = {b.blockNumber() for b in blocks if b.isValid()}
        numbers = sorted(wanted_numbers)
        cursor: QTextCursor | None = None
        steps_before = self._document.availableUndoSteps()
        self.blocks_examined = 0
        try:
            self._applying = True
            visited = -1
            for number in numbers:
                if number <= visited:
                    continue
                block = self._document.findBlockByNumber(number)
                while block.isValid():
                    self.blocks_examined += 1
                    want = self._directions.wanted(block)
                    if self._needs_format(block, want):
                        if cursor is None:
                            cursor = QTextCursor(self._document)
                            cursor.joinPreviousEditBlock()
                        self._set_direction(cursor, block, want)
                    visited = block.blockNumber()
                    following = block.next()
                    # A word-less block after this one takes its direction: go on while they differ.
                    if not (
                        following.isValid()
                        and following.blockNumber() not in wanted_numbers
                        and self._directions.own(following) is None
                        and following.blockFormat().layoutDirection() != want
                    ):
                        break
                    block = following
        finally:
            if cursor is not None:
                cursor.endEditBlock()
                if self._document.availableUndoSteps() > steps_before:
                    self.own_steps.add(self._document.availableUndoSteps() - 1)
            self._highlighter.take_touched_blocks()  # re-highlighted for our own format changes
            self._applying = False

    def _line_height_for(self, code: bool) -> int:
        return 100 if code else self._line_height  # code lines sit close together

    def _needs_format(self, block: QTextBlock, direction) -> bool:
        fmt = block.blockFormat()
        code = is_code_block(block)
        return (
            fmt.layoutDirection() != direction
            or int(fmt.lineHeight()) != self._line_height_for(code)
            or fmt.hasProperty(_BACKGROUND) != code
            or (code and fmt.background().color() != self.code_background)
        )

    def apply_theme(self) -> None:
        """Code blocks take the tint of the palette now in use (one undo step, taken with the last)."""
        self.code_background = theme_colors()["code_block"]
        self._update([b for b in _blocks(self._document) if is_code_block(b)])

    def _set_direction(self, cursor: QTextCursor, block: QTextBlock, direction) -> None:
        fmt = block.blockFormat()
        fmt.setLayoutDirection(direction)
        fmt.setAlignment(_ALIGNMENT[direction])
        fmt.setLineHeight(self._line_height_for(is_code_block(block)), _PROPORTIONAL)
        if is_code_block(block):
            fmt.setBackground(self.code_background)
        else:
            fmt.clearBackground()
        cursor.setPosition(block.position())
        cursor.setBlockFormat(fmt)


def _blocks(document: QTextDocument):
    block = document.begin()
    while block.isValid():
        yield block
        block = block.next()
