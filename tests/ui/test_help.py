"""The Help menu: F1 opens the shortcuts sheet, a Hebrew guide to the desk, About with version and library."""

import pytest
from desk_helpers import library_with_posts, open_window
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor import __version__


@pytest.fixture
def window(qtbot, tmp_path, settings, hebrew):
    library = library_with_posts(tmp_path / "help.sqlite")
    desk = open_window(qtbot, library, settings, post_id=1)
    desk.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk, timeout=5000)
    yield desk
    desk.close()
    library.close()


def test_f1_opens_the_shortcuts_sheet_in_hebrew_with_the_windows_own_shortcuts(qtbot, window):
    QTest.keyClick(window.editor, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "help_dialog", None) is not None and window.help_dialog.isVisible())
    sheet = window.help_dialog.page.toPlainText()
    assert window.help_dialog.windowTitle() == "קיצורי מקלדת"
    for keys, words in [("Ctrl+B", "מודגש"), ("Ctrl+S", "שמירה"), ("Ctrl+E", "ייצוא"), ("Enter, Enter", "פסקה חדשה")]:
        assert keys in sheet and words in sheet, (keys, words)


def test_the_guide_and_about(qtbot, window):
    help_menu = [a.menu() for a in window.menuBar().actions() if a.text() == "&עזרה"][0]
    texts = [a.text() for a in help_menu.actions()]
    help_menu.actions()[texts.index("מדריך קצר לשולחן הכתיבה")].trigger()
    assert "פסקה חדשה" in window.help_dialog.page.toPlainText()
    help_menu.actions()[texts.index("אודות כתב")].trigger()
    about = window.help_dialog.page.toPlainText()
    assert __version__ in about and str(window.library.path) in about
