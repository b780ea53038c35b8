"""Publishing from the window: the pre-publish check, export off the UI thread, copy for the CMS, site settings."""

import re

import pytest
import shiboken6
from desk_helpers import caught_up, library_with_posts, open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog

from editor.core.export.site import load_site_settings
from editor.core.models import Post, Status
from editor.core.review import workflow as review
from editor.ui.preview import live as preview
from editor.ui.publish.cms_copy import keep_clipboard_as_text
from editor.ui.publish.export_dialog import ERROR_COLOR, EXPORT_FOLDER, WARNING_COLOR

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication

MISSING_IMAGE = "ktav-image:" + "ab" * 32


@pytest.fixture
def library(tmp_path):
    library = library_with_posts(tmp_path / "library.sqlite")
    review.set_user_name(library, "נועה הכותבת")
    yield library
    delete_windows_now()  # before the library closes: a preview may still be asking it for an image
    library.close()


def delete_windows_now() -> None:
    from editor.ui.desk.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            shiboken6.delete(widget)


def choose_folder(monkeypatch, dialog, folder):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    dialog.choose_folder()


def findings_shown(dialog) -> list[str]:
    return [dialog.findings_list.item(i).text() for i in range(dialog.findings_list.count())]


def test_the_check_warns_in_hebrew_about_a_post_without_a_lead(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=2)  # "מרכז לילה לנערות" has no lead
    dialog = window.publish.open_export()
    assert "no-lead" in [f.code for f in dialog.findings]
    assert dialog.layoutDirection() == Qt.RightToLeft
    shown = findings_shown(dialog)
    warning = next(text for text in shown if "פתיח" in text)
    assert warning.startswith("אזהרה")
    item = dialog.findings_list.item(shown.index(warning))
    assert item.foreground().color() == WARNING_COLOR
    assert dialog.export_button.text() == "ייצוא"
    assert dialog.force_box.text() == "ייצוא בכל זאת"


def test_exporting_a_valid_post_writes_its_page_in_the_chosen_folder(qtbot, monkeypatch, tmp_path, library, settings):
    opened = []
    window = open_window(qtbot, library, settings, post_id=1, opened=opened)
    dialog = window.publish.open_export()
    assert not dialog.has_errors()
    choose_folder(monkeypatch, dialog, tmp_path / "אתר")
    with qtbot.waitSignal(dialog.exported, timeout=10000) as exported:
        dialog.export_button.click()
    slug = library.get_post(1).slug
    page = (tmp_path / "אתר" / slug / "index.html").read_text(encoding="utf-8")
    assert "מתמטיקה בדימונה" in page and "4-5 יחידות" in page
    assert not dialog.busy.isVisible() and dialog.open_button.isVisible()
    assert str(len(exported.args[0].written)) in dialog.summary.text()
    dialog.open_button.click()
    assert [url.toLocalFile() for url in opened] == [str(tmp_path / "אתר")]
    assert settings.get(EXPORT_FOLDER) == str(tmp_path / "אתר")
    assert window.publish.open_export().folder_field.text() == str(tmp_path / "אתר")  # remembered


