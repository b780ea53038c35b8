"""What a keystroke leaves for later stays correct: the session, saves and the preview see every key,
the current line's tint and the editor's shortcuts follow their changes."""

import pytest
from desk_helpers import move_to_end, open_window, preview_caught_up, type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QTextCursor
from PySide6.QtWidgets import QTextEdit

from editor.ui.preview import live as preview
from editor.ui.writing.source_editor import SourceEditor

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication


def test_the_session_and_a_save_right_after_a_key_hold_that_key(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, ' ורש"י')  # no turn of the event loop after the keys
    assert window.controller.session.post.body.endswith(' ורש"י')
    type_into(qtbot, window.editor, " אמר")
    assert window.autosaver.save_now()  # a switch or a focus loss right after the key
    assert library.get_post(1).body.endswith(' ורש"י אמר')


def test_keys_that_come_together_are_taken_in_once_and_reach_the_preview(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    edits = []
    window.controller.postEdited.connect(edits.append)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " חמש")
    qtbot.waitUntil(lambda: bool(edits), timeout=5000)
    assert len(edits) == 1 and edits[0].body.endswith(" חמש")  # the whole text read once, not per key
    preview_caught_up(qtbot, window)
    with qtbot.waitCallback(timeout=10000) as text:
        window.preview_view.page().runJavaScript("document.querySelector('.ktav-body').innerText", 2, text)
    assert "מתמטיקה. חמש" in text.args[0]


@pytest.fixture
def editor(qtbot):
    widget = SourceEditor()
    widget.resize(420, 400)
    qtbot.addWidget(widget)
    widget.show()
    widget.activateWindow()
    qtbot.waitExposed(widget)
    widget.setFocus()
    return widget


def tinted_line(editor: SourceEditor) -> tuple[int, int]:
    (current,) = [s for s in editor.extraSelections() if s.format.property(QTextEdit.ExtraSelection().format.Property.FullWidthSelection)]
    return line_of(current.cursor)


def line_of(cursor: QTextCursor) -> tuple[int, int]:
    return cursor.blockNumber(), cursor.block().layout().lineForTextPosition(cursor.positionInBlock()).lineNumber()


def test_the_current_line_tint_follows_the_caret_onto_a_wrapped_line_and_to_another_paragraph(editor, qtbot):
    editor.set_text("פסקה ראשונה\n\nשנייה")
    editor.go_to_line(1)
    at_line_end = editor.textCursor()
    at_line_end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(at_line_end)
    type_into(qtbot, editor, " ועוד מילים" * 12)  # the paragraph wraps: the caret goes down a line or more
    assert line_of(editor.textCursor())[1] > 0
    assert tinted_line(editor) == line_of(editor.textCursor())
    editor.go_to_line(3)
    assert tinted_line(editor) == (2, 0)


def test_a_shortcut_given_to_an_editor_action_later_wins_over_the_text_edits_own(editor, qtbot):
    editor.set_text("שורה שלמה")
    triggered = []
    action = QAction("קישור", editor)
    action.setShortcut("Ctrl+J")
    action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
    action.triggered.connect(lambda: triggered.append(True))
    editor.addAction(action)
    editor.go_to_line(1)
    qtbot.keyClick(editor, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    action.setShortcut("Ctrl+A")  # the text edit's own "select all", unless an editor action claims it
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert triggered == [True, True]
    assert not editor.textCursor().hasSelection()
