"""The Markdown source editor: right-to-left by default, each paragraph in the direction of its text.

API for the window (everything else here is internal):

    editor = SourceEditor(parent)                  # a QTextEdit holding plain text only
    editor.set_text(text, reset_undo=True)         # load a post; reset_undo=False keeps undo (one step)
    editor.text() -> str                           # kept up edit by edit; exact_text() reads the document
    editor.take_change() -> (start, end) | None    # where text() changed since the last call (None: unknown)
    editor.textEdited                              # Signal(): the writer changed the text (typing,
                                                   #   paste, formatting, undo/redo); never set_text
    editor.typing                                  # True while a key is handled (textEdited from typing)
    editor.focusLost                               # Signal(): the writer left the editor (save now)
    editor.cursor_line() -> int                    # 1-based source line of the cursor
    editor.cursorLineChanged                       # Signal(int)
    editor.formatting_actions() -> list[QAction]   # bold, italic, link, H1-3, lists, quote, image
                                                   #   (tooltips with shortcuts; for the toolbar)
    editor.imageRequested                          # Signal(): the image action was triggered
    editor.insert_image_reference(uri, alt, caption="", at=None)
                                                   # "![alt](uri "caption")" as a paragraph after the
                                                   #   line at text index `at` (default: the caret)
    editor.filesDropped                            # Signal(list[str], int): files dropped or pasted
    editor.imagePasted                             # Signal(bytes, int): a picture pasted (PNG)
    editor.paste_converter                         # clipboard HTML -> Markdown (set by the window)
    editor.insert_markdown(text)                   # pasted text at the caret, one undo step
    editor.find_replace_bar() -> FindReplaceBar    # place it under the editor; hidden until needed
    editor.show_find(replace=False)                # Ctrl+F / Ctrl+H do the same
    editor.go_to_line(line)                        # move the cursor to a 1-based line
    editor.spelling -> SpellingLayer               # the red underlines; .set_checker(checker) turns them on

Saving never touches the undo stack: undo/redo goes on across autosaves; only
`set_text(..., reset_undo=True)` (switching posts) starts a new history.

A QTextEdit, not a QPlainTextEdit: the plain-text layout ignores per-block direction and
alignment, so Hebrew and English paragraphs could not each sit on their own side.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QEvent,
    QIODevice,
    QMimeData,
    QPoint,
    QPointF,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QFont,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextCursor,
    QTextFormat,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from editor.core.editing import list_keys, word_moves
from editor.core.editing.formatting import Edit, image_markdown, insert_block, insert_pasted
from editor.core.editing.text_change import changes_between
from editor.core.text.utf16 import from_utf16, has_astral, to_utf16
from editor.ui.theme import theme_colors
from editor.ui.writing.block_direction import BlockDirection, is_code_block
from editor.ui.writing.find_replace import FindReplaceBar
from editor.ui.writing.formatting_actions import FormattingActions
from editor.ui.writing.highlighter import MarkdownHighlighter
from editor.ui.writing.link_chips import LinkChips
from editor.ui.writing.plain_text import PlainText
from editor.ui.writing.spelling_layer import SpellingLayer
from editor.ui.writing.spelling_menu import add_spelling_actions

EDITOR_FONT_FAMILIES = ["Noto Sans Hebrew", "Noto Sans", "DejaVu Sans", "Arial", "sans-serif"]
EDITOR_POINT_SIZE = 13
LINE_HEIGHT_PERCENT = 135
MAX_LINE_CHARACTERS = 90
SIDE_MARGIN = 12
MAX_MARKED_MATCHES = 2000
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
_WORD_KEYS = (  # (key sequence, goes forward in a left-to-right line, what it does)
    (QKeySequence.StandardKey.MoveToNextWord, True, "move"),
    (QKeySequence.StandardKey.MoveToPreviousWord, False, "move"),
    (QKeySequence.StandardKey.SelectNextWord, True, "select"),
    (QKeySequence.StandardKey.SelectPreviousWord, False, "select"),
    (QKeySequence.StandardKey.DeleteEndOfWord, True, "delete"),
    (QKeySequence.StandardKey.DeleteStartOfWord, False, "delete"),
)
_PLAIN_ENTER_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
_NOT_PLAIN_TYPING = ~_PLAIN_ENTER_MODIFIERS  # a modifier a typed character never comes with
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride  # asked of every event: looked up once


class SourceEditor(QTextEdit):
    """The writer's Markdown source editor (see the module docstring for the API)."""

    textEdited = Signal()
    focusLost = Signal()
    filesDropped = Signal(list, int)  # local file paths, the text index they were dropped (pasted) at
    imagePasted = Signal(bytes, int)  # a picture on the clipboard (PNG), the caret's text index
    cursorLineChanged = Signal(int)
    imageRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptRichText(False)
        self._colors = theme_colors()
        self.setAccessibleName(self.tr("The post's text"))
        self.setAccessibleDescription(self.tr("Markdown: a blank line between paragraphs, # for headings, - for lists"))
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._setup_appearance()
        document = self.document()
        option = document.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.RightToLeft)
        document.setDefaultTextOption(option)

        # The kept text hears of each edit first (anything after it may read the text); the spelling
        # layer before the highlighter formats it; the highlighter must see each change before the
        # direction logic reads its fence states.
        self._plain = PlainText(document)
        self.spelling = SpellingLayer(self, redraw=self._refold)
        self._highlighter = MarkdownHighlighter(document)
        self._highlighter.spelling = self.spelling
        self._chips = LinkChips(self.font())
        self._highlighter.chips = self._chips
        self._directions = BlockDirection(document, self._highlighter, LINE_HEIGHT_PERCENT)
        self.typing = False  # True while a key (or an input method's text) is being handled
        self._loading = False
        self._refolding = False
        self._plain_paste = False
        self.paste_converter: Callable[[str], str | None] | None = None  # clipboard HTML -> Markdown
        document.contentsChange.connect(self._on_contents_change)

        self._line = 1
        self._match_selections: list[QTextEdit.ExtraSelection] = []
        self._tinted_line = (-1, -1)  # (block number, line in its layout) the current-line tint is on
        self.cursorPositionChanged.connect(self._on_cursor_moved)


        self._own_shortcuts: set[int] | None = None
        self._formatting = FormattingActions(self)
        self.addActions(self._formatting.actions())
        self._find_bar: FindReplaceBar | None = None
        self._find_actions = self._make_find_actions()
        self.addActions(self._find_actions)
        self._update_extra_selections()

    # --- the text -----------------------------------------------------------------------------

    def text(self) -> str:
        """The whole text (kept up edit by edit: after a key this costs the key, not the post)."""
        return self._plain.text()

    def exact_text(self) -> str:
        """The whole text read from the document itself (what a save stores)."""
        return self._plain.exact()

    def take_change(self) -> tuple[int, int] | None:
        """Where text() changed since this was last called: (start, end) in it now, None if not known."""
        return self._plain.take_change()

    def set_text(self, text: str, reset_undo: bool = True) -> None:
        """Show `text`. reset_undo=True starts a new undo history (another post); False makes the
        replacement one undoable step (e.g. restoring a revision). Never emits textEdited."""
        self._loading = True
        self._plain.forget()
        try:
            with self.spelling.loading():
                if reset_undo:
                    self.setPlainText(text)
                    self.document().clearUndoRedoStacks()
                    self._directions.forget_history()
                    self.moveCursor(QTextCursor.MoveOperation.Start)
                else:
                    cursor = QTextCursor(self.document())
                    cursor.beginEditBlock()
                    cursor.select(QTextCursor.SelectionType.Document)
                    cursor.insertText(text)
                    cursor.endEditBlock()
                self.document().setModified(False)
        finally:
            self._loading = False
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.refresh_later()
        self._on_cursor_moved()

    def take_in_changed(self, text: str) -> None:
        """Show `text`, which the library now holds for this post (a team sync): only the spans that
        differ are replaced, so the caret, the selection and the scroll stay with the words they were
        at, and only the changed lines are laid out and checked again. The undo history starts over
        (undoing past a teammate's change would undo theirs). Never emits textEdited."""
        old = self.toPlainText()
        changes = changes_between(old, text)
        if not changes:
            return
        astral = has_astral(old)
        scroll = self.verticalScrollBar().value()
        self._loading = True
        try:
            # No edit block: the document would then announce the whole range from the first span to the
            # last as changed, and all of it would be highlighted and checked again. From the last span
            # to the first, each replacement leaves the positions before it as they were.
            cursor = QTextCursor(self.document())
            for change in reversed(changes):
                cursor.setPosition(to_utf16(old, change.start) if astral else change.start)
                cursor.setPosition(to_utf16(old, change.old_end) if astral else change.old_end,
                                   QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(change.replacement)
            self.document().clearUndoRedoStacks()
            self._directions.forget_history()
            self.document().setModified(False)
        finally:
            self._loading = False
        self.verticalScrollBar().setValue(scroll)
        if self._find_bar is not None and self._find_bar.isVisible():
            self._find_bar.refresh_later()
        self._on_cursor_moved()

    def _on_contents_change(self, position: int, removed: int, added: int) -> None:
        if self._loading or self._refolding or self._directions.applying:
            return
        self.textEdited.emit()

    # --- undo and redo --------------------------------------------------------------------------

    def undo(self) -> None:
        """Undo one step; a direction-only step goes together with the text step before it."""
        document = self.document()
        with self._directions.paused():
            document.undo()
            if document.availableUndoSteps() in self._directions.own_steps and (
                document.isUndoAvailable()
            ):
                document.undo()
        self.ensureCursorVisible()

    def redo(self) -> None:
        document = self.document()
        with self._directions.paused():
            document.redo()
            if document.availableUndoSteps() in self._directions.own_steps and (
                document.isRedoAvailable()
            ):
                document.redo()
        self.ensureCursorVisible()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        self.typing = True
        try:
            self._press(event)
        finally:
            self.typing = False

    def inputMethodEvent(self, event) -> None:
        self.typing = True
        try:
            super().inputMethodEvent(event)
        finally:
            self.typing = False

    def _press(self, event: QKeyEvent) -> None:
        text = event.text()
        if text.isprintable() and text and not event.modifiers() & _NOT_PLAIN_TYPING:
            super().keyPressEvent(event)  # a typed character: none of the keys below (most keys)
        elif event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif event.matches(QKeySequence.StandardKey.Redo):
            self.redo()
        elif event.key() == Qt.Key.Key_V and event.modifiers() == _CTRL_SHIFT:
            self.paste_plain_text()
        elif self._move_by_word(event):
            pass
        elif event.key() in _ENTER_KEYS and not event.modifiers() & ~_PLAIN_ENTER_MODIFIERS:
            self._press_enter(continue_lists=not event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        elif not self._indent_on_tab(event):
            super().keyPressEvent(event)

    def _indent_on_tab(self, event: QKeyEvent) -> bool:
        """Tab / Shift+Tab in a list nest or unnest its items; False: the key does its usual."""
        if event.key() == Qt.Key.Key_Tab and not event.modifiers():
            return self._indent_items(outwards=False)
        return event.key() == Qt.Key.Key_Backtab and self._indent_items(outwards=True)

    # --- Ctrl+arrows: word by word -------------------------------------------------------------

    def _move_by_word(self, event: QKeyEvent) -> bool:
        """Ctrl+arrow (with Shift: select), Ctrl+Backspace/Delete, with words as a reader sees them.

        Qt's own word steps stop inside רש"י; the arrows are visual, so in a right-to-left line
        the left arrow goes forward in the text."""
        found = next((key for key in _WORD_KEYS if event.matches(key[0])), None)
        if found is None:
            return False
        sequence, visual_forward, mode = found
        cursor = self.textCursor()
        block = cursor.block()
        forward = visual_forward != (block.textDirection() == Qt.LayoutDirection.RightToLeft)
        if mode == "delete":
            forward = sequence == QKeySequence.StandardKey.DeleteEndOfWord
        line = block.text()
        column = from_utf16(line, cursor.positionInBlock())
        found = (word_moves.next_word_start if forward else word_moves.previous_word_start)(line, column)
        if found is None:
            target = block.next().position() if forward and block.next().isValid() else (
                block.previous().position() + block.previous().length() - 1
                if not forward and block.previous().isValid() else cursor.position())
        else:
            target = block.position() + to_utf16(line, found)
        keep = QTextCursor.MoveMode.KeepAnchor if mode in ("select", "delete") else QTextCursor.MoveMode.MoveAnchor
        if mode == "delete" and cursor.hasSelection():
            cursor.removeSelectedText()
        else:
            cursor.setPosition(target, keep)
            if mode == "delete":
                cursor.removeSelectedText()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    # --- Enter and Tab: lines and list items -----------------------------------------------------

    def _press_enter(self, continue_lists: bool) -> None:
        """A new line; in a list or a quote, the next item (see editor.core.editing.list_keys).

        Qt's own Enter is not used: on an empty line whose block format differs from the default
        (every line here has a direction) it resets the format instead of adding a line, so
        Enter, Enter would never make the blank line that separates two paragraphs."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if cursor.hasSelection():
            cursor.removeSelectedText()
        block = cursor.block()
        line = block.text()
        column = from_utf16(line, cursor.positionInBlock())
        if continue_lists:
            edit = list_keys.enter(line, column, in_code=is_code_block(block))
        else:
            edit = Edit(column, column, "\n", (column + 1, column + 1))
        self._apply_line_edit(cursor, block.position(), line, edit)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    def _indent_items(self, outwards: bool) -> bool:
        """Tab / Shift+Tab on the list items the caret or selection touches; False: not in a list."""
        document = self.document()
        cursor = self.textCursor()
        block = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        if cursor.hasSelection() and last != block and cursor.selectionEnd() == last.position():
            last = last.previous()  # a selection ending at a line's start leaves that line alone
        edits = []
        while block.isValid():
            line = block.text()
            if list_keys.line_prefix(line).is_list_item and not is_code_block(block):
                edits.append((block.position(), line, (list_keys.outdent if outwards else list_keys.indent)(line)))
            if block == last:
                break
            block = block.next()
        if not edits:
            return False
        editing = QTextCursor(document)  # the caret and selection follow the edits by themselves
        editing.beginEditBlock()
        for start, line, edit in reversed(edits):
            if edit is not None:
                self._apply_line_edit(editing, start, line, edit)
        editing.endEditBlock()
        return True

    @staticmethod
    def _apply_line_edit(cursor: QTextCursor, line_start: int, line: str, edit: Edit) -> None:
        cursor.setPosition(line_start + to_utf16(line, edit.start))
        cursor.setPosition(line_start + to_utf16(line, edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.replacement)
        cursor.setPosition(line_start + to_utf16(edit.apply(line), edit.selection[0]))

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.focusLost.emit()

    def context_menu(self, position) -> QMenu:
        """Qt's standard menu, its undo and redo going through ours; spelling suggestions above it."""
        menu = self.createStandardContextMenu(position)
        for action in menu.actions():
            if action.objectName() in ("edit-undo", "edit-redo"):
                action.triggered.disconnect()
                action.triggered.connect(self.undo if action.objectName() == "edit-undo" else self.redo)
        add_spelling_actions(menu, self.spelling, self.cursorForPosition(position))
        return menu

    def contextMenuEvent(self, event) -> None:
        menu = self.context_menu(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- paste and drop ---------------------------------------------------------------------------

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasText() or source.hasHtml() or source.hasImage() or bool(_local_files(source))

    def insertFromMimeData(self, source: QMimeData) -> None:
        """Paste (and drop of text): files and pictures go to the window; HTML from Word, Google Docs
        or a web page becomes Markdown through `paste_converter`; else the plain text."""
        plain, self._plain_paste = self._plain_paste, False
        files = _local_files(source)
        if files:
            self.filesDropped.emit(files, self.selection_indices()[1])
            return
        if source.hasImage() and not source.hasHtml() and not plain:
            self.imagePasted.emit(_png_bytes(source.imageData()), self.selection_indices()[1])
            return
        if source.hasHtml() and not plain and self.paste_converter is not None:
            converted = self.paste_converter(source.html())
            if converted is not None:
                self.insert_markdown(converted)
                return
        if source.hasText():
            cursor = self.textCursor()
            cursor.insertText(source.text().replace("\r\n", "\n").replace("\r", "\n"))
            self.setTextCursor(cursor)
            self.ensureCursorVisible()

    def insert_markdown(self, markdown: str) -> None:
        """Insert pasted Markdown in place of the selection as one undo step: blocks stay blocks."""
        text, start, end = self.selection_indices()
        self.apply_edit(insert_pasted(text, start, end, markdown), text)
        self.ensureCursorVisible()

    def paste_plain_text(self) -> None:
        """Ctrl+Shift+V: the clipboard's text as it is, no conversion."""
        self._plain_paste = True
        self.paste()

    def dropEvent(self, event) -> None:
        files = _local_files(event.mimeData())
        if not files:
            super().dropEvent(event)
            return
        cursor = self.cursorForPosition(event.position().toPoint())
        text = self.toPlainText()
        self.filesDropped.emit(files, from_utf16(text, cursor.position()))
        event.acceptProposedAction()

    # --- edits on the text with selection -------------------------------------------------------

    def selection_indices(self) -> tuple[str, int, int]:
        """The text and the selection as Python string indices (Qt counts UTF-16 units)."""
        text = self.toPlainText()
        cursor = self.textCursor()
        return (
            text,
            from_utf16(text, cursor.selectionStart()),
            from_utf16(text, cursor.selectionEnd()),
        )

    def apply_edit(self, edit: Edit, text: str | None = None) -> None:
        """Apply a core formatting edit as one undo step and select what it says."""
        if text is None:
            text = self.toPlainText()
        cursor = self.textCursor()
        cursor.beginEditBlock()
        cursor.setPosition(to_utf16(text, edit.start))
        cursor.setPosition(to_utf16(text, edit.end), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(edit.replacement)
        cursor.endEditBlock()
        new_text = edit.apply(text)
        self.select_indices(new_text, *edit.selection)

    def select_indices(self, text: str, start: int, end: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(to_utf16(text, start))
        cursor.setPosition(to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def insert_image_reference(self, uri: str, alt: str, caption: str = "", at: int | None = None) -> None:
        """Insert `![alt](uri "caption")` as a paragraph of its own after the line at `at`
        (a text index; default: the caret's line), never inside a table."""
        text, start, _ = self.selection_indices()
        position = start if at is None else max(0, min(at, len(text)))
        self.apply_edit(insert_block(text, position, image_markdown(uri, alt, caption)), text)
        self.setFocus()

    def formatting_actions(self) -> list[QAction]:
        return self._formatting.actions()

    # --- cursor line and highlights --------------------------------------------------------------

    def cursor_line(self) -> int:
        return self.textCursor().blockNumber() + 1

    def go_to_line(self, line: int) -> None:
        block = self.document().findBlockByNumber(max(0, line - 1))
        if block.isValid():
            self.setTextCursor(QTextCursor(block))
            self.ensureCursorVisible()

    def _on_cursor_moved(self) -> None:
        line = self.cursor_line()
        if line != self._line:
            self._line = line
            self.cursorLineChanged.emit(line)
        self._update_current_line()
        self._unfold_link_at_caret()

    # --- folded link addresses (editor/ui/writing/link_chips.py) -------------------------------------------

    def _unfold_link_at_caret(self) -> None:
        cursor = self.textCursor()
        block = cursor.block()
        text = block.text()
        opened = self._chips.opened_link(block.blockNumber(), text, from_utf16(text, cursor.positionInBlock()))
        if opened == self._chips.open_link:
            return
        before, self._chips.open_link = self._chips.open_link, opened
        self._refold({key[0] for key in (before, opened) if key is not None})

    def set_link_folding(self, enabled: bool) -> None:
        """Show link addresses folded into chips (the default) or in full everywhere."""
        self._chips.enabled = enabled
        self._refold(range(self.document().blockCount()))

    def _refold(self, block_numbers) -> None:
        """Re-highlight blocks whose folding changed; only the drawing changes, not the text."""
        self._refolding = True
        try:
            with self._directions.paused():
                for number in block_numbers:
                    block = self.document().findBlockByNumber(number)
                    if block.isValid():
                        self._highlighter.rehighlightBlock(block)
        finally:
            self._refolding = False

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        offset = QPointF(-self.horizontalScrollBar().value(), -self.verticalScrollBar().value())
        bottom = self.viewport().height()
        block = self.cursorForPosition(QPoint(0, 0)).block()
        layout = self.document().documentLayout()
        while block.isValid():
            top = layout.blockBoundingRect(block).top() + offset.y()
            if top > bottom:
                break
            if "](" in block.text():
                self._chips.paint(painter, block, offset)
            block = block.next()
        painter.end()

    def set_search_highlights(self, spans_utf16: list[tuple[int, int]]) -> None:
        """Mark these (start, end) document positions as search matches (the first thousands)."""
        self._match_selections = []
        for start, end in spans_utf16[:MAX_MARKED_MATCHES]:
            match = QTextEdit.ExtraSelection()
            match.format.setBackground(self._colors["search_match"])
            match.cursor = QTextCursor(self.document())
            match.cursor.setPosition(start)
            match.cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            self._match_selections.append(match)
        self._update_extra_selections()

    def _update_current_line(self) -> None:
        """The current line's tint follows the caret to another line (not at every character)."""
        cursor = self.textCursor()
        line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
        where = (cursor.blockNumber(), line.lineNumber() if line.isValid() else -1)
        if where != self._tinted_line:
            self._update_extra_selections()

    def _update_extra_selections(self) -> None:
        cursor = self.textCursor()
        line = cursor.block().layout().lineForTextPosition(cursor.positionInBlock())
        self._tinted_line = (cursor.blockNumber(), line.lineNumber() if line.isValid() else -1)
        current = QTextEdit.ExtraSelection()
        current.format.setBackground(self._colors["current_line"])
        current.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        current.cursor = self.textCursor()
        current.cursor.clearSelection()
        # Match cursors follow edits by themselves; they are rebuilt only when the search changes.
        self.setExtraSelections([current, *self._match_selections])

    # --- find and replace -----------------------------------------------------------------------

    def find_replace_bar(self) -> FindReplaceBar:
        if self._find_bar is None:
            self._find_bar = FindReplaceBar(self)
            self._find_bar.hide()
        return self._find_bar

    def show_find(self, replace: bool = False) -> None:
        selected = self.textCursor().selectedText()
        bar = self.find_replace_bar()
        bar.open(selected if "\u2029" not in selected else "", replace=replace)

    def _make_find_actions(self) -> list[QAction]:
        find = QAction(self.tr("Find"), self)
        find.setShortcut("Ctrl+F")
        find.triggered.connect(lambda: self.show_find(replace=False))
        replace = QAction(self.tr("Replace"), self)
        replace.setShortcut("Ctrl+H")
        replace.triggered.connect(lambda: self.show_find(replace=True))
        for action in (find, replace):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return [find, replace]

    def find_actions(self) -> list[QAction]:
        """Find (Ctrl+F) and replace (Ctrl+H), for the window's Edit menu."""
        return list(self._find_actions)

    # --- appearance -----------------------------------------------------------------------------

    def _setup_appearance(self) -> None:
        font = QFont()
        font.setFamilies(EDITOR_FONT_FAMILIES)
        font.setPointSize(EDITOR_POINT_SIZE)
        self.setFont(font)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(18)
        # The margins around the text column show the page colour, not the window's.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self.setAutoFillBackground(True)
        self._fit_text_column()
        self.setTabStopDistance(4 * self.fontMetrics().horizontalAdvance(" "))
        self.setCursorWidth(2)

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and hasattr(self, "_highlighter"):
            self.apply_theme()

    def apply_theme(self) -> None:
        """The system switched between light and dark: the editor's own colours follow."""
        colors = theme_colors(self.palette())
        if colors == self._colors:
            return
        self._colors = colors
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.setPalette(palette)
        self._chips.colors = colors
        self._refolding = True
        try:
            with self._directions.paused():
                self._highlighter.apply_theme()
        finally:
            self._refolding = False
        self._directions.apply_theme()
        self._update_extra_selections()
        self.viewport().update()

    def resizeEvent(self, event) -> None:
        self._fit_text_column()
        super().resizeEvent(event)

    def _fit_text_column(self) -> None:
        """Keep lines at a readable length on a wide screen: the column is centred."""
        widest = self.fontMetrics().averageCharWidth() * MAX_LINE_CHARACTERS
        side = max(SIDE_MARGIN, (self.width() - widest) // 2)
        self.setViewportMargins(side, 8, side, 8)

    def event(self, event) -> bool:
        # QTextEdit claims some keys (Ctrl+K deletes to the end of the line on Linux) before
        # shortcuts run; our formatting shortcuts win while the editor has focus.
        if event.type() == _SHORTCUT_OVERRIDE and self._is_own_shortcut(event):
            event.ignore()
            return True
        return super().event(event)

    def _is_own_shortcut(self, event: QKeyEvent) -> bool:
        if self._own_shortcuts is None:  # asked at every key press: collected once per change of actions
            self._own_shortcuts = {sequence[0].toCombined() for action in self.actions()
                                   for sequence in action.shortcuts() if sequence.count() == 1}
        return event.keyCombination().toCombined() in self._own_shortcuts

    def actionEvent(self, event) -> None:
        super().actionEvent(event)
        self._own_shortcuts = None  # an action was added, removed or changed (its shortcut, say)


def _local_files(source: QMimeData) -> list[str]:
    """The local files a drop or a paste carries (a file manager's copy or drag)."""
    if not source.hasUrls():
        return []
    return [url.toLocalFile() for url in source.urls() if url.isLocalFile() and Path(url.toLocalFile()).is_file()]


def _png_bytes(image) -> bytes:
    picture = QImage(image)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    picture.save(buffer, "PNG")
    return bytes(data.data())
