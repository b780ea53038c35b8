"""The writing desk window: Hebrew and mirrored, the post list, details, remembered layout, screenshot."""

import shutil
import subprocess
import sys
from xml.etree import ElementTree

import pytest
from desk_helpers import library_with_posts, listed, open_window, preview_caught_up, type_into
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from editor.core.models import Status
from editor.core.review import workflow as review
from editor.core.text import hebrew as hebrew_text
from editor.ui import settings_store as keys
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture
def library(tmp_path):
    library = library_with_posts(tmp_path / "library.sqlite")
    review.set_user_name(library, "נועה הכותבת")  # status moves are signed
    yield library
    library.close()


def test_the_window_speaks_hebrew_and_is_mirrored(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    assert window.layoutDirection() == Qt.RightToLeft
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0] == "&קובץ"
    assert window.post_list.search.placeholderText() == "חיפוש בפוסטים…"
    # Mirrored: the post list (first in the splitter) sits at the right edge of the window.
    list_x = window.post_list.mapTo(window, window.post_list.rect().topLeft()).x()
    side_x = window.side_tabs.mapTo(window, window.side_tabs.rect().topLeft()).x()
    assert list_x > side_x
    assert window.details.date.text() == window.details.date.date().toString("dd.MM.yyyy")


def test_typing_hebrew_in_the_editor_updates_the_preview(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    type_into(qtbot, window.editor, "\n\nשלום, ניקוד: שָׁלוֹם")
    preview_caught_up(qtbot, window)
    with qtbot.waitCallback(timeout=10000) as text:
        window.preview_view.page().runJavaScript("document.querySelector('.ktav-body').innerText", 2, text)
    assert "ניקוד: שָׁלוֹם" in text.args[0]


def test_the_status_bar_counts_the_words_the_reader_sees_as_the_writer_types(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.editor.selectAll()
    type_into(qtbot, window.editor, 'לפי רש"י יש [שתי](https://example.org/a-b) יחידות')
    preview_caught_up(qtbot, window)
    assert window.words_label.text() == "5 מילים"  # the acronym is one word, the address none
    assert window.minutes_label.text() == "דקת קריאה אחת"


def test_search_as_you_type_and_status_filter(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    assert sorted(window.post_list.post_ids()) == [1, 2]
    type_into(qtbot, window.post_list.search, "ובדימונה")  # a prefix letter before the word
    qtbot.waitUntil(lambda: window.post_list.post_ids() == [1], timeout=5000)  # searched once typing pauses
    window.post_list.search.clear()
    window.post_list.status_filter.setCurrentIndex(window.post_list.status_filter.findData(Status.PUBLISHED))
    qtbot.waitUntil(lambda: window.post_list.post_ids() == [2], timeout=5000)


def test_each_post_shows_its_status_and_word_count(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    rows = window.post_list.row_texts()
    first = next(row for row in rows if row.startswith("מתמטיקה בדימונה"))
    assert "Draft" in first
    assert f"{hebrew_text.word_count(library.get_post(1).body)} word" in first


def test_sorted_by_publication_date_or_last_change(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.post_list.order.setCurrentIndex(window.post_list.order.findData("updated"))
    qtbot.waitUntil(lambda: not window.post_list.loading)  # the list is read again off the UI thread
    assert window.post_list.post_ids() == [2, 1]  # the post added last changed last
    library.save_post(library.get_post(1).copy(body="גוף חדש"))
    window.post_list.refresh()
    assert listed(qtbot, window) == [1, 2]


def test_posts_changed_elsewhere_follow_in_their_rows_as_a_re_read_would_show_them(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    for order in ("updated", "date"):
        window.post_list.order.setCurrentIndex(window.post_list.order.findData(order))
        listed(qtbot, window)
        library.save_post(library.get_post(2).copy(title=f"מרכז לילה, בסדר {order}"))  # as a sync stores it
        window.events.posts_changed(2)
        assert listed(qtbot, window) == [s.id for s in library.list_posts(order=order)]
        assert window.post_list.row_texts()[listed(qtbot, window).index(2)].startswith(f"מרכז לילה, בסדר {order}")
    assert window.controller.post_id == 1 and window.post_list.selected_id() == 1


def test_loading_the_sample_posts_fills_the_list(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.load_samples()
    assert len(listed(qtbot, window)) >= 40
    type_into(qtbot, window.post_list.search, "מתמטיקה")
    assert 1 in window.post_list.post_ids()


def test_status_moves_follow_the_workflow(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    problems = []
    window.controller.problem.connect(problems.append)
    window.details.statusRequested.emit(Status.PUBLISHED)  # a draft cannot be published directly
    assert library.get_post(1).status == Status.DRAFT
    assert problems and "אי אפשר" in problems[0]
    assert window.details.status.currentData() == Status.DRAFT
    window.details.statusRequested.emit(Status.IN_REVIEW)
    assert library.get_post(1).status == Status.IN_REVIEW
    assert window.details.status.currentData() == Status.IN_REVIEW


def test_tags_complete_from_the_library(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    completer = window.details.tags.completer()
    window.details.tags.setText("חינוך, רו")
    completer.setCompletionPrefix(completer.splitPath(window.details.tags.text())[0])
    assert completer.currentCompletion() == "חינוך, רווחה"  # the tag typed before the comma stays


def test_trash_restore_and_empty(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    posts = window.post_list
    posts.select(2)
    posts.delete_button.click()
    assert posts.post_ids() == [1], "the trashed post leaves the list at once"
    assert listed(qtbot, window) == [1]
    posts.trash_toggle.click()
    assert listed(qtbot, window) == [2]
    posts.select(2)
    posts.restore_button.click()
    assert posts.post_ids() == [] and listed(qtbot, window) == []
    posts.trash_toggle.click()
    assert sorted(listed(qtbot, window)) == [1, 2]
    posts.select(2)
    posts.delete_button.click()
    posts.trash_toggle.click()
    assert listed(qtbot, window) == [2]
    posts.empty_button.click()
    assert posts.post_ids() == [] and listed(qtbot, window) == []
    assert library.list_posts(trash=True) == []
    assert [p.id for p in library.list_posts()] == [1]


def test_trashing_the_open_post_keeps_its_last_words_and_opens_another(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.editor.insertPlainText("מילים אחרונות ")
    window.post_list.select(1)
    window.post_list.delete_button.click()
    assert "מילים אחרונות" in library.get_post(1).body
    assert window.controller.post_id == 2
    assert "המרכז פתוח" in window.editor.text()


def test_details_edits_reach_the_library_and_the_list(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.details.title.selectAll()
    type_into(qtbot, window.details.title, 'רש"י בנגב')
    window.details.tags.setText("חינוך, נתונים")
    window.autosaver.save_now()
    stored = library.get_post(1)
    assert stored.title == 'רש"י בנגב'
    assert stored.tags == ["חינוך", "נתונים"]
    assert any(text.startswith('רש"י בנגב') for text in window.post_list.row_texts())


def test_a_published_posts_address_cannot_be_edited(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=2)
    assert window.details.slug.isReadOnly()
    window.open_post(1)
    assert not window.details.slug.isReadOnly()


def test_render_warnings_are_listed_in_hebrew(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.editor.insertPlainText("\n\n![](ktav-image:" + "b" * 64 + ")")

    def warnings() -> list[str]:
        return [window.details.warnings.item(i).text() for i in range(window.details.warnings.count())]

    qtbot.waitUntil(lambda: any("טקסט חלופי" in warning for warning in warnings()), timeout=20_000)


def test_layout_and_last_post_are_remembered(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=2)
    window.resize(780, 560)  # within the offscreen screen (800x600): restoring clamps to the screen
    qtbot.waitUntil(lambda: window.width() == 780, timeout=2000)
    window.writing_splitter.setSizes([470, 290])
    sizes = window.writing_splitter.sizes()
    window.show_list_action.setChecked(False)
    window.close()
    again = open_window(qtbot, library, settings)
    qtbot.waitExposed(again)
    assert again.controller.post_id == 2
    share = sizes[0] / sum(sizes)  # the editor's share of the writing area comes back
    qtbot.waitUntil(lambda: abs(again.writing_splitter.sizes()[0] / sum(again.writing_splitter.sizes()) - share)
                    < 0.03, timeout=2000)
    assert again.size().width() == 780
    again.show_preview.setChecked(False)
    again.close()
    third = open_window(qtbot, library, settings)
    qtbot.waitExposed(third)
    assert third.preview_view.isHidden()


def test_editor_and_preview_can_each_be_hidden_but_not_both(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.show_preview.setChecked(False)
    window.show_editor.setChecked(False)
    assert window.preview_view.isHidden()
    assert not window.editor_box.isHidden()
    window.show_preview.setChecked(True)
    window.show_editor.setChecked(False)
    assert window.editor_box.isHidden() and not window.preview_view.isHidden()


def test_english_can_be_chosen_in_settings(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    assert settings.language() == "he"
    window.choose_language("en")
    assert settings.get(keys.LANGUAGE) == "en"


def _translations(ts_path) -> dict[tuple[str, str], str]:
    """(context, source) -> Hebrew, for the finished messages of a .ts file."""
    found = {}
    for context in ElementTree.parse(ts_path).iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()).strip()
            if translation.get("type") not in ("unfinished", "obsolete", "vanished") and text:
                found[(context.findtext("name") or "", message.findtext("source"))] = text
    return found


def test_every_interface_string_has_a_hebrew_translation(tmp_path):
    lupdate = shutil.which("pyside6-lupdate")
    if lupdate is None:
        pytest.skip("pyside6-lupdate is not installed")
    shipped = ROOT / "resources" / "translations" / "ktav_he.ts"
    scanned = tmp_path / "scanned.ts"
    sources = sorted(str(p) for p in (ROOT / "editor" / "ui").rglob("*.py"))
    assert len(sources) > 30, "the scan reaches every module of the interface"
    subprocess.run([lupdate, *sources, "-ts", str(scanned), "-locations", "none"], check=True, capture_output=True)
    translated = _translations(shipped)
    translated_sources = {source for _context, source in translated}
    untranslated = []
    for context in ElementTree.parse(scanned).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            # Without a context (a tr() helper lupdate cannot see through), any translation counts.
            if (name, source) not in translated and not (name == "" and source in translated_sources):
                untranslated.append(f"{name}: {source}")
    assert untranslated == []


def test_screenshot_of_a_post_from_the_command_line(tmp_path):
    library_with_posts(tmp_path / "shot.sqlite").close()
    target = tmp_path / "window.png"
    result = subprocess.run(
        [sys.executable, "main.py", "--db", str(tmp_path / "shot.sqlite"), "--open", "1",
         "--screenshot", str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    image = QImage(str(target))
    assert image.width() >= 1000 and image.height() >= 600


def test_moving_a_post_to_the_trash_shows_the_next_one_and_can_be_undone(qtbot, library, settings, hebrew):
    window = open_window(qtbot, library, settings, post_id=1)
    window.post_list.select(1)
    window.post_list.delete_button.click()
    assert library.get_post(1).in_trash
    assert window.controller.post_id == 2 and window.editor.text(), "the next post is shown, not a blank editor"
    assert window.undo_trash_button.isVisibleTo(window) and "הועבר לאשפה" in window.statusBar().currentMessage()
    window.undo_trash_button.click()
    assert not library.get_post(1).in_trash and window.controller.post_id == 1
    assert 1 in listed(qtbot, window) and not window.undo_trash_button.isVisibleTo(window)


def test_loading_the_samples_says_so_and_the_related_panel_suggests_at_once(qtbot, tmp_path, settings, hebrew):
    from editor.core.library.store import Library
    from editor.core.models import Post

    library = Library.open(tmp_path / "fresh.sqlite")
    library.add_post(Post(title="תלמידים במתמטיקה ביחידות מוגברות", body="תלמידים בפריפריה לומדים 5 יחידות מתמטיקה."))
    window = open_window(qtbot, library, settings, post_id=1)
    window.related_panel.refresh_now()
    qtbot.waitUntil(lambda: not window.related_panel.refresh_pending, timeout=10_000)
    assert window.related_panel.suggestion_list.count() == 0
    window.load_samples()
    assert "פוסטים לדוגמה" in window.statusBar().currentMessage()
    assert len(listed(qtbot, window)) == 49
    qtbot.waitUntil(lambda: window.related_panel.suggestion_list.count() > 0, timeout=20_000)
    window.close()
    library.close()


def test_the_open_post_is_marked_in_the_list_once_the_list_is_read(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)  # the post opens before its list is read
    assert window.post_list.selected_id() == 1
    window.post_list.refresh()
    assert listed(qtbot, window) and window.post_list.selected_id() == 1
