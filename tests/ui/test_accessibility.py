"""Every control of the desk has a Hebrew name a screen reader can say, and the desk works by keyboard."""

import re

import pytest
from desk_helpers import library_with_posts, open_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

INTERACTIVE = (QAbstractButton, QLineEdit, QTextEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QTabBar)
HEBREW = re.compile("[\u0590-\u05ff]")


def spoken_name(widget: QWidget) -> str:
    """What a screen reader says for `widget` (its accessible name, else its text or its label's)."""
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisibleTo(root):
            continue
        if type(widget).__name__ in ("QLineEdit",) and isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the line edit inside a combo box or a date field is spoken as the field itself
        name = spoken_name(widget)
        if not HEBREW.search(name):
            missing.append(f"{type(widget).__name__} {widget.objectName() or ''} {name!r}")
    return missing


@pytest.fixture
def window(qtbot, tmp_path, settings, hebrew):
    library = library_with_posts(tmp_path / "a11y.sqlite")
    desk = open_window(qtbot, library, settings, post_id=1)
    yield desk
    desk.close()
    library.close()


def test_every_visible_control_of_the_desk_has_a_hebrew_name(qtbot, window):
    assert unnamed_controls(window) == []


def test_every_side_tab_has_named_controls(qtbot, window):
    for index in range(window.side_tabs.count()):
        window.side_tabs.setCurrentIndex(index)
        assert unnamed_controls(window.side_tabs) == [], window.side_tabs.tabText(index)


def test_the_desk_works_by_keyboard_alone(qtbot, window):
    """Tab (Ctrl+Tab out of a text field that takes Tab) goes round every part of the desk."""
    window.activateWindow()
    window.details.title.setFocus()
    qtbot.waitUntil(window.details.title.hasFocus, timeout=5000)
    visited = []
    for _ in range(60):
        focused = QApplication.focusWidget()
        visited.append(focused)
        takes_tab = isinstance(focused, QTextEdit) and not focused.tabChangesFocus()
        QTest.keyClick(focused, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier if takes_tab else
                       Qt.KeyboardModifier.NoModifier)
    for part in (window.details.lead, window.details.slug, window.editor, window.post_list.search,
                 window.post_list.items):
        assert part in visited or any(part.isAncestorOf(w) for w in visited if w is not None), part
