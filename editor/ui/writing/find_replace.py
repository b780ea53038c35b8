"""The find and replace bar under the source editor: ignores niqqud, final letters and case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from editor.core.text.find import SearchableText
from editor.core.text.utf16 import from_utf16, to_utf16

if TYPE_CHECKING:
    from editor.ui.writing.source_editor import SourceEditor

REFRESH_DELAY_MS = 250


class FindReplaceBar(QWidget):
    """Find next/previous, replace, replace all (one undo step); Esc closes it."""

    closed = Signal()

    def __init__(self, editor: SourceEditor) -> None:
        super().__init__(editor.parentWidget())
        self._editor = editor
        self._searchable: SearchableText | None = None
        self._searchable_revision = -1

        self.find_field = QLineEdit(placeholderText=self.tr("Find"))
        self.find_field.setClearButtonEnabled(True)
        self.replace_field = QLineEdit(placeholderText=self.tr("Replace with"))
        self.count_label = QLabel()
        self.next_button = self._button(self.tr("Next"), self.find_next)
        self.previous_button = self._button(self.tr("Previous"), self.find_previous)
        self.replace_button = self._button(self.tr("Replace"), self.replace_current)
        self.replace_all_button = self._button(self.tr("Replace all"), self.replace_all)
        close_button = self._button("✕", self.close_bar)
        close_button.setToolTip(self.tr("Close (Esc)"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        for widget in (self.find_field, self.previous_button, self.next_button, self.count_label,
                       self.replace_field, self.replace_button, self.replace_all_button,
                       close_button):
            layout.addWidget(widget)
        layout.setStretch(0, 2)
        layout.setStretch(4, 2)

        self.find_field.textChanged.connect(self._on_query_changed)
        self.find_field.returnPressed.connect(self.find_next)
        self.replace_field.returnPressed.connect(self.replace_current)
        QShortcut(QKeySequence("Shift+Return"), self.find_field, self.find_previous,
                  context=Qt.ShortcutContext.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Re-finding in a long post after every keystroke would slow typing: wait for a pause.
        self._refresh_timer = QTimer(self, singleShot=True, interval=REFRESH_DELAY_MS)
        self._refresh_timer.timeout.connect(self._refresh_matches)
        editor.textEdited.connect(self._on_text_edited)

    def _button(self, text: str, slot) -> QToolButton:
        button = QToolButton(text=text)
        button.clicked.connect(slot)
        return button

    # --- opening and closing --------------------------------------------------------------------

    def open(self, query: str = "", replace: bool = False) -> None:
        if query:
            self.find_field.setText(query)
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()
        self._refresh_matches()

    def close_bar(self) -> None:
        self.hide()
        self._editor.set_search_highlights([])
        self._editor.setFocus()
        self.closed.emit()

    # --- searching ------------------------------------------------------------------------------

    def query(self) -> str:
        return self.find_field.text()

    def _text(self) -> SearchableText:
        revision = self._editor.document().revision()
        if self._searchable is None or revision != self._searchable_revision:
            self._searchable = SearchableText(self._editor.toPlainText())
            self._searchable_revision = revision
        return self._searchable

    def matches(self) -> list[tuple[int, int]]:
        """Matches of the query as (start, end) Python indices of the editor's text."""
        return self._text().find_all(self.query())

    def find_next(self) -> bool:
        return self._find(backwards=False)

    def find_previous(self) -> bool:
        return self._find(backwards=True)

    def _find(self, backwards: bool) -> bool:
        searchable = self._text()
        cursor = self._editor.textCursor()
        position = cursor.selectionStart() if backwards else cursor.selectionEnd()
        span = searchable.find_next(self.query(), from_utf16(searchable.text, position), backwards)
        if span is None:
            self._show_count(0, 0)
            return False
        self._editor.select_indices(searchable.text, *span)
        self._editor.ensureCursorVisible()
        self._refresh_matches()
        return True

    def _on_query_changed(self) -> None:
        searchable = self._text()
        cursor = self._editor.textCursor()
        span = searchable.find_next(self.query(), from_utf16(searchable.text, cursor.selectionStart()))
        if span is not None:
            self._editor.select_indices(searchable.text, *span)
            self._editor.ensureCursorVisible()
        self._refresh_matches()

    def _on_text_edited(self) -> None:
        if self.isVisible():
            self.refresh_later()

    def refresh_later(self) -> None:
        """Find the matches again after a short pause (the text changed)."""
        self._refresh_timer.start()

    def _refresh_matches(self) -> None:
        searchable = self._text()
        spans = searchable.find_all(self.query()) if self.isVisible() else []
        text = searchable.text
        self._editor.set_search_highlights([(to_utf16(text, s), to_utf16(text, e)) for s, e in spans])
        cursor = self._editor.textCursor()
        selected = (from_utf16(text, cursor.selectionStart()), from_utf16(text, cursor.selectionEnd()))
        current = spans.index(selected) + 1 if selected in spans else 0
        self._show_count(current, len(spans))

    def _show_count(self, current: int, total: int) -> None:
        if not self.query():
            self.count_label.setText("")
        elif total == 0:
            self.count_label.setText(self.tr("Not found"))
        elif current:
            self.count_label.setText(self.tr("%1 of %2").replace("%1", str(current)).replace("%2", str(total)))
        else:
            self.count_label.setText(self.tr("%n matches", "", total).replace("%n", str(total)))

    # --- replacing ------------------------------------------------------------------------------

    def replace_current(self) -> bool:
        """Replace the selected match (if the selection is one) and go to the next."""
        searchable = self._text()
        cursor = self._editor.textCursor()
        text = searchable.text
        selected = (from_utf16(text, cursor.selectionStart()), from_utf16(text, cursor.selectionEnd()))
        if selected in searchable.find_all(self.query()):
            cursor.insertText(self.replace_field.text())
            self._editor.setTextCursor(cursor)
        return self.find_next()

    def replace_all(self) -> int:
        """Replace every match as one undo step; returns how many were replaced."""
        searchable = self._text()
        spans = searchable.find_all(self.query())
        if not spans:
            self._show_count(0, 0)
            return 0
        text = searchable.text
        replacement = self.replace_field.text()
        cursor = QTextCursor(self._editor.document())
        cursor.beginEditBlock()
        for start, end in reversed(spans):  # from the end, so earlier positions stay valid
            cursor.setPosition(to_utf16(text, start))
            cursor.setPosition(to_utf16(text, end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(replacement)
        cursor.endEditBlock()
        self._refresh_matches()
        self.count_label.setText(self.tr("Replaced %n", "", len(spans)).replace("%n", str(len(spans))))
        return len(spans)
