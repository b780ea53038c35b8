"""In the Hebrew interface no button, label or menu item of a dialog speaks English (Qt's own included)."""

import re
from pathlib import Path

import pytest
from desk_helpers import library_with_posts, open_window
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
)

from editor.ui.writing.image_dialog import ImageDialog

LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
ISOLATED = re.compile("[\u2066\u2068][^\u2069]*\u2069")  # a file name, a path, a pattern: data, not words
ALLOWED = {"Ktav", "png", "jpg", "jpeg", "gif", "webp", "ktav", "html", "docx", "markdown", "mdown", "txt", "htm",
           "Ctrl", "Shift", "Alt", "slug", "English", "https", "site", "css", "assets", "www"}


def latin_words(widget) -> list[str]:
    """English words in the texts a reader sees in `widget` (buttons, labels, combo boxes, menus)."""
    texts = [b.text() for b in widget.findChildren(QAbstractButton)]
    texts += [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    for combo in widget.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    texts += [action.text() for action in getattr(widget, "actions", lambda: [])()]
    words = [w for text in texts for w in LATIN_WORD.findall(ISOLATED.sub("", re.sub(r"<[^>]+>|\*\.\w+|&", "", text)))]
    return [w for w in words if w not in ALLOWED]


def inspect_next_modal(qtbot, found: list, then=lambda dialog: dialog.reject()) -> None:
    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, look)
            return
        found.append(latin_words(dialog))
        then(dialog)

    QTimer.singleShot(0, look)


@pytest.fixture
def window(qtbot, tmp_path, settings, hebrew):
    library = library_with_posts(tmp_path / "he.sqlite")
    desk = open_window(qtbot, library, settings, post_id=1)
    yield desk
    desk.close()
    library.close()


def test_a_question_box_has_hebrew_buttons(qtbot, window):
    found = []
    inspect_next_modal(qtbot, found)
    window._ask("למחוק?")
    assert found == [[]]


def test_qts_file_dialog_speaks_hebrew(qtbot, window):
    found = []
    inspect_next_modal(qtbot, found)
    QFileDialog.getOpenFileName(window, "בחירת קובץ", "", "תמונות (*.png)",
                                options=QFileDialog.Option.DontUseNativeDialog)
    folder_words = set(LATIN_WORD.findall(" ".join(Path.cwd().parts).replace("-", " ").replace("_", " ")))
    assert [w for w in found[0] if w not in folder_words] == [], found  # the folder's own name aside


def test_the_name_prompt_speaks_hebrew(qtbot, window):
    found = []
    inspect_next_modal(qtbot, found)
    QInputDialog.getText(window, "השם שלך", "השם שלך:")
    assert found == [[]], found


def test_the_picture_dialog_speaks_hebrew(qtbot, window):
    dialog = ImageDialog("photo.png", window)
    dialog.show()
    assert latin_words(dialog) == []


def test_the_export_and_site_settings_dialogs_speak_hebrew(qtbot, window):
    export = window.publish.open_export()
    assert latin_words(export) == []
    site = window.publish.edit_site_settings()
    assert latin_words(site) == []


def test_the_editors_context_menu_speaks_hebrew(qtbot, window):
    menu = window.editor.context_menu(window.editor.rect().center())
    assert [a.text() for a in menu.actions() if LATIN_WORD.search(a.text().split("\t")[0])] == []
    menu.deleteLater()


def test_every_menu_of_the_window_speaks_hebrew(qtbot, window):
    english = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        for action in menu.actions():
            text = action.text().replace("&", "").split("\t")[0]
            english += [w for w in LATIN_WORD.findall(text) if w not in ALLOWED]
    assert english == []
