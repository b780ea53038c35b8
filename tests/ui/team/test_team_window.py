"""Two desks sharing a team library, driven by keys: the writer edits, saves (Ctrl+S) and syncs
(Ctrl+Shift+S); the editor's window shows the change after its sync. When both change the same
paragraph, the conflict is in the history with its word diff, and "take this version" takes it."""

import pytest
from desk_helpers import caught_up, open_window, settings_in, type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication
from team_helpers import make_team, save

from editor.core.models import RevisionReason
from editor.core.team import state
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

SYNC_TIMEOUT_MS = 60_000


@pytest.fixture
def team(tmp_path):
    made = make_team(tmp_path)
    yield made
    made.close()


@pytest.fixture
def desks(qtbot, team, tmp_path):
    (tmp_path / "w").mkdir()
    (tmp_path / "e").mkdir()
    writer = open_window(qtbot, team.writer, settings_in(tmp_path / "w"), post_id=team.post(team.writer).id)
    editor = open_window(qtbot, team.editor, settings_in(tmp_path / "e"), post_id=team.post(team.editor).id)
    return writer, editor


def keys(qtbot, window, key, modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """A key (a shortcut) as the person at this window types it."""
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    window.editor.setFocus()
    qtbot.keyClick(window.editor, key, modifiers)


def append_to_the_last_paragraph(qtbot, window, words: str) -> None:
    keys(qtbot, window, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    cursor = window.editor.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.movePosition(QTextCursor.MoveOperation.PreviousCharacter)  # before the body's last newline
    window.editor.setTextCursor(cursor)
    type_into(qtbot, window.editor, words)


def save_and_sync(qtbot, window) -> None:
    with qtbot.waitSignal(window.controller.revisionSaved, timeout=5000):
        keys(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    sync_by_keys(qtbot, window)


def sync_by_keys(qtbot, window):
    with qtbot.waitSignal(window.team.syncFinished, timeout=SYNC_TIMEOUT_MS) as finished:
        keys(qtbot, window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not isinstance(finished.args[0], Exception), finished.args[0]
    caught_up(qtbot, window)
    return finished.args[0]


@pytest.mark.slow
def test_a_saved_edit_reaches_the_other_window_after_its_sync(qtbot, desks, team, hebrew):
    writer, editor = desks
    qtbot.waitUntil(lambda: writer.team.indicator.state == "synced", timeout=10_000)  # read off the UI thread
    append_to_the_last_paragraph(qtbot, writer, ' ועוד משפט של דנה, עם רש"י.')
    save_and_sync(qtbot, writer)
    assert writer.team.indicator.state == "synced" and "סנכרון אחרון" in writer.team.indicator.text()
    changed = []
    editor.events.libraryChanged.connect(changed.append)
    report = sync_by_keys(qtbot, editor)
    assert report.brought == 1 and changed and changed[0].touches(editor.controller.post_id)
    assert ' ועוד משפט של דנה, עם רש"י.' in editor.editor.text()
    history = [r for r in team.editor.revisions(editor.controller.post_id) if r.reason == RevisionReason.IMPORT]
    assert history[-1].author == "דנה"  # who changed what


@pytest.mark.slow
def test_a_sync_that_changes_the_open_post_leaves_the_caret_with_the_words_it_was_at(qtbot, desks, team, hebrew):
    writer, editor = desks
    append_to_the_last_paragraph(qtbot, writer, " ועוד משפט מהכותבת.")
    save_and_sync(qtbot, writer)
    keys(qtbot, editor, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, editor, Qt.Key.Key_Down)  # the editor reads the second paragraph, the caret in it
    keys(qtbot, editor, Qt.Key.Key_Down)
    for _ in range(3):
        keys(qtbot, editor, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    before = editor.editor.textCursor().position()
    words_after = editor.editor.text()[before:before + 12]
    report = sync_by_keys(qtbot, editor)
    assert report.brought == 1 and "ועוד משפט מהכותבת." in editor.editor.text()
    caret = editor.editor.textCursor().position()
    assert caret == before and editor.editor.text()[caret:caret + 12] == words_after
    type_into(qtbot, editor.editor, "מילה ")  # and typing goes on where the editor was
    assert 'הפסקה השנייה' in editor.editor.text() and "מילה " + words_after in editor.editor.text()


@pytest.mark.slow
def test_a_sync_that_changes_another_post_leaves_the_open_one_as_the_editor_typed_it(qtbot, desks, team, hebrew):
    writer, editor = desks
    other = next(p for p in team.writer.all_posts() if team.writer.post_uid(p.id) != team.post_uid)
    other_uid = team.writer.post_uid(other.id)
    save(team.writer, other, "דנה", body=other.body + "\nשורה שהכותבת הוסיפה.\n")
    sync_by_keys(qtbot, writer)
    append_to_the_last_paragraph(qtbot, editor, " מילים של העורך")
    typed = editor.editor.text()
    reloads = []
    editor.controller.postOpened.connect(reloads.append)
    report = sync_by_keys(qtbot, editor)
    assert report.brought == 1 and "שורה שהכותבת הוסיפה" in team.editor.post_by_uid(other_uid).body
    assert editor.editor.text() == typed and not reloads, "the open post was not read again"
    keys(qtbot, editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # its undo history is kept
    assert "מילים של העורך" not in editor.editor.text()


@pytest.mark.slow
def test_a_conflict_shows_in_the_history_with_its_diff_and_is_taken_in_one_click(qtbot, desks, team, hebrew):
    writer, editor = desks
    append_to_the_last_paragraph(qtbot, writer, " הסיום של דנה")
    save_and_sync(qtbot, writer)
    append_to_the_last_paragraph(qtbot, editor, " הסיום של רוני")
    save_and_sync(qtbot, editor)
    assert "הסיום של רוני" in editor.editor.text()  # the local text stays
    assert editor.team.indicator.state == "conflicts"
    editor.team.indicator.click()  # "conflicts to look at" shows the next one
    history = editor.review.history
    qtbot.waitUntil(lambda: editor.side_tabs.currentWidget() is history, timeout=5000)
    assert history.restore_button.text() == "לקחת את הגרסה הזאת"
    assert "<del>" in history.diff_html and "<ins>" in history.diff_html and "דנה" in history.diff_html
    with qtbot.waitSignal(history.restored, timeout=5000):
        qtbot.mouseClick(history.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "הסיום של דנה" in editor.editor.text(), timeout=5000)
    assert "הסיום של רוני" not in editor.editor.text()
    sync_by_keys(qtbot, editor)
    assert editor.team.indicator.state == "synced"
    sync_by_keys(qtbot, writer)
    assert "הסיום של דנה" in writer.editor.text()


def test_an_unreachable_remote_says_so_in_hebrew_and_the_writer_keeps_writing(qtbot, desks, team, tmp_path, hebrew):
    writer, _editor = desks
    state.set_link(team.writer, str(tmp_path / "gone"), state.link(team.writer).clone)
    problems = []
    writer.events.problem.connect(problems.append)
    append_to_the_last_paragraph(qtbot, writer, " נכתב בלי רשת")
    with qtbot.waitSignal(writer.controller.revisionSaved, timeout=5000):
        keys(qtbot, writer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with qtbot.waitSignal(writer.team.syncFinished, timeout=SYNC_TIMEOUT_MS):
        keys(qtbot, writer, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert any("לא ניתן להגיע לספרייה המשותפת" in p for p in problems)
    assert writer.team.indicator.state == "offline" and "שינויים לשליחה" in writer.team.indicator.text()
    type_into(qtbot, writer.editor, " ועוד")
    assert "נכתב בלי רשת ועוד" in writer.editor.text() and not writer.editor.isReadOnly()


def test_sharing_a_library_and_joining_it_from_the_team_menu(qtbot, tmp_path, hebrew):
    from desk_helpers import library_with_posts
    from team_helpers import bare_remote

    url = bare_remote(tmp_path)
    library = library_with_posts(tmp_path / "mine.sqlite")
    try:
        window = open_window(qtbot, library, settings_in(tmp_path))
        assert window.team.indicator.isHidden() and window.team.share_action.isEnabled()
        dialog = window.team.share()
        dialog.url.setText(url)
        with qtbot.waitSignal(dialog.accepted, timeout=SYNC_TIMEOUT_MS):
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.team.indicator.state == "synced", timeout=10_000)  # read off the UI thread
        assert not window.team.share_action.isEnabled()
        opened = []
        window.team.open_library = opened.append
        dialog = window.team.join()
        dialog.url.setText(url)
        dialog.path.setText(str(tmp_path / "joined.sqlite"))
        with qtbot.waitSignal(window.team.libraryJoined, timeout=SYNC_TIMEOUT_MS):
            qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert opened == [tmp_path / "joined.sqlite"]
        from editor.core.library.store import Library

        with Library.open(tmp_path / "joined.sqlite") as joined:
            assert sorted(p.title for p in joined.all_posts()) == sorted(p.title for p in library.all_posts())
        dialog = window.team.join()
        dialog.url.setText(str(tmp_path / "no-such-repository"))
        dialog.path.setText(str(tmp_path / "other.sqlite"))
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "לא ניתן להגיע" in dialog.message.text(), timeout=SYNC_TIMEOUT_MS)
        assert dialog.isVisible() and not (tmp_path / "other.sqlite").exists()
        dialog.reject()
    finally:
        window.close()
        library.close()


def test_a_commit_heard_as_the_library_closes_is_left_for_the_next_start(qtbot, desks, team):
    writer, _editor = desks
    post = team.post(team.writer)
    team.writer.save_post(post.copy(body=post.body + "\nשורה אחרונה.\n"), revision=RevisionReason.SAVE, author="דנה")
    assert writer.team.committing, "the explicit save is being committed for the team"
    team.writer.close()  # the window closes its library before the commit's answer is delivered
    qtbot.waitUntil(lambda: not writer.team.committing, timeout=20_000)  # delivered: no error in the event loop
