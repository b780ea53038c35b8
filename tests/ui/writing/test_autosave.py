"""Never lose a word: autosave reaches the library, survives a restart, and a failed save keeps the text."""

import threading

import pytest
from desk_helpers import library_with_posts, move_to_end, open_window, type_into
from typist import SAFE_AFTER_S, Pace, Typist, send_key, writer_text

from editor.core.editing.session import SaveState
from editor.core.library.store import Library
from editor.ui.desk.launch import LibraryInUseError, launch, lock_library
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication


def test_typing_is_saved_once_typing_stops_and_saved_is_said_only_after_the_commit(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    said_saved_with = []
    window.autosaver.stateChanged.connect(
        lambda state: state == SaveState.SAVED and said_saved_with.append(library.get_post(1).body))
    move_to_end(window.editor)
    type_into(qtbot, window.editor, ' ורש"י אמר')
    assert library.get_post(1).body.endswith("מתמטיקה.")  # not yet: typing goes on undisturbed
    qtbot.waitUntil(lambda: bool(said_saved_with), timeout=5000)  # written off the UI thread, then said
    assert said_saved_with[-1].endswith(' ורש"י אמר')
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


def test_typing_that_never_pauses_is_saved_at_least_every_two_seconds(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    before = library.get_post(1).body
    move_to_end(window.editor)
    typist = Typist(window.editor, writer_text(seed=1, characters=45), Pace("steady", seed=1))
    late = []

    def check_promise(count: int, at: float) -> None:
        # every character typed more than two seconds before this key is in the library already
        promised = sum(1 for typed_at in typist.typed_at if typed_at < at - SAFE_AFTER_S)
        stored = library.get_post(1).body[len(before):]
        if typist.text[:promised] != stored[:promised]:
            late.append((count, promised, len(stored)))

    typist.typed.connect(check_promise)
    with qtbot.waitSignal(typist.finished, timeout=30_000):
        typist.start()
    assert typist.typed_at[-1] - typist.typed_at[0] > 4, "the typing lasted long enough to need saves"
    assert not late, f"text older than 2 s was not saved yet: {late[:3]}"


def test_saves_never_run_inside_a_keystroke_in_a_new_post_or_an_old_one(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    inside_key = {"now": False}
    saves = []
    window.autosaver.saved.connect(lambda post_id: saves.append((post_id, inside_key["now"])))

    def type_slowly(text: str) -> None:
        for char in text:
            inside_key["now"] = True
            send_key(window.editor, char)
            inside_key["now"] = False
            qtbot.wait(30)  # the event loop runs between keys, as it does for a writer

    window.new_post()
    type_slowly("פוסט חדש")
    qtbot.waitUntil(lambda: window.controller.post_id is not None and not window.autosaver.pending,
                    timeout=5000)
    new_id = window.controller.post_id
    window.open_post(1)
    saves.clear()
    move_to_end(window.editor)
    type_slowly(" ועוד")
    qtbot.waitUntil(lambda: not window.autosaver.pending, timeout=5000)
    assert library.get_post(new_id).body == "פוסט חדש"
    assert library.get_post(1).body.endswith(" ועוד")
    assert saves and all(not inside for _, inside in saves)
    assert len(saves) <= 2, f"one save per pause, not one per key: {len(saves)} saves for 5 keys"


def test_leaving_the_editor_saves_at_once(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.activateWindow()
    window.editor.setFocus()
    qtbot.waitUntil(window.editor.hasFocus, timeout=5000)
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " מילה")
    assert window.autosaver.pending
    window.details.title.setFocus()
    assert library.get_post(1).body.endswith(" מילה")


def test_a_full_disk_keeps_the_text_says_so_in_hebrew_and_retries(qtbot, small_disk, settings):
    library = library_with_posts(small_disk.path / "library.sqlite")
    window = open_window(qtbot, library, settings, post_id=1)
    filler = small_disk.fill()
    move_to_end(window.editor)
    long_paragraph = "\n\n" + "מילה חשובה שאסור לאבד. " * 400
    type_into(qtbot, window.editor, long_paragraph[:3])
    window.editor.insertPlainText(long_paragraph[3:])  # a long paste: enough to need new pages
    with qtbot.waitSignal(window.autosaver.failed, timeout=5000) as failure:
        window.autosaver.save_now()
    assert "הדיסק מלא" in failure.args[0]
    assert window.banner.isVisible()
    assert "הדיסק מלא" in window.banner.message.text()
    assert window.editor.text().endswith(long_paragraph)
    assert "שאסור לאבד" not in library.get_post(1).body
    filler.unlink()  # space again: the retry goes through by itself
    qtbot.waitUntil(lambda: not window.banner.isVisible(), timeout=10000)  # written, then the banner goes
    assert "שאסור לאבד" in library.get_post(1).body
    window.close()
    library.close()


def test_a_read_only_library_is_shown_read_only_from_the_start(qtbot, tmp_path, settings, hebrew):
    library_with_posts(tmp_path / "ro.sqlite").close()
    library = Library.open(tmp_path / "ro.sqlite", read_only=True)
    questions = []
    window = open_window(qtbot, library, settings, confirm=lambda q: questions.append(q) or False, post_id=1)
    assert window.banner.isVisible() and "לקריאה בלבד" in window.banner.message.text()
    assert not window.banner.retry.isVisible()
    before = window.editor.text()
    move_to_end(window.editor)
    type_into(qtbot, window.editor, " טקסט חדש")
    assert window.editor.text() == before, "nothing can be typed where nothing can be saved"
    assert not window.new_action.isEnabled()
    window.close()
    assert not questions and not window.isVisible()
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


def test_an_autosave_is_written_off_the_ui_thread_and_typing_goes_on_meanwhile(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    committed_on = []
    library.add_commit_listener(lambda: committed_on.append(threading.get_ident()))
    move_to_end(window.editor)
    with qtbot.waitSignal(window.autosaver.stateChanged, timeout=5000,
                          check_params_cb=lambda state: state == SaveState.SAVING):  # a timer handed it to the writer
        type_into(qtbot, window.editor, " מילה")
    type_into(qtbot, window.editor, " ועוד")  # typed while (or just after) it is written: goes with the next save
    qtbot.waitUntil(lambda: window.save_label.text() == window.tr("Saved"), timeout=10000)
    assert library.get_post(1).body.endswith(" מילה ועוד")
    assert committed_on and threading.main_thread().ident not in committed_on
