"""Spell check in the window: typed mistakes get a red wavy underline, the context menu corrects them
or keeps the word, F7 turns it off, and without a dictionary the desk says where to put one."""

import pytest
from desk_helpers import open_window, press, type_into, underlined
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QKeySequence, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from spelling_helpers import dictionaries_or_skip, nowhere, places_in

from editor.core.models import Post
from editor.core.spelling import blog_words

NAME = "מדעטק"  # a program's name no dictionary knows


def joined(editor, line: int = 1) -> list[str]:
    """Underlined words of a line, characters drawn one by one put back together."""
    return underlined(editor.document().findBlockByNumber(line - 1))


@pytest.fixture
def places(tmp_path):
    places = places_in(tmp_path)
    dictionaries_or_skip(places)
    return places


def ready(qtbot, window):
    if window.spelling.checker is None and window.spelling.unavailable is None:
        with qtbot.waitSignal(window.spelling.ready, timeout=20_000):
            pass


def open_desk(qtbot, library, settings, places, post_id=None):
    window = open_window(qtbot, library, settings, post_id=post_id, spelling_places=places)
    ready(qtbot, window)
    return window


def caret_into(editor, word: str, line: int = 1) -> None:
    block = editor.document().findBlockByNumber(line - 1)
    cursor = QTextCursor(block)
    cursor.setPosition(block.position() + block.text().index(word) + 2)
    editor.setTextCursor(cursor)


def use_context_menu(editor, choose) -> list[str]:
    """Open the context menu at the caret as the Menu key does (a keyboard context-menu event), then
    walk down to the entry `choose(menu)` names and press Enter. Returns the menu's entries."""
    seen: list[str] = []

    def operate() -> None:
        menu = QApplication.activePopupWidget()
        seen.extend(action.text() for action in menu.actions())
        target = choose(menu)
        for _ in range(len(menu.actions())):
            if target is None or menu.activeAction() is target:
                break
            QTest.keyClick(menu, Qt.Key.Key_Down)
        if target is None or menu.activeAction() is not target:
            menu.close()  # the test fails below, rather than waiting on an open menu
            return
        QTest.keyClick(menu, Qt.Key.Key_Return)

    QTimer.singleShot(0, operate)
    at = editor.cursorRect().center()
    QApplication.sendEvent(editor.viewport(), QContextMenuEvent(
        QContextMenuEvent.Reason.Keyboard, at, editor.viewport().mapToGlobal(at)))
    return seen


def entry(text: str):
    return lambda menu: next((a for a in menu.actions() if a.text() == text), None)


