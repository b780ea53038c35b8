"""Review in the window: commenting on text selected in the page, the history view, status moves."""

import datetime as dt
import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel

from editor.core.library.store import Library
from editor.core.models import Post, RevisionReason, Status
from editor.core.review import workflow as review
from editor.ui.library.post_list import status_label
from editor.ui.preview import live as preview
from editor.ui.review.comments_panel import CommentsPanel
from editor.ui.review.history_view import HistoryView
from editor.ui.review.review_mode import ReviewMode, ensure_user_name

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

BODY = """## איך זה התחיל

בשנת 2019 פתחנו כיתה של 4-5 יחידות במתמטיקה, יחד עם Google ועם קרן רש"י.

התלמידים **נפגשו פעמיים בשבוע** עם מורה מוביל, והפער הצטמצם בתוך שנה.

ההורים קיבלו עדכון חודשי על ההתקדמות של הכיתה."""


@pytest.fixture
def library(tmp_path):
    with Library.open(tmp_path / "library.sqlite") as lib:
        review.set_user_name(lib, "דנה העורכת")
        yield lib


@pytest.fixture
def post(library):
    return library.add_post(Post(title="כיתת מצוינות בנגב", lead="שנה ראשונה של תוכנית חדשה", body=BODY,
                                 tags=["חינוך"], date=dt.date(2019, 12, 23), status=Status.IN_REVIEW))


def open_review(qtbot, library, post_id, kind="web"):
    view = None
    if kind == "text":  # the fallback where QtWebEngine is missing
        from editor.ui.preview.text_view import TextPreview

        view = TextPreview(lambda sha: None, lambda url: None)
    mode = ReviewMode(library, preview_view=view)
    mode.setAttribute(Qt.WA_DeleteOnClose)  # the page goes before its web profile, not at exit
    qtbot.addWidget(mode)
    mode.resize(1200, 700)
    mode.show()
    with qtbot.waitSignal(mode.rendered, timeout=20000):
        mode.set_post(post_id)
    return mode


def select_in_page(qtbot, mode, words):
    """Select `words` in the page as a reader would with the mouse."""
    view = mode.preview_view
    if not view.is_web:
        cursor = view.document().find(words)
        view.setTextCursor(cursor)
        return
    from editor.ui.preview.web import OUR_WORLD

    script = """(function(words){
      var walker = document.createTreeWalker(document.querySelector('.ktav-body'), NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        var at = walker.currentNode.data.indexOf(words);
        if (at >= 0) { var range = document.createRange();
          range.setStart(walker.currentNode, at); range.setEnd(walker.currentNode, at + words.length);
          var s = window.getSelection(); s.removeAllRanges(); s.addRange(range); return true; }
      }
      return false; })(""" + json.dumps(words) + ")"
    with qtbot.waitCallback(timeout=10000) as callback:
        view.page().runJavaScript(script, OUR_WORLD, callback)
    assert callback.args[0], f"{words!r} is not in the page"


@pytest.mark.parametrize("kind", ["web", "text"])
def test_commenting_on_text_selected_in_the_page(qtbot, library, post, kind):
    mode = open_review(qtbot, library, post.id, kind)
    select_in_page(qtbot, mode, "נפגשו פעמיים בשבוע")
    mode.capture_selection()
    panel = mode.comments
    qtbot.waitUntil(lambda: "נפגשו פעמיים בשבוע" in panel.selection_label.text(), timeout=10000)
    panel.new_comment.setPlainText("כמה שעות בכל מפגש?")
    assert panel.add_button.isEnabled()
    with qtbot.waitSignal(panel.commentsChanged):
        qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    (stored,) = library.comments(post.id)
    assert (stored["author"], stored["body"], stored["quote"]) == ("דנה העורכת", "כמה שעות בכל מפגש?",
                                                                  "נפגשו פעמיים בשבוע")
    assert stored["paragraph"] == 2  # the page told the paragraph, or the quote was found in the text
    (card,) = panel.cards()
    assert BODY[card.thread.location.start:card.thread.location.end] == "נפגשו פעמיים בשבוע"
    assert not panel.add_button.isEnabled()  # the selection was used up
    if mode.preview_view.is_web:  # the quote is marked in the page
        from editor.ui.preview.web import OUR_WORLD

        with qtbot.waitCallback(timeout=10000) as marked:
            mode.preview_view.page().runJavaScript(
                "Array.from(document.querySelectorAll('mark.ktav-comment')).map(m => m.textContent).join('|')",
                OUR_WORLD, marked)
        assert marked.args[0] == "נפגשו פעמיים בשבוע"


