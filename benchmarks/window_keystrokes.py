"""Ktav's keystroke handling in its whole window, timed key by key (run by benchmarks/editor_latency.py).

The product's own MainWindow on a temporary library holding a 2,000-word and a 20,000-word post
(benchmarks/typing_post.py), the preview rendered in its own process as the app does, the spell
check as shipped (on, with the system's he_IL dictionary when there is one). Run in a process of its own:

    QT_QPA_PLATFORM=offscreen python benchmarks/window_keystrokes.py WORDS [--keys 300]

waits (each wait with a deadline) for the post list, the first preview and the spell check of the
whole post, types into the middle of the post and prints one JSON line: {"times_ms": [...]}.
Each key's time is its press and release sent to `window.editor`: the insertion and everything
Qt and the desk do for it synchronously (highlighter, block direction, link chips, spell check,
the controller, autosave and preview bookkeeping, the cursor's handlers).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.typing_post import (
    KEYSTROKES,
    SIZES,
    WARM_UP_KEYS,
    build_post,
    event_loop_pause,
    middle_line,
    type_keys,
    wait_until,
)

DEADLINE_S = 120.0


def open_window(app, folder: Path, words: int, render):
    """The window on a new library in `folder`, open on the post of `words` words, settled."""
    from PySide6.QtCore import QSettings

    from editor.core.library.store import Library
    from editor.core.models import Post
    from editor.core.spelling import SpellingPlaces
    from editor.core.spelling.places import system_folders
    from editor.ui.desk.main_window import MainWindow
    from editor.ui.settings_store import SettingsStore

    library = Library.open(folder / "bench.sqlite")
    ids = {size: library.add_post(Post(title=f"פוסט של {size:,} מילים", body=build_post(size))).id for size in SIZES}
    if words not in ids:
        ids[words] = library.add_post(Post(title="פוסט למדידה", body=build_post(words))).id
    settings = SettingsStore(QSettings(str(folder / "bench.ini"), QSettings.Format.IniFormat))
    places = SpellingPlaces(folder / "data", tuple(system_folders()))  # the writer's own words: a new folder
    window = MainWindow(library, settings, confirm=lambda question: True, render=render, spelling_places=places,
                        related_elsewhere=True)
    spelling = {"ready": False, "checked": False}
    window.spelling.ready.connect(lambda _checker: spelling.update(ready=True, checked=False))
    window.editor.spelling.allChecked.connect(lambda: spelling.update(checked=spelling["ready"]))
    rendered: list[int] = []
    window.preview.rendered.connect(rendered.append)
    window.open_first_post(ids[words])
    window.show()

    def pump() -> None:
        app.processEvents()

    wait_until(pump, lambda: not window.post_list.loading, "the post list to fill", DEADLINE_S)
    wait_until(pump, lambda: bool(rendered) and not window.preview.waiting, f"the first preview of {words:,} words",
               DEADLINE_S)
    wait_until(pump, lambda: spelling["ready"], "the spelling dictionaries to load", DEADLINE_S)
    if window.spelling.checker is not None:
        wait_until(pump, lambda: spelling["checked"], f"the spell check of {words:,} words", DEADLINE_S)
    return window, library


def measure(words: int, keys: int, folder: Path) -> dict:
    from PySide6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PySide6.QtGui import QKeyEvent, QTextCursor
    from PySide6.QtWidgets import QApplication

    from editor.core.child_process import RenderProcess
    from editor.ui.desk.launch import prepare_chromium

    prepare_chromium()  # before the QApplication: Chromium's flags and the preview's image scheme
    app = QApplication([sys.argv[0]])
    renderer = RenderProcess()
    window, library = open_window(app, folder, words, renderer)
    editor = window.editor
    text = editor.text()
    block = editor.document().findBlockByNumber(middle_line(text))
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus()
    app.processEvents()

    def send(char: str) -> None:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))

    pause = event_loop_pause(QEventLoop, QTimer)
    type_keys(send, pause, WARM_UP_KEYS)
    times = type_keys(send, pause, keys or KEYSTROKES, start=WARM_UP_KEYS)
    typed = editor.document().findBlockByNumber(middle_line(text)).text()
    spelling = "on" if window.spelling.checker is not None and window.spelling.toggle_action.isChecked() else "off"
    window.close()  # saves the post; the window's background jobs finish before it closes
    window.deleteLater()  # before the application: Chromium's page goes before its profile
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    renderer.close()
    library.close()
    return {"peer": "Ktav", "words": words, "times_ms": times, "line_end": typed[-40:], "spelling": spelling}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", type=int)
    parser.add_argument("--keys", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        figures = measure(args.words, args.keys, Path(folder))
    print(json.dumps(figures, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