def test_a_typed_mistake_is_underlined_and_a_suggestion_from_the_menu_corrects_it(qtbot, hebrew, library, settings, places):
    post = library.add_post(Post(title="עולם חדש", body=""))
    window = open_desk(qtbot, library, settings, places, post.id)
    editor = window.editor
    type_into(qtbot, editor, "כתבנו על עולםם")
    assert joined(editor) == []  # not while the caret still ends the word
    type_into(qtbot, editor, " ")
    qtbot.waitUntil(lambda: joined(editor) == ["עולםם"])
    caret_into(editor, "עולםם")
    entries = use_context_menu(editor, entry("עולם"))
    assert "עולם" in entries[:6] and {"הוספה למילון", "הוספה למילון הבלוג", "התעלמות"} <= set(entries)
    assert editor.text() == "כתבנו על עולם "
    qtbot.waitUntil(lambda: joined(editor) == [])
    press(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # one undo step brings it back
    assert editor.text() == "כתבנו על עולםם "


def test_a_word_added_to_the_blogs_words_is_right_in_the_other_posts_too(qtbot, hebrew, library, settings, places):
    first = library.add_post(Post(title="התוכנית", body=f"התוכנית {NAME} נפתחה בדימונה."))
    second = library.add_post(Post(title="סיכום", body=f"ובתוכנית {NAME} למדו עשרות ילדים."))
    window = open_desk(qtbot, library, settings, places, first.id)
    editor = window.editor
    qtbot.waitUntil(lambda: joined(editor) == [NAME])
    caret_into(editor, NAME)
    use_context_menu(editor, entry("הוספה למילון הבלוג"))
    qtbot.waitUntil(lambda: joined(editor) == [])
    assert blog_words(library) == [NAME]
    with qtbot.waitSignal(editor.spelling.visibleChecked):
        window.open_post(second.id)
    assert NAME in editor.text() and joined(editor) == []


def test_add_to_dictionary_keeps_the_word_in_the_writers_personal_dictionary(qtbot, hebrew, library, settings, places):
    post = library.add_post(Post(title="שמות", body=f"נפגשנו עם {NAME} ועם ירושליים."))
    window = open_desk(qtbot, library, settings, places, post.id)
    editor = window.editor
    qtbot.waitUntil(lambda: joined(editor) == [NAME, "ירושליים"])
    caret_into(editor, NAME)
    use_context_menu(editor, entry("הוספה למילון"))
    qtbot.waitUntil(lambda: joined(editor) == ["ירושליים"])
    assert places.personal_words.read_text(encoding="utf-8") == f"{NAME}\n"
    caret_into(editor, "ירושליים")
    use_context_menu(editor, entry("התעלמות"))
    qtbot.waitUntil(lambda: joined(editor) == [])
    assert places.personal_words.read_text(encoding="utf-8") == f"{NAME}\n"  # ignoring keeps nothing


def test_f7_turns_the_underlines_off_and_on_and_is_remembered(qtbot, library, settings, places):
    post = library.add_post(Post(title="טעות", body="פסקה עם שלוםם אחד."))
    window = open_desk(qtbot, library, settings, places, post.id)
    editor = window.editor
    qtbot.waitUntil(lambda: joined(editor) == ["שלוםם"])
    action = window.spelling.toggle_action
    assert action.shortcut() == QKeySequence("F7") and action in window.menuBar().actions()[1].menu().actions()
    action.trigger()
    qtbot.waitUntil(lambda: joined(editor) == [])
    from editor.ui import settings_store as keys

    assert settings.get(keys.SPELL_CHECK) is False
    action.trigger()
    qtbot.waitUntil(lambda: joined(editor) == ["שלוםם"])


def test_markdown_syntax_and_code_get_no_underline(qtbot, library, settings, places):
    body = "ראשית [קישור](https://example.org/שלוםם) ו-`שלוםם` בקוד\n\n```\nשלוםם ספרר\n```\n\nוסוף ירושליים"
    post = library.add_post(Post(title="תחביר", body=body))
    window = open_desk(qtbot, library, settings, places, post.id)
    editor = window.editor
    qtbot.waitUntil(lambda: joined(editor, 7) == ["ירושליים"])
    assert [joined(editor, line) for line in range(1, 7)] == [[]] * 6


def test_a_long_post_has_its_visible_blocks_checked_first_then_the_rest(qtbot, library, settings, places):
    paragraphs = [f"פסקה מספר {n} על הקהילה והמתנדבים בשכונה, שכתבנו יחד בבית־הספר." for n in range(1500)]
    paragraphs[0] += " ירושליים"
    paragraphs[-1] += " אתמל"
    post = library.add_post(Post(title="ארוך", body="\n\n".join(paragraphs)))
    other = library.add_post(Post(title="קצר", body="שלום"))
    window = open_desk(qtbot, library, settings, places, other.id)
    editor = window.editor
    last = editor.document().blockCount
    with qtbot.waitSignal(editor.spelling.visibleChecked, timeout=10_000):
        window.open_post(post.id)
    assert joined(editor, 1) == ["ירושליים"]
    with qtbot.waitSignal(editor.spelling.allChecked, timeout=30_000):
        pass
    assert joined(editor, last()) == ["אתמל"]


def test_the_pre_publish_check_lists_the_unknown_words(qtbot, library, settings, places):
    post = library.add_post(Post(title="לפרסום", lead="פתיח", body="שורה ראשונה\n\nשורה עם ירושליים"))
    window = open_desk(qtbot, library, settings, places, post.id)
    dialog = window.publish.open_export()
    spelling = [(f.message_he, f.line) for f in dialog.findings if f.code == "spelling"]
    assert spelling == [("מילה שבודק האיות אינו מכיר: ירושליים", 3)]
    dialog.close()


def test_without_a_dictionary_spell_check_is_off_and_the_desk_says_once_where_to_put_one(
        qtbot, library, settings, tmp_path):
    first = library.add_post(Post(title="א", body="שלוםם"))
    second = library.add_post(Post(title="ב", body="ירושליים"))
    messages = []
    window = open_window(qtbot, library, settings, post_id=first.id, spelling_places=nowhere(tmp_path))
    ready(qtbot, window)
    folder = str(tmp_path / "ktav-data" / "dictionaries")
    said = window.statusBar().currentMessage()
    assert folder in said and "בדיקת האיות כבויה" in said and "he_IL.dic" in said
    window.events.message.connect(messages.append)
    window.open_post(second.id)
    assert [m for m in messages if folder in m] == [], "said once, not again for the next post"
    assert not window.spelling.toggle_action.isEnabled() and folder in window.spelling.toggle_action.toolTip()
    assert joined(window.editor) == []
