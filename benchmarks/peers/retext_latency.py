"""ReText's keystroke handling, timed as benchmarks/editor_latency.py times Ktav's window.

ReText (PyQt6) runs offscreen in a process of its own (PyQt6 and PySide6 never share one), with its
live preview in its QTextBrowser variant (`useWebEngine` off) and its other settings as shipped, in
a settings folder of its own (the user's ReText settings are not read or touched):

    python benchmarks/peers/retext_latency.py WORDS [--keys 300]

opens a WORDS-word post (benchmarks/typing_post.py) as a file, waits for its first preview, types
the keys into the middle of it like Ktav's harness and prints one JSON line: {"times_ms": [...]}.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PREVIEW_DEADLINE_S = 120.0


def measure(words: int, keys: int, folder: Path) -> dict:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["XDG_CONFIG_HOME"] = str(folder / "config")  # ReText's QSettings live there
    os.environ["XDG_CACHE_HOME"] = str(folder / "cache")
    from PyQt6.QtCore import QEvent, QEventLoop, Qt, QTimer
    from PyQt6.QtGui import QKeyEvent, QTextCursor
    from PyQt6.QtWidgets import QApplication, QTextBrowser

    from benchmarks.typing_post import (
        KEYSTROKES,
        WARM_UP_KEYS,
        build_post,
        event_loop_pause,
        middle_line,
        type_keys,
        wait_until,
    )

    multiprocessing.set_start_method("spawn")  # as ReText's own main() does: its converter is a process
    app = QApplication([sys.argv[0]])
    import ReText
    from ReText import globalSettings

    globalSettings.defaultPreviewState = "live-preview"
    globalSettings.useWebEngine = False
    from ReText.window import ReTextWindow

    text = build_post(words)
    path = folder / "post.md"
    path.write_text(text, encoding="utf-8")
    window = ReTextWindow()
    window.resize(1400, 850)
    window.show()
    window.openFileWrapper(str(path))
    tab = window.currentTab
    editor, preview = tab.editBox, tab.previewBox

    def pump() -> None:
        app.processEvents()

    pump()
    if not isinstance(preview, QTextBrowser) or not preview.isVisible() or not editor.isVisible():
        raise SystemExit(f"ReText does not show its editor beside the QTextBrowser preview ({type(preview).__name__})")

    wait_until(pump, lambda: bool(preview.toPlainText().strip()), f"ReText's first preview of {words} words",
               PREVIEW_DEADLINE_S)
    block = editor.document().findBlockByNumber(middle_line(text))
    cursor = QTextCursor(block)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    editor.setFocus()
    pump()

    def send(char: str) -> None:
        key = Qt.Key.Key_Space if char == " " else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char))

    pause = event_loop_pause(QEventLoop, QTimer)
    type_keys(send, pause, WARM_UP_KEYS)
    times = type_keys(send, pause, keys or KEYSTROKES, start=WARM_UP_KEYS)
    typed = editor.document().findBlockByNumber(middle_line(text)).text()
    editor.document().setModified(False)  # nothing to save: closing asks no question
    window.close()
    pump()
    tab.converterProcess.stop()  # its converter process ends now, not in a finalizer at exit
    tab.converterProcess.child.join(10)
    return {"peer": f"ReText {ReText.app_version}", "words": words, "times_ms": times, "line_end": typed[-40:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("words", type=int)
    parser.add_argument("--keys", type=int, default=0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        print(json.dumps(measure(args.words, args.keys, Path(folder)), ensure_ascii=False), flush=True)
    sys.stderr.flush()
    os._exit(0)  # the converter is stopped: ReText's exit-time finalizer would write to its closed socket


if __name__ == "__main__":
    sys.exit(main())
