"""The Markdown source editor: paragraph directions, formatting, find/replace, undo, signals."""

import pytest
from desk_helpers import move_to_end
from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QFont, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from editor.ui.writing.source_editor import SourceEditor

RTL = Qt.LayoutDirection.RightToLeft
LTR = Qt.LayoutDirection.LeftToRight


@pytest.fixture
def editor(qtbot):
    window = QWidget()
    layout = QVBoxLayout(window)
    widget = SourceEditor()
    layout.addWidget(widget)
    layout.addWidget(widget.find_replace_bar())
    window.resize(700, 500)
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    widget.setFocus()
    yield widget
    window.close()


def type_text(widget, text):
    """Type `text` key by key, as a keyboard with a Hebrew layout would send it.

    QTest.keyClicks only knows ASCII; other characters go as key events carrying their text.
    """
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def block(editor, line):
    return editor.document().findBlockByNumber(line - 1)


def layout_direction(editor, line):
    return block(editor, line).layout().textOption().textDirection()


def sits_on_the_right(editor, line):
    """Whether the block's first line of text ends at the right edge of the text area."""
    text_block = block(editor, line)
    rect = text_block.layout().lineAt(0).naturalTextRect()
    width = editor.document().textWidth() - 2 * editor.document().documentMargin()
    return rect.right() > width * 0.9 and rect.left() > 1



def test_typing_hebrew_lays_the_paragraph_out_right_to_left(editor, qtbot):
    type_text(editor, "לפני שנתיים ישבנו עם מנהלת התיכון")
    assert block(editor, 1).textDirection() == RTL
    assert layout_direction(editor, 1) == RTL
    assert sits_on_the_right(editor, 1)


def test_an_english_line_is_left_to_right_and_the_next_hebrew_one_right_to_left(editor, qtbot):
    type_text(editor, "We moved the survey to Python in 2019")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "ואז עברנו ל-Python וגם ל-4-5 כלים")
    assert layout_direction(editor, 1) == LTR
    assert not sits_on_the_right(editor, 1)
    assert layout_direction(editor, 2) == RTL
    assert sits_on_the_right(editor, 2)


def test_mixed_line_takes_the_direction_of_most_of_its_words(editor):
    editor.set_text('לפי רש"י, השיטה של Google עובדת\nThe word שלום means peace')
    assert layout_direction(editor, 1) == RTL
    assert layout_direction(editor, 2) == LTR


def test_link_addresses_do_not_turn_a_hebrew_line_left_to_right(editor):
    editor.set_text("ראו [כאן](https://example.org/some/long/path/to/page)")
    assert layout_direction(editor, 1) == RTL


def test_fenced_code_is_left_to_right_even_with_hebrew_comments(editor, qtbot):
    editor.set_text("פסקה בעברית\n")
    move_to_end(editor)
    for line in ("```python", "# הערה בעברית שמסבירה", "print('שלום')", "```", "ועוד פסקה"):
        type_text(editor, line)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    directions = [layout_direction(editor, n) for n in range(1, 7)]
    assert directions == [RTL, LTR, LTR, LTR, LTR, RTL]


def test_opening_a_fence_above_turns_the_following_lines_into_code_and_closing_it_back(editor, qtbot):
    editor.set_text("שורה ראשונה\nשורה שנייה\nשורה שלישית")
    editor.go_to_line(2)
    type_text(editor, "```")
    assert [layout_direction(editor, n) for n in (1, 2, 3)] == [RTL, LTR, LTR]
    for _ in range(3):
        qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert [layout_direction(editor, n) for n in (1, 2, 3)] == [RTL, RTL, RTL]


def test_empty_lines_follow_the_paragraph_before_them(editor):
    editor.set_text("English paragraph here\n\n---\nפסקה בעברית\n")
    assert [layout_direction(editor, n) for n in range(1, 6)] == [LTR, LTR, LTR, RTL, RTL]


