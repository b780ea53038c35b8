"""The keys a writer presses in the source editor: Enter, lists, Tab, Backspace, moving, undo."""

import pytest
from desk_helpers import press, type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from editor.ui.writing.source_editor import SourceEditor

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight
Key = Qt.Key
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def editor(qtbot):
    widget = SourceEditor()
    widget.resize(700, 500)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def caret_at(editor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def caret(editor) -> int:
    return editor.textCursor().position()


@pytest.mark.parametrize("first, second", [
    ("שלום לכולם", "פסקה שנייה"),
    ("hello world", "second paragraph"),
    ('רש"י ו-Google', "4-5 יחידות"),
    ("## כותרת", "פסקה אחרי כותרת"),
    ("שָׁלוֹם", "ניקוד"),
])
def test_enter_twice_makes_a_new_paragraph(editor, first, second):
    type_into(None, editor, first + "\n\n" + second)
    assert editor.text() == f"{first}\n\n{second}"


def test_enter_three_times_makes_two_blank_lines(editor):
    type_into(None, editor, "אחת\n\n\nשתיים")
    assert editor.text() == "אחת\n\n\nשתיים"


def test_enter_twice_in_the_middle_of_the_document(editor):
    editor.set_text("ראשונה\nאחרונה")
    caret_at(editor, len("ראשונה"))
    press(editor, Key.Key_Return, times=2)
    type_into(None, editor, "אמצעית")
    assert editor.text() == "ראשונה\n\nאמצעית\nאחרונה"


def test_enter_twice_after_an_english_line_then_hebrew(editor):
    type_into(None, editor, "English first\n\nועכשיו עברית")
    assert editor.text() == "English first\n\nועכשיו עברית"
    assert editor.document().lastBlock().layout().textOption().textDirection() == RTL
    assert editor.document().firstBlock().layout().textOption().textDirection() == LTR


def test_a_list_goes_on_with_enter_and_ends_on_an_empty_item(editor):
    type_into(None, editor, "- תפוחים\nאגסים\n\nאחרי הרשימה")
    assert editor.text() == "- תפוחים\n- אגסים\n\nאחרי הרשימה"


def test_a_numbered_list_counts_on(editor):
    type_into(None, editor, "3. שלישי\nרביעי\nחמישי\n\nסוף")
    assert editor.text() == "3. שלישי\n4. רביעי\n5. חמישי\n\nסוף"


def test_a_quote_goes_on_and_ends(editor):
    type_into(None, editor, "> ציטוט ראשון\nשורה שנייה\n\nטקסט רגיל")
    assert editor.text() == "> ציטוט ראשון\n> שורה שנייה\n\nטקסט רגיל"


def test_enter_in_a_code_fence_makes_lines_and_blank_lines(editor):
    type_into(None, editor, "```\nx = 1\n\ny = 2\n```\n\nאחרי הקוד")
    assert editor.text() == "```\nx = 1\n\ny = 2\n```\n\nאחרי הקוד"


def test_shift_enter_is_a_plain_new_line_even_in_a_list(editor):
    type_into(None, editor, "- פריט")
    press(editor, Key.Key_Return, SHIFT)
    type_into(None, editor, "המשך")
    assert editor.text() == "- פריט\nהמשך"


def test_keypad_enter_works_as_enter(editor):
    type_into(None, editor, "אחת")
    press(editor, Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier, times=2)
    type_into(None, editor, "שתיים")
    assert editor.text() == "אחת\n\nשתיים"


def test_enter_replaces_the_selection(editor):
    editor.set_text("אחת מחוק שתיים")
    cursor = editor.textCursor()
    cursor.setPosition(3)
    cursor.setPosition(9, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    press(editor, Key.Key_Return)
    assert editor.text() == "אחת\nשתיים"


def test_tab_and_shift_tab_nest_a_list_item(editor):
    type_into(None, editor, "- ראשי\nמשני")
    press(editor, Key.Key_Tab)
    assert editor.text() == "- ראשי\n    - משני"
    type_into(None, editor, "\nעוד משני")
    assert editor.text() == "- ראשי\n    - משני\n    - עוד משני"
    press(editor, Key.Key_Backtab, SHIFT)
    assert editor.text() == "- ראשי\n    - משני\n- עוד משני"
    assert editor.textCursor().block().text() == "- עוד משני"
    assert editor.textCursor().positionInBlock() == len("- עוד משני")


def test_tab_indents_every_selected_item(editor):
    editor.set_text("- א\n- ב\n- ג")
    cursor = editor.textCursor()
    cursor.setPosition(4)
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    press(editor, Key.Key_Tab)
    assert editor.text() == "- א\n    - ב\n    - ג"


def test_tab_outside_a_list_types_a_tab(editor):
    type_into(None, editor, "מילה")
    press(editor, Key.Key_Tab)
    assert editor.text() == "מילה\t"


# Moving and deleting: logical order, as in a Hebrew word processor.

def test_backspace_and_delete_remove_the_logical_neighbours_in_a_mixed_line(editor):
    editor.set_text("שלום world עולם")
    caret_at(editor, 7)  # after "שלום wo"
    press(editor, Key.Key_Backspace)
    assert editor.text() == "שלום w" + "rld עולם"
    press(editor, Key.Key_Delete)
    assert editor.text() == "שלום w" + "ld עולם"


def test_backspace_at_a_line_start_joins_the_lines(editor):
    editor.set_text("אחת\n\nשתיים")
    caret_at(editor, len("אחת\n\n"))
    press(editor, Key.Key_Backspace)
    assert editor.text() == "אחת\nשתיים"
    press(editor, Key.Key_Backspace)
    assert editor.text() == "אחתשתיים"


def test_arrows_move_logically_in_hebrew_and_english_lines(editor):
    editor.set_text("שלום world\nhello world שלום")
    caret_at(editor, 0)
    press(editor, Key.Key_Left)  # in a right-to-left line, left goes forward in the text
    assert caret(editor) == 1
    press(editor, Key.Key_Right)
    assert caret(editor) == 0
    caret_at(editor, len("שלום world\n"))
    press(editor, Key.Key_Right)  # in a left-to-right line, right goes forward
    assert caret(editor) == len("שלום world\n") + 1


def test_ctrl_arrows_go_word_by_word_in_reading_order(editor):
    editor.set_text('שלום world רש"י')
    caret_at(editor, 0)
    press(editor, Key.Key_Left, CTRL)
    assert caret(editor) == len("שלום ")
    press(editor, Key.Key_Left, CTRL)
    assert caret(editor) == len("שלום world ")


def test_home_end_and_shift_select_the_logical_line(editor):
    editor.set_text("שלום world עולם\nשורה שנייה")
    caret_at(editor, 6)
    press(editor, Key.Key_End)
    assert caret(editor) == len("שלום world עולם")
    press(editor, Key.Key_Home, SHIFT)
    assert editor.textCursor().selectedText() == "שלום world עולם"


def test_shift_ctrl_arrow_selects_a_word_with_gershayim(editor):
    editor.set_text('רש"י כתב')
    caret_at(editor, 0)
    press(editor, Key.Key_Left, CTRL | SHIFT)
    assert editor.textCursor().selectedText().strip() == 'רש"י'


# Undo and redo take each typing step together with the direction it brought.

def test_undo_of_an_english_line_typed_after_a_hebrew_one_restores_both(editor):
    type_into(None, editor, "שלום\n\n")
    hebrew_text = editor.text()
    type_into(None, editor, "English")
    last_line_direction = lambda: editor.document().lastBlock().blockFormat().layoutDirection()
    assert last_line_direction() == LTR
    texts = []
    while editor.text() != hebrew_text and len(texts) < 3:
        editor.undo()
        texts.append(editor.text())
        # never a step where the text and its direction disagree
        assert last_line_direction() == (LTR if editor.text().endswith("E") else RTL)
    assert editor.text() == hebrew_text and len(texts) <= 2
    while editor.document().isRedoAvailable():
        editor.redo()
        assert last_line_direction() == (LTR if editor.text().endswith(("E", "h")) else RTL)
    assert editor.text() == hebrew_text + "English"


def test_ctrl_z_undoes_an_enter_that_continued_a_list(editor):
    type_into(None, editor, "- פריט")
    press(editor, Key.Key_Return)
    assert editor.text() == "- פריט\n- "
    press(editor, Key.Key_Z, CTRL)
    assert editor.text() == "- פריט"
    press(editor, Key.Key_Z, CTRL | SHIFT)
    assert editor.text() == "- פריט\n- "


def test_ctrl_backspace_deletes_an_acronym_whole(editor):
    type_into(None, editor, 'אמר רש"י')
    press(editor, Key.Key_Backspace, CTRL)
    assert editor.text() == "אמר "


def test_ctrl_arrows_cross_to_the_next_line(editor):
    editor.set_text("אחת\nשתיים")
    caret_at(editor, len("אחת"))
    press(editor, Key.Key_Left, CTRL)
    assert caret(editor) == len("אחת\n")
    press(editor, Key.Key_Right, CTRL)
    assert caret(editor) == len("אחת")
