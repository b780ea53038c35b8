"""Shared pieces of the window tests: a temporary library, settings store and window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from editor.core.library.store import Library
from editor.core.models import Post, Status
from editor.ui.settings_store import SettingsStore


def settings_in(folder: Path) -> SettingsStore:
    return SettingsStore(QSettings(str(folder / "ktav-test.ini"), QSettings.IniFormat))


def library_with_posts(path: Path) -> Library:
    library = Library.open(path)
    library.add_post(Post(title="מתמטיקה בדימונה", lead="חמש יחידות בנגב",
                          body="בבית הספר בדימונה לומדים 4-5 יחידות מתמטיקה.", tags=["חינוך"]))
    library.add_post(Post(title="מרכז לילה לנערות", body="המרכז פתוח בלילות, with English words too.",
                          status=Status.PUBLISHED, tags=["רווחה"]))
    return library


def open_window(qtbot, library: Library, settings: SettingsStore, *, confirm=None, opened=None,
                post_id: int | None = None, render=None, spelling_places=None, related_elsewhere=False):
    from editor.ui.desk.main_window import MainWindow

    window = MainWindow(library, settings, open_external=(opened.append if opened is not None else print),
                        confirm=confirm or (lambda question: True), render=render,
                        spelling_places=spelling_places, related_elsewhere=related_elsewhere)
    qtbot.addWidget(window)
    window.open_first_post(post_id)
    window.show()
    listed(qtbot, window)
    return window


def listed(qtbot, window) -> list[int]:
    """The post list's ids once it has been read (it is read off the UI thread: at start, after an
    import, a sync or a move to or from the trash)."""
    qtbot.waitUntil(lambda: not window.catch_up.pending and not window.post_list.loading, timeout=10_000)
    return window.post_list.post_ids()


def caught_up(qtbot, window, timeout: int = 10_000) -> None:
    """Wait until the views have followed the last library change (a sync, a restore, an import): they
    catch up one step a turn of the event loop."""
    qtbot.waitUntil(lambda: not window.catch_up.pending, timeout=timeout)


def type_into(qtbot, widget, text: str) -> None:
    """Type key by key as a Hebrew keyboard sends it (QTest.keyClicks knows only ASCII)."""
    widget.setFocus()
    for char in text:
        key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))


def press(widget, key: Qt.Key, modifiers=Qt.KeyboardModifier.NoModifier, times: int = 1) -> None:
    """Press and release a key (Enter, Tab, an arrow, Backspace…) as the keyboard sends it."""
    text = {Qt.Key.Key_Return: "\r", Qt.Key.Key_Enter: "\r", Qt.Key.Key_Tab: "\t",
            Qt.Key.Key_Backspace: "\b", Qt.Key.Key_Delete: "\x7f"}.get(key, "")
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        text = ""
    for _ in range(times):
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, key, modifiers, text))


def preview_caught_up(qtbot, window, timeout: int = 20_000) -> None:
    """Wait until the preview shows the editor's newest text: the keys just typed are taken (once the
    event loop turns), nothing waits for its debounce or its render, and the page shown is of the
    newest request (an older render that lands while typing is still going on does not count; one
    that landed before this call does)."""
    preview = window.preview
    qtbot.waitUntil(lambda: not window.controller.edits_pending and not preview.waiting
                    and preview.shown_generation == preview.latest_generation, timeout=timeout)


def move_to_end(editor) -> None:
    """Put the editor's caret at the end of its text."""
    editor.moveCursor(QTextCursor.MoveOperation.End)


def answer_next_dialog(qtbot, *fields: str) -> list:
    """When the next modal dialog opens, type `fields` into it (Tab between them) and press Enter."""
    answered = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, answer)
            return
        for index, text in enumerate(fields):
            if index:
                QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
            type_into(qtbot, dialog.focusWidget(), text)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        answered.append(dialog.windowTitle())

    QTimer.singleShot(0, answer)
    return answered


def underlined(block) -> list[str]:
    """The words a text block draws with the spell check's red wavy line, characters put back together."""
    text, marked = block.text(), set()
    for r in block.layout().formats():
        if r.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline:
            marked.update(range(r.start, r.start + r.length))
    words, current = [], ""
    for index, char in enumerate(text + " "):
        if index in marked:
            current += char
        elif current:
            words.append(current)
            current = ""
    return words
