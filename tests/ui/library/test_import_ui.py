"""Importing files from the window: Markdown posts join the list, a clash asks what to do, a bad file adds nothing."""

import pytest
import shiboken6
from desk_helpers import caught_up, library_with_posts, open_window
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from editor.core.importing.into_library import OnConflict
from editor.core.review import workflow as review
from editor.ui.library import import_actions
from editor.ui.preview import live as preview

preview.register_schemes()  # at collection, before pytest-qt creates the QApplication


@pytest.fixture
def library(tmp_path):
    library = library_with_posts(tmp_path / "library.sqlite")
    review.set_user_name(library, "נועה הכותבת")
    yield library
    from editor.ui.desk.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():  # before the library closes: the preview may read it
        if isinstance(widget, MainWindow):
            widget.close()
            shiboken6.delete(widget)
    library.close()


def markdown(folder, name: str, title: str, body: str, slug: str = "") -> str:
    path = folder / name
    front = f"title: {title}\n" + (f"slug: {slug}\n" if slug else "")
    path.write_text(f"---\n{front}lead: פתיח קצר\ndate: 2024-05-01\n---\n{body}\n", encoding="utf-8")
    return str(path)


def pick(monkeypatch, paths: list[str]) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: (paths, ""))


def list_titles(window) -> list[str]:
    return window.post_list.titles()


def warnings_shown(monkeypatch) -> list[str]:
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *rest: shown.append(text))
    return shown


def test_importing_two_markdown_files_adds_two_posts_to_the_list(qtbot, monkeypatch, tmp_path, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    pick(monkeypatch, [markdown(tmp_path, "a.md", "תלמידי רש\"י בנגב", "שיעור על רש\"י ב-4-5 קבוצות."),
                       markdown(tmp_path, "b.md", "Open data בעברית", "נתונים פתוחים, open data, לכולם.")])
    window.publish.import_action.trigger()
    qtbot.waitUntil(lambda: "תלמידי רש\"י בנגב" in list_titles(window))
    assert "Open data בעברית" in list_titles(window)
    assert len(library.list_posts()) == 4
    assert window.statusBar().currentMessage().startswith("Imported: 2 added, 0 updated, 0 skipped")


def test_a_clash_asks_what_to_do_and_update_updates_the_stored_post(qtbot, hebrew, monkeypatch, tmp_path, library,
                                                                   settings):
    window = open_window(qtbot, library, settings, post_id=1)
    stored = library.get_post(1)
    pick(monkeypatch, [markdown(tmp_path, "again.md", stored.title, "גרסה מעודכנת: 5 יחידות לכולם.", stored.slug)])
    asked = []
    monkeypatch.setattr(import_actions, "ask_conflict_policy",
                        lambda parent, message: asked.append(message) or OnConflict.UPDATE)
    window.publish.import_action.trigger()
    assert len(asked) == 1 and stored.slug in asked[0] and "כבר נמצאים בספרייה" in asked[0]
    assert library.get_post(1).body.startswith("גרסה מעודכנת")
    assert len(library.list_posts()) == 2
    caught_up(qtbot, window)
    assert "גרסה מעודכנת" in window.editor.text()  # the open post shows what was imported into it
    assert "עודכנו 1" in window.statusBar().currentMessage()


def test_cancelling_the_clash_question_imports_nothing(qtbot, monkeypatch, tmp_path, library, settings):
    window = open_window(qtbot, library, settings, post_id=1)
    stored = library.get_post(1)
    pick(monkeypatch, [markdown(tmp_path, "new.md", "פוסט חדש", "טקסט."),
                       markdown(tmp_path, "again.md", stored.title, "אחר.", stored.slug)])
    monkeypatch.setattr(import_actions, "ask_conflict_policy", lambda parent, message: None)
    window.publish.import_action.trigger()
    assert len(library.list_posts()) == 2 and library.get_post(1).body == stored.body


def test_a_file_that_is_not_utf8_shows_a_hebrew_error_and_adds_nothing(qtbot, hebrew, monkeypatch, tmp_path, library,
                                                                       settings):
    window = open_window(qtbot, library, settings, post_id=1)
    legacy = tmp_path / "ישן.md"
    legacy.write_bytes("---\ntitle: כותרת ישנה\n---\nטקסט בקידוד ישן\n".encode("cp1255"))
    pick(monkeypatch, [markdown(tmp_path, "good.md", "פוסט תקין", "טקסט."), str(legacy)])
    shown = warnings_shown(monkeypatch)
    window.publish.import_action.trigger()
    assert len(shown) == 1 and "ישן.md" in shown[0] and "לא יובא" in shown[0]
    assert len(library.list_posts()) == 2
    assert "פוסט תקין" not in list_titles(window)


def test_the_clash_question_offers_skip_update_copy_and_cancel_in_hebrew(qtbot, hebrew, monkeypatch):
    offered = []

    def click_update(box):
        offered.extend(button.text() for button in box.buttons())
        next(button for button in box.buttons() if button.text() == "עדכן").click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_update)
    assert import_actions.ask_conflict_policy(None, "פוסטים עם אותה כתובת כבר נמצאים בספרייה") == OnConflict.UPDATE
    assert sorted(offered) == sorted(["דלג", "עדכן", "העתק", "ביטול"])