def test_replies_resolve_and_orphans_in_the_panel(qtbot, library, post):
    root = review.add_comment(library, post.id, "מיכל", "מקור?", quote="4-5 יחידות", paragraph=1)
    review.add_comment(library, post.id, "מיכל", "פסקה שתימחק", quote="עדכון חודשי", paragraph=3)
    panel = CommentsPanel(library, lambda: "דנה")
    qtbot.addWidget(panel)
    edited = BODY.rsplit("\n\n", 1)[0]  # the last paragraph was deleted in the editor
    panel.set_post(post.id, edited)
    first, orphan = panel.cards()
    assert first.thread.id == root and not first.thread.orphaned
    assert orphan.thread.orphaned and orphan.property("orphaned") == "true"
    assert orphan.findChild(QLabel, "orphanNote") is not None and first.findChild(QLabel, "orphanNote") is None
    with qtbot.waitSignal(panel.commentsChanged):
        first.reply("משרד החינוך")
    with qtbot.waitSignal(panel.commentsChanged):
        qtbot.mouseClick(panel.cards()[0].resolve_button, Qt.LeftButton)
    thread = panel.cards()[0].thread
    assert thread.resolved and [r["body"] for r in thread.replies] == ["משרד החינוך"]
    panel.show_resolved.setChecked(False)
    assert [c.thread.id for c in panel.cards()] == [orphan.thread.id]


def test_status_moves_offered_are_the_allowed_ones(qtbot, library, post):
    mode = open_review(qtbot, library, post.id)
    assert mode.badge.text() == status_label(Status.IN_REVIEW)
    offered = {b.property("status") for b in mode.move_buttons()}
    assert offered == {s.value for s in review.allowed_moves(Status.IN_REVIEW)}
    approve = next(b for b in mode.move_buttons() if b.property("status") == "approved")
    mode.note.setText("מצוין")
    with qtbot.waitSignal(mode.statusChanged):
        qtbot.mouseClick(approve, Qt.LeftButton)
    assert library.get_post(post.id).status == Status.APPROVED
    assert library.status_history(post.id)[-1] | {"at": None} == {
        "from": "in_review", "to": "approved", "author": "דנה העורכת", "note": "מצוין", "at": None}
    assert mode.badge.text() == status_label(Status.APPROVED)


def test_the_name_is_asked_for_once(qtbot, tmp_path, monkeypatch):
    asked = []

    def answer(*args, **kwargs):
        asked.append(args)
        return "נועה", True

    monkeypatch.setattr(QInputDialog, "getText", answer)
    with Library.open(tmp_path / "fresh.sqlite") as library:
        assert ensure_user_name(None, library) == "נועה"
        assert ensure_user_name(None, library) == "נועה"
    assert len(asked) == 1


