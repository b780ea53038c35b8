"""Typing into the middle of a 20,000-word post with real key events (each key reads again only the
words around it) keeps what the writer sees right: a typed mistake is underlined and cleared when
fixed while the paragraph's other mistake keeps its line, a paragraph turns to the side its words ask
for, and the saved post holds every key."""

import pytest
from desk_helpers import open_window, press, type_into, underlined
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from spelling_helpers import dictionaries_or_skip, places_in

from benchmarks.typing_post import build_post, middle_line
from editor.core.models import Post

RTL, LTR = Qt.LayoutDirection.RightToLeft, Qt.LayoutDirection.LeftToRight
NAME = "מדעטק"  # a program's name no dictionary knows


@pytest.fixture
def long_post_window(qtbot, library, settings, tmp_path):
    places = places_in(tmp_path)
    dictionaries_or_skip(places)
    body = build_post(20_000)
    lines = body.split("\n")
    middle = middle_line(body)
    lines[middle] = f"{NAME} " + lines[middle]
    post = library.add_post(Post(title="פוסט ארוך", body="\n".join(lines)))
    window = open_window(qtbot, library, settings, post_id=post.id, spelling_places=places)
    qtbot.waitUntil(lambda: window.spelling.checker is not None, timeout=20_000)
    with qtbot.waitSignal(window.editor.spelling.allChecked, timeout=60_000):
        pass
    editor = window.editor
    block = editor.document().findBlockByNumber(middle)
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    return window, post.id, middle


def test_a_typed_mistake_in_the_middle_is_underlined_then_cleared_and_the_paragraphs_other_stays(
        qtbot, long_post_window):
    window, _post_id, middle = long_post_window
    editor = window.editor
    block = lambda: editor.document().findBlockByNumber(middle)
    qtbot.waitUntil(lambda: underlined(block()) == [NAME])
    type_into(qtbot, editor, " כתבנו על עולםם")
    type_into(qtbot, editor, " והמשכנו")
    qtbot.waitUntil(lambda: underlined(block()) == [NAME, "עולםם"])
    assert editor.spelling.checker is not None
    for _ in range(len(" והמשכנו") + 1):  # back to the end of the mistake, and its last letter away
        press(editor, Qt.Key.Key_Backspace)
    type_into(qtbot, editor, " ")
    qtbot.waitUntil(lambda: underlined(block()) == [NAME])
    assert block().text().endswith("כתבנו על עולם ")


def test_a_new_paragraph_in_the_middle_turns_to_the_side_its_words_ask_for_and_the_save_holds_it(
        qtbot, long_post_window, library):
    window, post_id, middle = long_post_window
    editor = window.editor
    press(editor, Qt.Key.Key_Return)
    press(editor, Qt.Key.Key_Return)
    typed = lambda: editor.textCursor().block()
    type_into(qtbot, editor, "Hello")
    assert typed().blockFormat().layoutDirection() == LTR
    type_into(qtbot, editor, " שלום")  # as many Hebrew words as English: right to left
    assert typed().blockFormat().layoutDirection() == RTL
    type_into(qtbot, editor, " world")
    assert typed().blockFormat().layoutDirection() == LTR
    for _ in range(len(" world")):
        press(editor, Qt.Key.Key_Backspace)
    assert typed().blockFormat().layoutDirection() == RTL
    assert editor.document().findBlockByNumber(middle).blockFormat().layoutDirection() == RTL
    assert window.autosaver.save_now()
    stored = library.get_post(post_id).body.split("\n")
    assert stored[middle + 2] == "Hello שלום" and stored == editor.toPlainText().split("\n")
