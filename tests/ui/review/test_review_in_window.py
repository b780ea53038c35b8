"""The editorial review in the writing desk: status, comments beside the text, history, review mode, bundles."""

import pytest
from desk_helpers import caught_up, listed, open_window, settings_in, type_into
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review
from editor.core.review.bundle import import_bundle, write_bundle
from editor.ui.library.post_list import status_label
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

BODY = """## איך זה התחיל

בשנת 2019 פתחנו כיתה של 4-5 יחידות במתמטיקה, יחד עם Google ועם קרן רש"י.

התלמידים **נפגשו פעמיים בשבוע** עם מורה מוביל, והפער הצטמצם בתוך שנה."""


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite") as library:
        library.add_post(Post(title="כיתת מצוינות בנגב", lead="שנה ראשונה", body=BODY, tags=["חינוך"]))
        library.add_post(Post(title="מרכז לילה לנערות", body="המרכז פתוח בלילות.", status=Status.PUBLISHED))
        yield library


@pytest.fixture
def named(library):
    review.set_user_name(library, "דנה העורכת")
    return library


@pytest.fixture
def window(qtbot, named, tmp_path):
    return open_window(qtbot, named, settings_in(tmp_path), post_id=1)


def list_row(window, post_id: int) -> str:
    return window.post_list.row_texts()[window.post_list.post_ids().index(post_id)]


def move_button(strip, status: Status):
    return next(b for b in strip.move_buttons() if b.property("status") == status.value)


def select_in_editor(window, words: str) -> None:
    text = window.editor.text()
    start = text.index(words)
    window.editor.select_indices(text, start, start + len(words))


def press(qtbot, window, widget, key, modifiers) -> None:
    """A shortcut as the writer types it, wherever the focus is in the window."""
    qtbot.waitExposed(window)
    window.activateWindow()
    widget.setFocus()
    qtbot.keyClick(widget, key, modifiers)


def wait_for_the_preview(qtbot, window) -> None:
    with qtbot.waitSignal(window.preview.rendered, timeout=20000,
                          check_params_cb=lambda g: g == window.preview.latest_generation):
        window.controller.related_changed()  # renders the open post again


def preview_marks(qtbot, window) -> str:
    from editor.ui.preview.web import OUR_WORLD

    with qtbot.waitCallback(timeout=10000) as marked:
        window.preview_view.page().runJavaScript(
            "Array.from(document.querySelectorAll('mark.ktav-comment')).map(m => m.textContent).join('|')",
            OUR_WORLD, marked)
    return marked.args[0]


def test_sending_a_draft_for_review_asks_the_name_once_and_shows_everywhere(qtbot, library, tmp_path,
                                                                             monkeypatch):
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: asked.append(a) or ("נועה הכותבת", True))
    window = open_window(qtbot, library, settings_in(tmp_path), post_id=1)
    strip = window.review.strip
    assert strip.badge.text() == status_label(Status.DRAFT)
    assert [b.property("status") for b in strip.move_buttons()] == ["in_review"]
    strip.note.setText("מוכן לעריכה, בדקו את 4-5 היחידות")
    qtbot.mouseClick(move_button(strip, Status.IN_REVIEW), Qt.LeftButton)
    assert library.get_post(1).status == Status.IN_REVIEW
    assert library.status_history(1)[-1]["author"] == "נועה הכותבת"
    assert library.status_history(1)[-1]["note"] == "מוכן לעריכה, בדקו את 4-5 היחידות"
    assert strip.badge.text() == status_label(Status.IN_REVIEW) and strip.note.text() == ""
    assert {b.property("status") for b in strip.move_buttons()} == {"changes_requested", "approved", "draft"}
    assert status_label(Status.IN_REVIEW) in list_row(window, 1)
    assert window.details.status.currentData() == Status.IN_REVIEW
    window.post_list.status_filter.setCurrentIndex(window.post_list.status_filter.findData(Status.IN_REVIEW))
    qtbot.waitUntil(lambda: not window.post_list.loading)  # the list is read again off the UI thread
    assert window.post_list.post_ids() == [1]
    qtbot.mouseClick(move_button(strip, Status.APPROVED), Qt.LeftButton)
    assert library.get_post(1).status == Status.APPROVED and len(asked) == 1
    window.editor.insertPlainText("עוד מילה ")
    window.autosaver.save_now()  # an autosave after the move keeps the new status
    assert library.get_post(1).status == Status.APPROVED