def test_history_compares_two_revisions_and_restores_one(qtbot, library, post):
    library.save_post(post.copy(title="כיתת מצוינות בדימונה",
                                body=BODY.replace("מורה מוביל", "מורה מובילה")),
                      revision=RevisionReason.SAVE, author="מיכל")
    tagged = library.get_post(post.id)
    tagged.tags = ["חינוך", "מתמטיקה"]
    library.save_post(tagged, revision=RevisionReason.SAVE, author="מיכל")
    view = HistoryView(library, lambda: "דנה")
    qtbot.addWidget(view)
    view.set_post(post.id)
    view.show()
    rows = [view.list.topLevelItem(i) for i in range(view.list.topLevelItemCount())]
    assert [r.text(2) for r in rows] == ["שמירה", "שמירה", "יצירה"]  # newest first, reasons in Hebrew
    assert rows[0].text(1) == "מיכל"
    first, last = rows[2].data(0, Qt.UserRole), rows[0].data(0, Qt.UserRole)
    view.select(first, last)
    assert "<del>מוביל</del><ins>מובילה</ins>" in view.diff_html
    assert "<del>בנגב</del><ins>בדימונה</ins>" in view.diff_html and "מתמטיקה" in view.diff_html
    assert view.diff.layoutDirection() == Qt.RightToLeft and 'dir="rtl"' in view.diff_html
    assert not view.restore_button.isEnabled()  # restore one revision at a time
    view.select(first)
    with qtbot.waitSignal(view.restored) as restored:
        qtbot.mouseClick(view.restore_button, Qt.LeftButton)
    assert restored.args[0].title == "כיתת מצוינות בנגב"
    revisions = library.revisions(post.id)
    assert len(revisions) == 4 and revisions[-1].reason == RevisionReason.RESTORE
    assert view.list.topLevelItem(0).text(2).startswith("שחזור")


def test_commenting_on_a_selection_in_the_markdown_editor(qtbot, library, post):
    panel = CommentsPanel(library, lambda: "דנה")
    qtbot.addWidget(panel)
    edited = "פסקה חדשה שנכתבה עכשיו.\n\n" + BODY  # unsaved text in the editor
    panel.set_post(post.id, edited)
    start = edited.index("**נפגשו")
    panel.set_source_selection(start, start + len("**נפגשו פעמיים"))
    assert "„נפגשו פעמיים”" in panel.selection_label.text()
    panel.new_comment.setPlainText("מתי בדיוק?")
    with qtbot.waitSignal(panel.commentsChanged):
        qtbot.mouseClick(panel.add_button, Qt.LeftButton)
    (card,) = panel.cards()
    assert card.thread.location.paragraph == 3
    assert edited[card.thread.location.start:card.thread.location.end] == "נפגשו פעמיים"
    panel.set_body("עוד פסקה.\n\n" + edited)  # typing on: the card stays, its place follows
    assert panel.cards() == [card] and card.thread.location.paragraph == 4
    panel.set_body(edited.replace("נפגשו פעמיים בשבוע", "נפגשו"))  # its words are gone: shown orphaned
    assert panel.cards()[0].thread.orphaned and panel.cards()[0].property("orphaned") == "true"


def test_bundles_from_the_window_tell_the_outcome_in_hebrew(qtbot, library, post, tmp_path):
    from editor.ui.review.bundle_actions import open_bundle, save_bundle

    told = []
    path = save_bundle(None, library, post.id, tmp_path / "review.ktav", notify=lambda m, p: told.append((m, p)))
    assert path.exists() and told[-1][1] is False
    with Library.open(tmp_path / "editor.sqlite") as other:
        result = open_bundle(None, other, path, notify=lambda m, p: told.append((m, p)))
        assert result.created and "נוסף" in told[-1][0] and told[-1][1] is False
        other.save_post(other.get_post(result.post_id).copy(title="כותרת של העורכת"),
                        revision=RevisionReason.SAVE)
        back = save_bundle(None, other, result.post_id, tmp_path / "back.ktav", notify=lambda m, p: None)
    library.save_post(library.get_post(post.id).copy(title="כותרת של הכותבת"), revision=RevisionReason.SAVE)
    assert open_bundle(None, library, back, notify=lambda m, p: told.append((m, p))).conflict
    assert told[-1][1] is True and "בשני הצדדים" in told[-1][0]
    path.write_bytes(path.read_bytes()[:100])
    assert open_bundle(None, library, path, notify=lambda m, p: told.append((m, p))) is None
    assert told[-1][1] is True and "שום דבר לא יובא" in told[-1][0]
