"""The source editor's text as a Python string, kept up edit by edit: reading it after a key costs the
key, not the post (QTextEdit.toPlainText() of 20,000 words took 2-4 ms, after every key).

Each contentsChange's new characters are read from the document as they come (a few, for a key) and
spliced in when the text is next asked for. The document is read whole when the text was never read,
after an edit the change reports cannot place (past the end, the lengths disagree), or while the text
holds characters that take two UTF-16 units (Qt's positions are then not Python's indices).
`exact()` always reads the document whole (what a save stores) and puts the kept text right if it
was not. `take_change()` says where the text changed since it was last called, for work that can
follow an edit rather than read the whole text again.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument

from editor.core.text.utf16 import has_astral

MAX_PENDING = 512  # edits waiting to be spliced in; past that, the next read is a whole one
# What QTextDocument.toPlainText() writes in place of the document's own separators and spaces.
_AS_PLAIN = str.maketrans({"\u2029": "\n", "\u2028": "\n", "\ufdd0": "\n", "\ufdd1": "\n", "\u00a0": " "})


class PlainText:
    """`text()` is `document.toPlainText()`; connect before anything that reads the text on a change."""

    def __init__(self, document: QTextDocument) -> None:
        self._document = document
        self._text: str | None = None  # None: read the document whole next time
        self._pending: list[tuple[int, int, str]] = []  # (position, characters removed, characters added)
        self.whole_reads = 0  # for tests: how often the document was read whole
        self._changed: tuple[int, int] | None = None  # since take_change(): (start, end) in the text now
        self._change_known = False  # False: the text was read whole since, where it changed is not known
        document.contentsChange.connect(self._on_change)

    def take_change(self) -> tuple[int, int] | None:
        """(start, end): the text now differs from the text when this was last called only in
        text[start:end] ((0, 0): not at all); None when that is not known."""
        changed, known = self._changed, self._change_known
        self._changed, self._change_known = None, True
        if not known:
            return None
        return changed if changed is not None else (0, 0)

    def text(self) -> str:
        text = self._text
        if text is not None and self._pending:
            for position, removed, added in self._pending:
                if position + removed > len(text):
                    text = None
                    break
                text = text[:position] + added + text[position + removed:]
            self._pending.clear()
            if text is not None and len(text) != self._document.characterCount() - 1:
                text = None
            self._text = text
        if text is None:
            self._change_known = False
            return self._read_whole()
        return text

    def exact(self) -> str:
        """The document read whole; the kept text is put right if it differed (said on stderr: a bug)."""
        kept = self.text()
        whole = self._read_whole()
        if kept != whole:
            self._change_known = False
            print("ktav: the editor's kept text differed from the document's; the document's is used",
                  file=sys.stderr)
        return whole

    def forget(self) -> None:
        """The whole text is being replaced: read it whole next time."""
        self._text = None
        self._pending.clear()
        self._change_known = False

    def _read_whole(self) -> str:
        self.whole_reads += 1
        text = self._document.toPlainText()
        self._pending.clear()
        self._text = None if has_astral(text) else text
        return text

    def _on_change(self, position: int, removed: int, added: int) -> None:
        if self._text is None:
            self._change_known = False
            return
        end = position + added
        if position < 0 or end > self._document.characterCount() - 1 or len(self._pending) >= MAX_PENDING:
            self.forget()
            return
        cursor = QTextCursor(self._document)
        cursor.setPosition(position)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        characters = cursor.selectedText().translate(_AS_PLAIN)
        if len(characters) != added or has_astral(characters):
            self.forget()
            return
        self._pending.append((position, removed, characters))
        if self._changed is None:
            self._changed = (position, end)
        else:  # the text changed up to here, and past it what this edit removed, now moved
            start, until = self._changed
            self._changed = (min(start, position), max(until, position + removed) + added - removed)