def test_an_empty_document_is_right_to_left(editor):
    assert block(editor, 1).textDirection() == RTL


def test_home_and_end_go_to_the_logical_ends_on_the_correct_side(editor, qtbot):
    editor.set_text("שורה בעברית לבדיקה\nA line in English")
    editor.go_to_line(1)
    qtbot.keyClick(editor, Qt.Key.Key_End)
    assert editor.textCursor().position() == len("שורה בעברית לבדיקה")
    end_x = editor.cursorRect().x()
    qtbot.keyClick(editor, Qt.Key.Key_Home)
    assert editor.textCursor().position() == 0
    assert editor.cursorRect().x() > end_x  # a Hebrew line starts on the right
    editor.go_to_line(2)
    start_x = editor.cursorRect().x()
    qtbot.keyClick(editor, Qt.Key.Key_End)
    assert editor.cursorRect().x() > start_x  # an English line starts on the left


def test_arrow_keys_move_visually_in_a_hebrew_line(editor, qtbot):
    editor.set_text("שלום עולם")
    editor.go_to_line(1)
    qtbot.keyClick(editor, Qt.Key.Key_Left)
    assert editor.textCursor().position() == 1  # left goes forward in right-to-left text


def test_current_line_highlight_spans_the_full_width(editor):
    editor.set_text("שורה\nline")
    editor.go_to_line(2)
    (current,) = [s for s in editor.extraSelections() if s.format.property(0x06000)]
    assert current.cursor.blockNumber() == 1


