"""The spell check's layer of the source editor: which words the highlighter underlines, found without
holding up typing.

The highlighter asks `misspelled(text, block)` for each block it formats. When it formats again the
block it formatted last (typing), only the words around the edit are read; the others' mistakes are
the last check's. Words whose answer is cached cost a lookup; a few new ones per turn of the event
loop are asked of the dictionary there and then (the word being typed); the rest wait. While a post
loads nothing is asked: every line waits, then the blocks on screen are checked at once and the whole
post on a worker thread, and the blocks with mistakes are redrawn a slice at a time. A word is not
underlined while the caret sits at its end right after typing it (half a word is no mistake); it is
when the caret leaves it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, QPoint, QTimer, Signal
from PySide6.QtGui import QTextBlock, QTextCursor
from PySide6.QtWidgets import QTextEdit

from editor.core.errors import KtavError
from editor.core.spelling import SpellChecker, Word
from editor.core.spelling.checker import LineCheck
from editor.core.text.utf16 import from_utf16, to_utf16
from editor.ui.background import Background
from editor.ui.writing.block_direction import is_code_block

ASK_PER_TURN = 150  # new words asked of the dictionary per turn of the event loop (about 8 µs each)
REDRAW_SLICE = 40  # blocks redrawn per turn of the event loop
SCROLL_DELAY_MS = 40
TYPING_EDIT = 3  # an edit of at most this many characters is typing, not a paste


class SpellingLayer(QObject):
    """Underlines for the highlighter, with the words under a point and the actions on them."""

    visibleChecked = Signal()  # the blocks on screen have their underlines
    allChecked = Signal()  # every block of the text has them
    problem = Signal(object)  # a KtavError: a word could not be kept

    def __init__(self, editor: QTextEdit, redraw: Callable[[Iterable[int]], None],
                 jobs: Background | None = None) -> None:
        super().__init__(editor)
        self.editor = editor
        self.checker: SpellChecker | None = None
        self.enabled = True
        self.can_add_to_blog = True
        self._redraw_blocks = redraw
        self._redrawing = False
        self._jobs = jobs or Background(self)
        self._loading = False
        self._waiting: set[str] = set()  # lines whose words are not all answered yet
        self._in_worker: set[str] = set()
        self._underlined: set[str] = set()  # lines drawn with an underline
        self._to_redraw: list[QTextBlock] = []
        self._asked_this_turn, self._turn_counted = 0, False
        self._edit_end: int | None = None  # the document position right after the text just typed
        self._held: tuple[int, int] | None = None  # (block number, word end) not underlined yet
        self._last_checked: tuple[int, str, LineCheck] | None = None  # the block checked last, as it was
        self._scroll_timer = QTimer(self, singleShot=True, interval=SCROLL_DELAY_MS)
        self._scroll_timer.timeout.connect(self.check_visible)
        # Connected before the highlighter is made, so this runs before it formats the edited block.
        editor.document().contentsChange.connect(self._on_contents_change)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.verticalScrollBar().valueChanged.connect(lambda _value: self._scroll_timer.start())

    @property
    def active(self) -> bool:
        return self.enabled and self.checker is not None

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self._last_checked = None
        self.recheck_all()

    def set_enabled(self, enabled: bool) -> None:
        if enabled == self.enabled:
            return
        self.enabled = enabled
        self.recheck_all() if enabled else self.redraw_underlined()

    # -- for the highlighter --------------------------------------------------------------------

    def misspelled(self, text: str, block: QTextBlock) -> list[Word]:
        """The words of `text` (a block outside code) to underline now."""
        if not self.active or not text:
            return []
        if self._loading:
            self._waiting.add(text)
            return []
        if self._held is not None and self._held[0] == block.blockNumber():
            self._held = None  # this pass draws the block anew: the word held before is decided again
        if not self._turn_counted:
            self._turn_counted = True
            QTimer.singleShot(0, self._new_turn)
        budget = max(0, ASK_PER_TURN - self._asked_this_turn)
        number, last = block.blockNumber(), self._last_checked
        if last is not None and last[0] == number:  # typing in this block: only the words around the edit
            check = self.checker.misspelled_after_edit(text, last[1], last[2], ask_up_to=budget)
        else:
            check = self.checker.misspelled(text, ask_up_to=budget)
        self._last_checked = (number, text, check)
        bad, complete, asked = check
        self._asked_this_turn += asked
        if not complete:
            self._waiting.add(text)
            self._check_waiting_soon()
        held = self._word_being_typed(text, block, bad)
        if held is not None:
            bad = [w for w in bad if w is not held]
        if bad:
            self._underlined.add(text)
        return bad

    def _new_turn(self) -> None:
        self._asked_this_turn, self._turn_counted = 0, False

    def _word_being_typed(self, text: str, block: QTextBlock, bad: list[Word]) -> Word | None:
        if self._edit_end is None or not bad:
            return None
        start = block.position()
        if not start <= self._edit_end <= start + block.length() - 1:
            return None
        column = from_utf16(text, self._edit_end - start)
        for word in bad:
            if word.end == column:
                self._held = (block.blockNumber(), column)
                return word
        return None

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._redrawing:
            return  # our own redraw, not the writer's typing
        self._edit_end = position + added if not self._loading and max(removed, added) <= TYPING_EDIT else None

    def _redraw(self, block_numbers: list[int]) -> None:
        self._redrawing = True
        try:
            self._redraw_blocks(block_numbers)
        finally:
            self._redrawing = False

    def _on_cursor_moved(self) -> None:
        self._edit_end = None
        if self._held is None:
            return
        cursor = self.editor.textCursor()
        number, column = self._held
        if cursor.blockNumber() == number and from_utf16(cursor.block().text(), cursor.positionInBlock()) == column:
            return  # still at the end of the word
        self._held = None
        self._redraw([number])

    # -- loading a text, the screen, the rest of the text ---------------------------------------

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Around replacing the whole text: its lines wait, the screen is checked right after."""
        self._loading = True
        self._last_checked = None
        self._waiting.clear()
        self._underlined.clear()
        self._to_redraw.clear()
        self._held = None
        try:
            yield
        finally:
            self._loading = False
        if self.active:
            QTimer.singleShot(0, self.check_visible)

    def recheck_all(self) -> None:
        """Every line of the text waits for its answers again (a new checker, spell check turned on)."""
        self._last_checked = None
        self._waiting = {block.text() for block in self._blocks() if block.text() and not is_code_block(block)}
        if self.active:
            self.check_visible()

    def check_visible(self) -> None:
        """The blocks on screen that wait are checked now and redrawn; the rest go to the worker."""
        if not self.active:
            return
        waiting = self._waiting | self._in_worker
        redraw = []
        for block in self._visible_blocks():
            text = block.text()
            if text in waiting and not is_code_block(block):
                self._waiting.discard(text)
                if self.checker.misspelled(text).mistakes:
                    redraw.append(block.blockNumber())
        if redraw:
            self._redraw(redraw)
        self.visibleChecked.emit()
        self._check_waiting_soon()

    def _visible_blocks(self) -> Iterator[QTextBlock]:
        viewport = self.editor.viewport()
        block = self.editor.cursorForPosition(QPoint(0, 0)).block()
        last = self.editor.cursorForPosition(QPoint(viewport.width() - 1, viewport.height() - 1)).blockNumber()
        while block.isValid() and block.blockNumber() <= last:
            yield block
            block = block.next()

    def _check_waiting_soon(self) -> None:
        if self._in_worker or not self._waiting or self._loading:
            if not (self._in_worker or self._waiting or self._to_redraw or self._loading):
                self.allChecked.emit()
            return
        lines, checker = list(self._waiting), self.checker
        self._in_worker, self._waiting = set(lines), set()
        self._jobs.run(lambda: checker.lines_with_mistakes(lines), self._on_worker_done, receiver=self)

    def _on_worker_done(self, result) -> None:
        self._in_worker = set()
        if isinstance(result, Exception):
            raise result  # a bug: let it be seen
        if self.active:
            self._to_redraw += [b for b in self._blocks() if b.text() in result and not is_code_block(b)]
        self._redraw_slice()

    def _redraw_slice(self) -> None:
        chunk, self._to_redraw = self._to_redraw[:REDRAW_SLICE], self._to_redraw[REDRAW_SLICE:]
        numbers = [block.blockNumber() for block in chunk if block.isValid()]
        if numbers:
            self._redraw(numbers)
        if self._to_redraw:
            QTimer.singleShot(0, self._redraw_slice)
        else:
            self._check_waiting_soon()

    def redraw_underlined(self) -> None:
        """Redraw the lines drawn with an underline (a word became right, or spell check was turned off)."""
        lines, self._underlined = self._underlined, set()
        self._last_checked = None  # a word list changed: no answer of the last check is built on
        self._to_redraw += [block for block in self._blocks() if block.text() in lines]
        self._redraw_slice()

    def _blocks(self) -> Iterator[QTextBlock]:
        block = self.editor.document().begin()
        while block.isValid():
            yield block
            block = block.next()

    # -- the words under the mouse, and what can be done with them ----------------------------

    def mistake_at(self, cursor: QTextCursor) -> Word | None:
        """The misspelled word the cursor is in or at the edge of, or None."""
        block = cursor.block()
        if not self.active or is_code_block(block):
            return None
        text = block.text()
        column = from_utf16(text, cursor.positionInBlock())
        return next((w for w in self.checker.misspelled(text).mistakes if w.start <= column <= w.end), None)

    def suggestions(self, word: Word) -> list[str]:
        return self.checker.suggestions(word) if self.checker is not None else []

    def replace(self, cursor: QTextCursor, word: Word, replacement: str) -> None:
        """Put `replacement` in place of the word the cursor is in, as one undo step."""
        block = cursor.block()
        text = block.text()
        edit = QTextCursor(self.editor.document())
        edit.beginEditBlock()
        edit.setPosition(block.position() + to_utf16(text, word.start))
        edit.setPosition(block.position() + to_utf16(text, word.end), QTextCursor.MoveMode.KeepAnchor)
        edit.insertText(replacement)
        edit.endEditBlock()
        self.editor.setTextCursor(edit)

    def keep(self, where: str, word: Word) -> None:
        """Add the word to the "personal" dictionary or the "blog"'s words, or "ignore" it this session."""
        if self.checker is None:
            return
        try:
            {"personal": self.checker.add_personal, "blog": self.checker.add_to_blog,
             "ignore": self.checker.ignore}[where](word.text)
        except KtavError as error:
            self.problem.emit(error)
            return
        self.redraw_underlined()
