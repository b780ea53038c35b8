"""The editor's text, kept up edit by edit, is always the document's: after typing, deleting, Enter,
pasting, undo and redo, formatting and replacing, and with emoji, non-breaking spaces and line
separators, and a key's read of it does not read the whole document again."""

import pytest
from desk_helpers import press, type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.ui.writing.source_editor import SourceEditor


@pytest.fixture
def editor(qtbot):
    widget = SourceEditor()
    widget.resize(500, 400)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def same(editor) -> bool:
    return editor.text() == editor.toPlainText()


def to(editor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_typing_deleting_and_enter_in_the_middle_keep_the_text_without_reading_it_whole(editor, qtbot):
    editor.set_text("פסקה ראשונה\n\nפסקה שנייה עם מילים\n\nשלישית")
    assert same(editor)
    reads = editor._plain.whole_reads
    to(editor, 20)
    for _ in range(3):
        type_into(qtbot, editor, " ועוד")
        assert same(editor)
        press(editor, Qt.Key.Key_Backspace)
        press(editor, Qt.Key.Key_Delete)
        assert same(editor)
        press(editor, Qt.Key.Key_Return)
        type_into(qtbot, editor, "- פריט")
        press(editor, Qt.Key.Key_Return)
        assert same(editor)
    assert editor._plain.whole_reads == reads


def test_undo_redo_paste_selection_and_a_formatting_edit_keep_the_text(editor, qtbot):
    editor.set_text("שורה אחת\n\nשורה שתיים")
    editor.text()
    to(editor, 4)
    type_into(qtbot, editor, " חדשה")
    editor.undo()
    assert same(editor)
    editor.redo()
    assert same(editor)
    editor.insert_markdown("פסקה מודבקת\n\nועוד אחת")
    assert same(editor)
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    type_into(qtbot, editor, "הכול הוחלף")
    assert same(editor)
    editor.selectAll()
    editor.formatting_actions()[0].trigger()  # bold
    assert same(editor)


def test_emoji_non_breaking_spaces_and_line_separators_read_as_the_document_gives_them(editor, qtbot):
    editor.set_text("שורה")
    editor.text()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    type_into(qtbot, editor, " \u00a0רווח")
    assert same(editor) and "\u00a0" not in editor.text()
    editor.textCursor().insertText("\u2028שבירה")
    assert same(editor)
    type_into(qtbot, editor, " 😀 ועוד")
    assert same(editor)
    to(editor, 1)
    type_into(qtbot, editor, "א")
    assert same(editor)


def test_the_exact_text_is_the_documents_and_a_kept_text_that_drifted_is_put_right(editor, qtbot):
    editor.set_text("טקסט")
    editor.text()
    editor._plain._text = "שגוי"  # as if an edit had been missed
    assert editor.exact_text() == "טקסט"
    assert editor.text() == "טקסט"


def test_where_the_text_changed_since_it_was_last_asked_is_told_and_holds_every_edit(editor, qtbot):
    editor.set_text("פסקה ראשונה\n\nפסקה שנייה עם מילים\n\nשלישית")
    before = editor.text()
    assert editor.take_change() is None  # read whole since: not known
    assert editor.take_change() == (0, 0)
    for position, typed in ((20, " ועוד"), (3, "ש"), (30, "\nשורה")):
        to(editor, position)
        type_into(qtbot, editor, typed)
        press(editor, Qt.Key.Key_Backspace)
        now = editor.text()
        start, end = editor.take_change()
        end_before = end - (len(now) - len(before))
        assert now[:start] + now[start:end] + now[end:] == now
        assert now[:start] == before[:start] and now[end:] == before[end_before:]
        assert end - start <= len(typed) + 1
        before = now
    editor.set_text("אחר")
    editor.text()
    assert editor.take_change() is None