def test_ctrl_b_wraps_the_selection_and_one_undo_restores_it(editor, qtbot):
    editor.set_text("התוכנית שבנינו יחד")
    cursor = editor.textCursor()
    cursor.setPosition(8)
    cursor.setPosition(14, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "התוכנית **שבנינו** יחד"
    assert editor.textCursor().selectedText() == "שבנינו"
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "התוכנית שבנינו יחד"
    editor.undo()
    assert editor.text() == "התוכנית **שבנינו** יחד"
    editor.undo()
    assert editor.text() == "התוכנית שבנינו יחד"


def test_ctrl_k_makes_a_link_instead_of_deleting_the_line_end(editor, qtbot):
    editor.set_text("ראו כאן עכשיו")
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "ראו [כאן](https://) עכשיו"
    type_text(editor, "example.org")
    assert editor.text() == "ראו [כאן](example.org) עכשיו"


def test_heading_shortcut_and_list_actions(editor, qtbot):
    editor.set_text("מה ראינו בכיתה\nקבוצות קטנות\nמורה מוביל")
    editor.go_to_line(1)
    qtbot.keyClick(editor, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert editor.text().splitlines()[0] == "## מה ראינו בכיתה"
    cursor = editor.textCursor()
    cursor.setPosition(block(editor, 2).position())
    cursor.movePosition(QTextCursor.MoveOperation.End, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    bullets = next(a for a in editor.formatting_actions() if a.objectName() == "format_bullets")
    bullets.trigger()
    assert editor.text().splitlines()[1:] == ["- קבוצות קטנות", "- מורה מוביל"]


def test_actions_have_tooltips_with_their_shortcuts(editor):
    actions = {a.objectName(): a for a in editor.formatting_actions()}
    assert set(actions) >= {"format_bold", "format_italic", "format_link", "format_heading1",
                            "format_heading2", "format_heading3", "format_bullets",
                            "format_numbers", "format_quote", "format_image"}
    assert "Ctrl+B" in actions["format_bold"].toolTip()
    assert actions["format_heading3"].shortcut().toString() == "Ctrl+3"


def test_image_action_asks_the_window_and_the_reference_is_inserted(editor, qtbot):
    editor.set_text("פסקה ראשונה\nפסקה שנייה")
    editor.go_to_line(1)
    image = next(a for a in editor.formatting_actions() if a.objectName() == "format_image")
    with qtbot.waitSignal(editor.imageRequested, timeout=1000):
        image.trigger()
    editor.insert_image_reference("ktav-image:ab12", "תלמידות בכיתה")
    assert editor.text() == "פסקה ראשונה\n\n![תלמידות בכיתה](ktav-image:ab12)\n\nפסקה שנייה"
    editor.undo()
    assert editor.text() == "פסקה ראשונה\nפסקה שנייה"


def test_find_ignores_niqqud_and_selects_the_pointed_word(editor, qtbot):
    editor.set_text("אמר לה שָׁלוֹם וחזר הביתה\nוהחדשנות ממשיכה")
    editor.show_find()
    bar = editor.find_replace_bar()
    assert bar.isVisible()
    bar.find_field.setText("שלום")
    assert editor.textCursor().selectedText() == "שָׁלוֹם"
    bar.find_field.setText("חדשנות")
    assert editor.textCursor().selectedText() == "חדשנות"
    assert bar.count_label.text()


def test_find_next_and_previous_go_around(editor):
    editor.set_text("שלום אחד, שָׁלוֹם שניים, שלום שלושה")
    bar = editor.find_replace_bar()
    editor.show_find()
    bar.find_field.setText("שלום")
    starts = [editor.textCursor().selectionStart()]
    for _ in range(3):
        bar.find_next()
        starts.append(editor.textCursor().selectionStart())
    assert starts[0] == starts[3] and len(set(starts[:3])) == 3  # three matches, then around
    bar.find_previous()
    assert editor.textCursor().selectionStart() == starts[2]  # back around to the last


def test_replace_all_is_one_undo_step(editor):
    original = "שָׁלוֹם לכם, שלום לכולם ושלום לכל"
    editor.set_text(original)
    editor.show_find(replace=True)
    bar = editor.find_replace_bar()
    bar.find_field.setText("שלום")
    bar.replace_field.setText("היי")
    assert bar.replace_all() == 3
    assert editor.text() == "היי לכם, היי לכולם והיי לכל"
    editor.undo()
    assert editor.text() == original


def test_replace_one_then_next(editor):
    editor.set_text("שלום א שלום ב")
    editor.show_find(replace=True)
    bar = editor.find_replace_bar()
    bar.find_field.setText("שלום")
    bar.replace_field.setText("היי")
    bar.replace_current()
    assert editor.text() == "היי א שלום ב"
    assert editor.textCursor().selectedText() == "שלום"


def test_match_count_follows_edits_and_post_switches(editor, qtbot):
    editor.set_text("שלום א")
    editor.show_find()
    bar = editor.find_replace_bar()
    bar.find_field.setText("שלום")
    move_to_end(editor)
    type_text(editor, " ושָׁלוֹם")
    qtbot.waitUntil(lambda: len(bar.matches()) == 2 and "2" in bar.count_label.text())
    editor.set_text("פוסט אחר בלי המילה")
    qtbot.waitUntil(lambda: bar.count_label.text() == bar.tr("Not found"))


def test_escape_closes_the_find_bar(editor, qtbot):
    editor.show_find()
    bar = editor.find_replace_bar()
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Escape)
    assert not bar.isVisible()


def test_set_text_does_not_emit_text_edited_but_typing_does(editor, qtbot):
    edits = []
    editor.textEdited.connect(lambda: edits.append(editor.text()))
    editor.set_text("פסקה מהספרייה")
    editor.set_text("גרסה קודמת", reset_undo=False)
    assert edits == []
    move_to_end(editor)
    type_text(editor, "!")
    assert edits == ["גרסה קודמת!"]


def test_switching_posts_resets_undo_but_restoring_a_version_is_undoable(editor):
    editor.set_text("פוסט ראשון")
    assert not editor.document().isUndoAvailable()
    editor.set_text("גרסה ישנה", reset_undo=False)
    editor.undo()
    assert editor.text() == "פוסט ראשון"


def test_undo_goes_on_across_saves(editor, qtbot):
    editor.set_text("טיוטה")
    move_to_end(editor)
    type_text(editor, " ראשונה")
    saved = editor.text()  # what autosave does: read the text, mark the document saved
    editor.document().setModified(False)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    type_text(editor, "English line")
    assert editor.text() == saved + "\nEnglish line"
    while editor.document().isUndoAvailable():
        editor.undo()
    assert editor.text() == "טיוטה"


def test_undo_restores_direction_and_keeps_redo(editor, qtbot):
    type_text(editor, "שלום\nHello there")
    assert layout_direction(editor, 2) == LTR
    undos = 0
    while editor.text() != "שלום\n":
        editor.undo()
        undos += 1
        assert undos < 4
        assert layout_direction(editor, 2) == (LTR if editor.text() != "שלום\n" else RTL)
    for _ in range(undos):
        editor.redo()
    assert editor.text() == "שלום\nHello there"
    assert layout_direction(editor, 2) == LTR


def test_context_menu_undo_takes_the_direction_step_with_the_text(editor):
    editor.set_text("שלום\n")
    move_to_end(editor)
    type_text(editor, "E")
    menu = editor.context_menu(editor.cursorRect().center())
    (undo,) = [a for a in menu.actions() if a.objectName() == "edit-undo"]
    undo.trigger()
    assert editor.text() == "שלום\n"
    assert block(editor, 2).textDirection() == RTL


def test_an_edit_in_a_long_post_looks_at_a_few_blocks_only(editor, qtbot):
    editor.set_text("\n\n".join(f"פסקה מספר {n} בפוסט ארוך" for n in range(2000)))
    editor.go_to_line(2001)
    type_text(editor, "x")
    assert editor._directions.blocks_examined < 5


def test_cursor_line_is_reported(editor, qtbot):
    editor.set_text("א\nב\nג")
    with qtbot.waitSignal(editor.cursorLineChanged, timeout=1000) as blocker:
        editor.go_to_line(3)
    assert blocker.args == [3]
    assert editor.cursor_line() == 3


def test_paste_keeps_text_only(editor):
    data = QMimeData()
    data.setHtml("<b>מודגש</b> מהאתר")
    data.setText("מודגש מהאתר")
    editor.insertFromMimeData(data)
    assert editor.text() == "מודגש מהאתר"
    fmt = editor.document().begin().begin().fragment().charFormat()
    assert fmt.fontWeight() != QFont.Weight.Bold


def test_headings_are_bold_without_changing_the_text(editor):
    editor.set_text("## כותרת\nטקסט **מודגש**")
    heading_formats = block(editor, 1).layout().formats()
    assert any(f.format.fontWeight() == QFont.Weight.Bold for f in heading_formats)
    assert editor.text() == "## כותרת\nטקסט **מודגש**"


def test_enter_finds_next_and_shift_enter_previous(editor, qtbot):
    editor.set_text("שלום א שלום ב שלום ג")
    editor.show_find()
    bar = editor.find_replace_bar()
    bar.find_field.setText("שלום")
    assert editor.textCursor().selectionStart() == 0
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return)
    assert editor.textCursor().selectionStart() == 7
    qtbot.keyClick(bar.find_field, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert editor.textCursor().selectionStart() == 0


def test_emoji_before_the_selection_do_not_shift_formatting(editor, qtbot):
    editor.set_text("🎉🎉 חגיגה גדולה")
    cursor = editor.textCursor()
    cursor.setPosition(len("🎉🎉 ".encode("utf-16-le")) // 2 + 1)  # inside the first Hebrew word
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.text() == "🎉🎉 **חגיגה** גדולה"
    bold = [r for r in block(editor, 1).layout().formats() if r.format.fontWeight() == QFont.Weight.Bold]
    # UTF-16: the two emoji are four units, the space one, the markers (grey, not bold) two
    assert [(r.start, r.length) for r in bold] == [(7, 5)]