def test_the_review_menu_offers_the_allowed_moves(qtbot, window):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == window.tr("&Review"))
    menu.aboutToShow.emit()
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Send for review" and "Approve" not in texts
    menu.actions()[0].trigger()
    assert window.review.strip.badge.text() == status_label(Status.IN_REVIEW)
    menu.aboutToShow.emit()
    assert {"Request changes", "Approve", "Back to draft"} <= {a.text() for a in menu.actions()}


def test_commenting_on_the_editors_selection_and_going_back_to_it(qtbot, window, named):
    wait_for_the_preview(qtbot, window)
    select_in_editor(window, "4-5 יחידות")
    press(qtbot, window, window.editor, Qt.Key_M, Qt.ControlModifier | Qt.AltModifier)
    panel = window.review.comments
    assert window.side_tabs.currentWidget() is panel and panel.new_comment.hasFocus()
    assert "„4-5 יחידות”" in panel.selection_label.text()
    type_into(qtbot, panel.new_comment, "מקור למספר?")
    with qtbot.waitSignal(panel.commentsChanged):
        qtbot.keyClick(panel.new_comment, Qt.Key_Return, Qt.ControlModifier)
    (stored,) = named.comments(1)
    assert (stored["quote"], stored["body"], stored["author"]) == ("4-5 יחידות", "מקור למספר?", "דנה העורכת")
    (card,) = panel.cards()
    # The commented words are marked in the preview (once the page settles: a render that lands after
    # the comment, for a card or a status, marks them again)
    qtbot.waitUntil(lambda: preview_marks(qtbot, window) == "4-5 יחידות", timeout=10_000)
    # The writer adds a paragraph above: the comment follows its words once the typing pauses.
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    type_into(qtbot, window.editor, "פסקת פתיחה חדשה.\n\n")
    qtbot.waitUntil(lambda: panel.threads[0].location.paragraph == 2, timeout=5000)
    qtbot.mouseClick(panel.cards()[0], Qt.LeftButton)
    assert window.editor.textCursor().selectedText() == "4-5 יחידות"
    assert window.editor.cursor_line() == 5
    assert window.side_tabs.tabText(window.side_tabs.indexOf(panel)) == "Comments (1)"
    press(qtbot, window, window.editor, Qt.Key_S, Qt.ControlModifier)  # an explicit save re-anchors
    assert named.comments(1)[0]["paragraph"] == 2


def test_a_comment_on_text_selected_in_the_preview(qtbot, window, named):
    from test_review_ui import select_in_page

    wait_for_the_preview(qtbot, window)
    panel = window.review.comments

    class Page:  # what select_in_page needs of a review mode
        preview_view = window.preview_view

    select_in_page(qtbot, Page, "נפגשו פעמיים")
    window.review.comment_action.trigger()  # nothing selected in the editor: the preview's selection
    qtbot.waitUntil(lambda: "„נפגשו פעמיים”" in panel.selection_label.text(), timeout=10000)
    assert window.side_tabs.currentWidget() is panel
    panel.new_comment.setPlainText("כמה זמן כל מפגש?")
    with qtbot.waitSignal(panel.commentsChanged):
        panel.add_button.click()
    (stored,) = named.comments(1)
    assert stored["quote"] == "נפגשו פעמיים" and stored["paragraph"] == 2


def test_restoring_a_revision_from_the_history_tab(qtbot, window, named):
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
    type_into(qtbot, window.editor, "\n\nמשפט שנוסף ונשמר.")
    window.review.save_action.trigger()  # Ctrl+S: a revision
    assert [r.reason for r in named.revisions(1)] == [RevisionReason.CREATE, RevisionReason.SAVE]
    type_into(qtbot, window.editor, " ועוד מילים שלא נשמרו")
    window.review.history_action.trigger()
    history = window.review.history
    assert window.side_tabs.currentWidget() is history
    assert history.list.topLevelItemCount() == 2
    history.select(named.revisions(1)[0].id)
    with qtbot.waitSignal(history.restored):
        qtbot.mouseClick(history.restore_button, Qt.LeftButton)
    caught_up(qtbot, window)
    assert window.editor.text() == BODY
    reasons = [r.reason for r in named.revisions(1)]
    assert reasons[-1] == RevisionReason.RESTORE
    # The text before the restore is kept in the history, its last words too.
    before = named.revisions(1)[-2]
    assert before.reason == RevisionReason.SAVE and before.snapshot["body"].endswith("ועוד מילים שלא נשמרו")
    assert history.list.topLevelItemCount() == len(reasons)
    window.editor.moveCursor(window.editor.textCursor().MoveOperation.Start)
    window.editor.insertPlainText("אחרי השחזור ")
    window.autosaver.save_now()
    assert named.get_post(1).body.startswith("אחרי השחזור ## איך")


