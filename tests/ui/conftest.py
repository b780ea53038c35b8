"""Fixtures of the window tests: a settings store in the test's folder, the Hebrew interface."""

import pytest
import shiboken6
from desk_helpers import library_with_posts, settings_in
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from editor.ui.desk.i18n import install_language, remove_language
from editor.ui.preview.live import register_schemes
from editor.ui.publish.cms_copy import keep_clipboard_as_text

register_schemes()  # Chromium's ktav-image: scheme, before pytest-qt creates the QApplication


@pytest.fixture(autouse=True)
def delete_windows(qapp):
    """Delete the windows a test opened (pytest-qt only closes them): their Chromium pages
    must go before the application's web engine shuts down."""
    yield
    from editor.ui.desk.main_window import MainWindow

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow):
            widget.close()
            shiboken6.delete(widget)


@pytest.fixture(autouse=True)
def plain_clipboard_after_each_test(qapp):
    """A QMimeData left on the clipboard crashes PySide6 at exit; the app does the same on quit."""
    yield
    keep_clipboard_as_text(qapp.clipboard())


@pytest.fixture
def library(tmp_path):
    """A library with two Hebrew posts (a test file with its own needs defines its own)."""
    library = library_with_posts(tmp_path / "library.sqlite")
    yield library
    library.close()


@pytest.fixture
def settings(tmp_path):
    return settings_in(tmp_path)


@pytest.fixture
def hebrew(qapp):
    """The interface in Hebrew (mirrored) for one test."""
    translator = install_language(qapp, "he")
    yield
    remove_language(translator)
    qapp.setLayoutDirection(Qt.LeftToRight)