def test_the_open_posts_unsaved_words_are_saved_before_the_check(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.editor.set_text("![](" + MISSING_IMAGE + ")\n\nפסקה חדשה על רש\"י")
    window.controller.on_text_edited()
    dialog = window.publish.open_export()
    assert "רש\"י" in library.get_post(1).body
    assert "image-missing" in [f.code for f in dialog.findings]


def test_a_post_with_a_missing_image_is_blocked_until_forced(qtbot, monkeypatch, tmp_path, library, settings):
    post = library.add_post(Post(title="תמונה שאבדה", lead="פתיח", status=Status.APPROVED,
                                 body="פסקה ראשונה.\n\n![גרף](" + MISSING_IMAGE + ")\n"))
    window = open_window(qtbot, library, settings, post_id=post.id)
    dialog = window.publish.open_export()
    error = next(i for i in range(dialog.findings_list.count())
                 if dialog.findings_list.item(i).foreground().color() == ERROR_COLOR)
    assert dialog.findings_list.item(error).data(Qt.ItemDataRole.UserRole) == 3  # the image's line
    choose_folder(monkeypatch, dialog, tmp_path / "out")
    assert not dialog.export_button.isEnabled()
    dialog.all_button.setChecked(True)  # the batch is checked by the core: blocked, nothing written
    with qtbot.waitSignal(dialog.failed, timeout=10000):
        dialog.export_button.click()
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").rglob("*.html"))
    assert any("תמונה שאבדה" in text for text in findings_shown(dialog))
    dialog.force_box.setChecked(True)
    with qtbot.waitSignal(dialog.exported, timeout=10000):
        dialog.export_button.click()
    assert (tmp_path / "out" / post.slug / "index.html").exists()
    assert (tmp_path / "out" / "index.html").exists()


def test_double_clicking_a_finding_moves_the_cursor_to_its_line(qtbot, library, settings):
    post = library.add_post(Post(title="קפיצה", lead="פתיח", body="פתיחה קצרה.\n\n#### כותרת קטנה מדי\n\nסוף."))
    window = open_window(qtbot, library, settings, post_id=post.id)
    dialog = window.publish.open_export()
    row = next(i for i, f in enumerate(dialog.findings) if f.code == "heading-skip")
    item = dialog.findings_list.item(row)
    dialog.findings_list.itemDoubleClicked.emit(item)
    assert window.editor.textCursor().blockNumber() == dialog.findings[row].line - 1 == 2


def test_copy_for_the_cms_puts_the_fragment_on_the_clipboard(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    window.publish.copy_action.trigger()  # rendered off the UI thread, then put on the clipboard
    qtbot.waitUntil(lambda: "הועתק" in window.statusBar().currentMessage(), timeout=10000)
    data = QGuiApplication.clipboard().mimeData()
    assert "מתמטיקה בדימונה" in data.html() and "ktav-post" in data.html()
    assert not re.search(r"<(html|head|body)[\s>]", data.html())
    assert data.text() == data.html()
    assert "מערכת האתר" in window.statusBar().currentMessage() and "הועתק" in window.statusBar().currentMessage()
    fragment = data.text()
    keep_clipboard_as_text()  # what the app does on quit
    assert QGuiApplication.clipboard().text() == fragment and not QGuiApplication.clipboard().mimeData().hasHtml()


def test_site_settings_are_saved_and_an_invalid_one_is_refused(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    dialog = window.publish.edit_site_settings()
    assert dialog.layoutDirection() == Qt.RightToLeft
    dialog.fields["site_name"].setText("הבלוג של הקרן")
    dialog.fields["css_mode"].setCurrentIndex(dialog.fields["css_mode"].findData("linked"))
    assert dialog.save()
    stored = load_site_settings(library)
    assert (stored.site_name, stored.css_mode) == ("הבלוג של הקרן", "linked")

    dialog = window.publish.edit_site_settings()
    assert dialog.fields["site_name"].text() == "הבלוג של הקרן"
    dialog.fields["site_name"].setText("שם אחר")
    dialog.fields["post_url_pattern"].setText("{blog}/posts/")
    assert not dialog.save()
    assert dialog.error_label.isVisible() and "{slug}" in dialog.error_label.text()
    assert "תבנית כתובת פוסט" in dialog.error_label.text()
    assert load_site_settings(library).site_name == "הבלוג של הקרן"  # nothing was saved


def test_saved_site_settings_reach_the_preview_at_once(qtbot, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    dialog = window.publish.edit_site_settings()
    dialog.fields["back_link_text"].setText("< לכל הפוסטים של הקרן")
    with qtbot.waitSignal(window.preview.resultReady, timeout=10000,
                          check_params_cb=lambda result: "לכל הפוסטים של הקרן" in result.page_html):
        assert dialog.save()


def test_the_menus_offer_export_copy_import_and_site_settings_in_hebrew(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    menus = {action.text().replace("&", ""): action.menu() for action in window.menuBar().actions()}
    file_entries = [action.text().replace("&", "") for action in menus["קובץ"].actions()]
    assert {"ייצוא…", "העתקה למערכת האתר", "ייבוא קבצים…"} <= set(file_entries)
    assert "הגדרות האתר…" in [action.text() for action in menus["הגדרות"].actions()]
    assert window.publish.export_action.shortcut().toString() == "Ctrl+E"
    assert window.publish.copy_action.shortcut().toString() == "Ctrl+Shift+C"


def test_a_folder_that_cannot_be_written_shows_the_hebrew_reason(qtbot, tmp_path, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    dialog = window.publish.open_export()
    blocker = tmp_path / "קובץ.txt"
    blocker.write_text("לא תיקייה", encoding="utf-8")
    dialog.folder_field.setText(str(blocker / "אתר"))
    with qtbot.waitSignal(dialog.failed, timeout=10000) as failed:
        dialog.export_button.click()
    assert "לא ניתן לכתוב" in failed.args[0] and dialog.summary.text() == failed.args[0]
    assert not dialog.open_button.isVisible() and dialog.export_button.isEnabled()
    assert blocker.read_text(encoding="utf-8") == "לא תיקייה"


def test_a_post_too_deep_to_render_is_named_and_the_others_are_exported(qtbot, monkeypatch, tmp_path, hebrew,
                                                                        library, settings):
    library.add_post(Post(title="רשימה עמוקה", body="- " * 10_000, status=Status.PUBLISHED))
    window = open_window(qtbot, library, settings, post_id=2)
    dialog = window.publish.open_export()
    dialog.all_button.setChecked(True)
    dialog.force_box.setChecked(True)
    choose_folder(monkeypatch, dialog, tmp_path / "site")
    with qtbot.waitSignal(dialog.failed, timeout=20000) as failed:
        dialog.export_button.click()
    message = failed.args[0]
    assert "רשימה עמוקה" in message and "פוסט אחד לא יוצא" in message
    assert "נכתבו" in message or "written" in message, "it says what was written too"
    slug = library.get_post(2).slug
    assert (tmp_path / "site" / slug / "index.html").exists()


def test_the_posts_web_images_are_brought_into_the_library_from_the_file_menu(qtbot, hebrew, library, settings):
    import http.server
    import threading

    from export_helpers import png

    picture = png(8, 6)

    class Site(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(picture)))
            self.end_headers()
            self.wfile.write(picture)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        address = f"http://127.0.0.1:{server.server_address[1]}/chart.png"
        post = library.add_post(Post(title="עם תמונה מהרשת", body=f"פסקה.\n\n![תרשים]({address})\n"))
        window = open_window(qtbot, library, settings, post_id=post.id)
        with qtbot.waitSignal(window.events.libraryChanged, timeout=20000):
            window.publish.fetch_images_action.trigger()
        caught_up(qtbot, window)
        assert "ktav-image:" in window.editor.text() and address not in window.editor.text()
        assert "נשמרה בספרייה" in window.statusBar().currentMessage()
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_a_read_only_folder_is_said_in_hebrew_words_with_the_path_kept_whole(qtbot, tmp_path, read_only_view,
                                                                              library, settings):
    site = tmp_path / "site"
    site.mkdir()
    read_only = read_only_view(site)
    window = open_window(qtbot, library, settings, post_id=1)
    dialog = window.publish.open_export()
    dialog.folder_field.setText(str(read_only))
    with qtbot.waitSignal(dialog.failed, timeout=10000) as failed:
        dialog.export_button.click()
    message = failed.args[0]
    assert message.startswith("לא ניתן לכתוב אל \u2068") and f"\u2068{read_only}" in message
    assert "הדיסק לקריאה בלבד" in message, "the system's reason in Hebrew words"
    assert "Read-only" not in message and "הקובץ הקודם" not in message, "nothing untrue, nothing in English"


def test_exporting_one_page_alone_warns_that_its_links_need_the_whole_blog(qtbot, hebrew, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    dialog = window.publish.open_export()
    dialog.this_post_button.setChecked(True)
    dialog.page_button.setChecked(True)
    assert dialog.single_page_note.isVisibleTo(dialog) and "כל הבלוג" in dialog.single_page_note.text()
    dialog.all_button.setChecked(True)
    assert not dialog.single_page_note.isVisibleTo(dialog)
    dialog.this_post_button.setChecked(True)
    dialog.fragment_button.setChecked(True)  # a fragment goes into the site's own page: nothing to warn about
    assert not dialog.single_page_note.isVisibleTo(dialog)