def test_an_explicit_save_with_nothing_new_adds_no_revision(qtbot, window, named):
    window.review.save_action.trigger()
    window.review.save_action.trigger()
    assert [r.reason for r in named.revisions(1)] == [RevisionReason.CREATE]
    assert window.review.save_action.shortcut().toString() == "Ctrl+S"


def test_review_mode_swaps_the_editor_for_the_page_and_back(qtbot, window, named):
    review.add_comment(named, 1, "מיכל", "מקור?", quote="4-5 יחידות", paragraph=1)
    review.change_status(named, 1, Status.IN_REVIEW, "נועה")
    window.open_post(2)
    window.open_post(1)
    press(qtbot, window, window.editor, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    mode = window.review.review_mode
    qtbot.waitUntil(lambda: mode.post is not None and mode.preview_view.isVisible())
    with qtbot.waitSignal(mode.rendered, timeout=20000):
        mode.set_post(1)
    assert window.review.stack.currentWidget() is mode
    assert not window.editor.isVisible() and not window.side_tabs.isVisible()
    assert [c.thread.comment["body"] for c in mode.comments.cards()] == ["מקור?"]
    assert not window.formatting_toolbar.isEnabled()
    with qtbot.waitSignal(mode.statusChanged):
        qtbot.mouseClick(move_button(mode.strip, Status.APPROVED), Qt.LeftButton)
    assert window.details.status.currentData() == Status.APPROVED
    assert status_label(Status.APPROVED) in list_row(window, 1)
    with qtbot.waitSignal(mode.rendered, timeout=20000):
        window.post_list.items.setCurrentIndex(window.post_list.model.index(window.post_list.post_ids().index(2)))
    assert mode.post.id == 2 and window.review.in_review_mode
    with qtbot.waitSignal(mode.rendered, timeout=20000):
        window.open_post(1)
    press(qtbot, window, mode.comments, Qt.Key_R, Qt.ControlModifier | Qt.ShiftModifier)
    assert window.editor.isVisible() and window.side_tabs.isVisible() and window.formatting_toolbar.isEnabled()
    assert window.review.strip.badge.text() == status_label(Status.APPROVED)
    window.editor.insertPlainText("תיקון קטן ")
    window.autosaver.save_now()
    assert named.get_post(1).status == Status.APPROVED


def test_a_bundle_saved_and_opened_from_the_window(qtbot, window, named, tmp_path, monkeypatch):
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: told.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: told.append(text))
    target = tmp_path / "to-editor.ktav"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.editor.insertPlainText("מילים אחרונות לפני השליחה. ")
    window.review.save_bundle_action.trigger()
    assert target.exists() and "to-editor.ktav" in told[-1]
    with Library.open(tmp_path / "editor.sqlite") as other:  # the editor's laptop
        post_id = import_bundle(other, target, author="מיכל").post_id
        assert other.get_post(post_id).body.startswith("מילים אחרונות")
        review.add_comment(other, post_id, "מיכל", "נא לקצר", quote="4-5 יחידות")
        back = write_bundle(other, post_id, tmp_path / "back.ktav")
        fresh = other.add_post(Post(title="פוסט חדש מהעורכת", body="טיוטה שנכתבה אצל העורכת."))
        new = write_bundle(other, fresh.id, tmp_path / "new.ktav")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(back), ""))
    window.review.open_bundle_action.trigger()
    caught_up(qtbot, window)
    assert [c.thread.comment["body"] for c in window.review.comments.cards()] == ["נא לקצר"]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(new), ""))
    window.review.open_bundle_action.trigger()
    caught_up(qtbot, window)
    assert window.editor.text() == "טיוטה שנכתבה אצל העורכת."
    assert window.controller.post_id in listed(qtbot, window)
    assert list_row(window, window.controller.post_id).startswith("פוסט חדש מהעורכת")
