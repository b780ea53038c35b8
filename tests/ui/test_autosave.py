"""Never lose a word: autosave reaches the library, survives a restart, and a failed save keeps the text."""

import pytest
from PySide6.QtGui import QTextCursor

from desk_helpers import delete_windows  # noqa: F401 (an autouse fixture)
from desk_helpers import library_with_posts, open_window, type_into
from editor.core.library import Library
from editor.core.session import SaveState
from editor.ui import preview
from editor.ui.launch import LibraryInUseError, launch, lock_library

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication


@pytest.fixture
def library(tmp_path):
    library = library_with_posts(tmp_path / "library.sqlite")
    yield library
    library.close()


def move_to_end(editor):
    cursor = editor.textCursor()
    cursor.movePosition(QTextCursor.End)
    editor.setTextCursor(cursor)


def test_typing_is_saved_once_typing_stops_and_saved_is_said_only_after_the_commit(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    said_saved_with = []
    window.autosaver.stateChanged.connect(
        lambda state: state == SaveState.SAVED and said_saved_with.append(library.get_post(1).body))
    move_to_end(window.editor)
    type_into(qtbot, window.editor, ' ורש"י אמר')
    assert library.get_post(1).body.endswith("מתמטיקה.")  # not yet: typing goes on undisturbed
    qtbot.waitUntil(lambda: library.get_post(1).body.endswith(' ורש"י אמר'), timeout=5000)
    assert said_saved_with and said_saved_with[-1].endswith(' ורש"י אמר')
    assert window.save_label.text() == window.tr("Saved")


def test_a_new_post_is_stored_from_its_first_keystroke(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.new_post()
    assert window.controller.post_id is None
    type_into(qtbot, window.editor, "ש")
    qtbot.waitUntil(lambda: window.controller.post_id is not None, timeout=1000)
    assert library.get_post(window.controller.post_id).body == "ש"


def test_a_restarted_window_shows_the_saved_text(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=2)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " עוד משפט בעברית.")
    window.close()  # closing saves at once, without waiting for the pause
    assert library.get_post(2).body.endswith("עוד משפט בעברית.")
    again = open_window(qtbot, library, settings)
    assert again.controller.post_id == 2
    assert again.editor.text().endswith("עוד משפט בעברית.")


def test_undo_reaches_back_across_an_autosave(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    before = window.editor.text()
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " נוסף")
    window.autosaver.save_now()
    assert library.get_post(1).body == before + " נוסף"
    while window.editor.document().isUndoAvailable():
        window.editor.undo()
    assert window.editor.text() == before


def test_switching_posts_saves_the_one_left(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " סוף")
    window.open_post(2)
    assert library.get_post(1).body.endswith(" סוף")
    assert window.controller.post_id == 2


def test_a_full_disk_keeps_the_text_says_so_in_hebrew_and_retries(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    db = library._db  # the library's own connection: cap its size where it stands, like a full disk
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")
    move_to_end(window.editor)
    long_paragraph = "\n\n" + "מילה חשובה שאסור לאבד. " * 400
    window.editor.insertPlainText(long_paragraph)
    with qtbot.waitSignal(window.autosaver.failed, timeout=5000) as failure:
        window.autosaver.save_now()
    assert "הדיסק מלא" in failure.args[0]
    assert window.banner.isVisible()
    assert "הדיסק מלא" in window.banner.message.text()
    assert window.editor.text().endswith(long_paragraph)
    assert "שאסור לאבד" not in library.get_post(1).body
    db.execute("PRAGMA max_page_count = 1073741823")  # space again: the retry goes through by itself
    qtbot.waitUntil(lambda: "שאסור לאבד" in library.get_post(1).body, timeout=10000)
    assert not window.banner.isVisible()


def test_a_read_only_library_keeps_the_text_and_closing_asks_first(qtbot, tmp_path, settings):
    library_with_posts(tmp_path / "ro.sqlite").close()
    library = Library.open(tmp_path / "ro.sqlite", read_only=True)
    questions = []
    answer = {"close": False}

    def confirm(question):
        questions.append(question)
        return answer["close"]

    window = open_window(qtbot, library, settings, confirm=confirm, post_id=1)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " טקסט חדש")
    qtbot.waitUntil(window.banner.isVisible, timeout=5000)
    assert "לקריאה בלבד" in window.banner.message.text()
    window.close()
    assert questions, "closing with unsaved text must ask first"
    assert window.isVisible()
    assert window.editor.text().endswith(" טקסט חדש")
    answer["close"] = True
    window.close()
    assert not window.isVisible()
    library.close()


def test_a_second_copy_on_the_same_library_is_refused(tmp_path, capsys):
    path = tmp_path / "shared.sqlite"
    Library.open(path).close()
    lock = lock_library(path)
    try:
        with pytest.raises(LibraryInUseError) as refused:
            lock_library(path)
        assert "כבר פתוחה" in refused.value.message_he
        assert launch(db=path, open_id=None, screenshot=tmp_path / "x.png") != 0
        assert "already open" in capsys.readouterr().err
    finally:
        lock.unlock()
    lock_library(path).unlock()  # free again once the first copy lets go
