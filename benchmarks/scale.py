"""Prints how the desk feels as the library grows: 1,000 and 10,000 posts.

For each size: window start-up to a usable editor (a fresh process, the product's own window),
the UI thread's longest pause around an autosave of the open post (the newest: 20,000 words), how
long the related index takes to catch up with that save, and the post list's refresh and search
times.

    QT_QPA_PLATFORM=offscreen python benchmarks/scale.py [--sizes 1000,10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from heartbeat import Heartbeat
from related_speed import generate_posts

from editor.core.library.store import Library
from editor.core.models import Post

GOAL_START_S = 1.5
GOAL_PAUSE_MS = 16.0


LONG_POST_WORDS = 20_000  # the newest post, the one the window opens: the "20,000 words"


def build_library(path: Path, count: int) -> None:
    posts = generate_posts(count)
    with Library.open(path) as library, library.transaction():
        for post in posts:
            post.id = None
            library.add_post(post)
        paragraphs, words = [], 0
        while words < LONG_POST_WORDS:  # the corpus's sentences again, paragraph by paragraph
            paragraph = posts[len(paragraphs) % len(posts)].body
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        library.add_post(Post(title="פוסט ארוך במיוחד", body="\n\n".join(paragraphs), date=dt.date(2030, 1, 1)))


def measure_in_window(db: Path) -> dict:
    """Run in a child process: the window on `db`, then each measurement; prints one JSON line."""
    started = time.perf_counter()
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from editor.ui.desk.launch import prepare_chromium

    prepare_chromium()
    app = QApplication(sys.argv[:1])
    from editor.ui.desk.main_window import MainWindow
    from editor.ui.settings_store import SettingsStore

    library = Library.open(db, check_integrity=False)  # as the window opens it (the check runs off its thread)
    settings = SettingsStore(QSettings(str(db.with_suffix(".ini")), QSettings.IniFormat))
    window = MainWindow(library, settings, related_elsewhere=True)  # as `ktav` starts it
    window.open_first_post()
    window.show()
    window.check_library()
    app.processEvents()
    figures = {"start_s": time.perf_counter() - started}

    heartbeat = Heartbeat()

    def measure() -> None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QKeyEvent

        # The pause is measured once the desk has settled: the list filled, the related index built
        # (both run off the UI thread at start-up, and would share the interpreter with the save).
        settle = time.perf_counter() + 60
        while window.post_list.loading and time.perf_counter() < settle:
            app.processEvents()
        window.related.suggestions(window.controller.session.post, 8)
        quiet = time.perf_counter() + 1.0
        while time.perf_counter() < quiet:
            app.processEvents()
        editor = window.editor
        editor.setFocus()
        editor.moveCursor(editor.textCursor().MoveOperation.End)
        saves, saves_busy = [], []
        for _ in range(5):
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(editor, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, "א"))
            heartbeat.start()
            deadline = time.perf_counter() + 2.5
            while time.perf_counter() < deadline:  # the autosave fires from its timer within 1.5 s
                app.processEvents()
            heartbeat.stop()
            saves.append(heartbeat.longest_ms)
            saves_busy.append(heartbeat.busiest_ms)
        figures["autosave_pause_ms"] = statistics.median(saves)
        figures["autosave_busy_ms"] = statistics.median(saves_busy)
        post = window.controller.session.post
        catch_up = time.perf_counter()
        window.related.post_saved(post)
        window.related.suggestions(post.id, 8)
        figures["related_catch_up_ms"] = (time.perf_counter() - catch_up) * 1000
        refresh = time.perf_counter()
        window.post_list.refresh()
        while window.post_list.loading:  # read off the UI thread (an import, a sync), until its rows are shown
            app.processEvents()
        figures["list_refresh_ms"] = (time.perf_counter() - refresh) * 1000
        search = time.perf_counter()
        window.post_list.search.setText("תלמידים")
        window.post_list._search_timer.stop()  # the pause after typing is left out: the search itself
        window.post_list.fill()
        while window.post_list.loading:  # off the UI thread, until its rows are shown
            app.processEvents()
        figures["search_ms"] = (time.perf_counter() - search) * 1000
        print(json.dumps(figures), flush=True)
        window.close()
        app.quit()

    QTimer.singleShot(0, measure)
    app.exec()
    library.close()
    return figures


def span(runs: list[dict], key: str, digits: int) -> str:
    """The median (fastest–slowest) of the runs: this machine is shared, one figure would hide that."""
    values = [run[key] for run in runs]
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        measure_in_window(args.child)
        return 0
    print(f"{'posts':>7} {'start-up s':>11} {'autosave pause ms':>18} {'(UI thread busy)':>17} "
          f"{'related catch-up ms':>20} {'list refresh ms':>16} {'search ms':>10}")
    with tempfile.TemporaryDirectory() as folder:
        # As an installed Ktav starts: with its bytecode (pip compiles it), even where this machine
        # sets PYTHONDONTWRITEBYTECODE (without it, every start compiles ~240 modules: ~0.3 s).
        env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        for size in (int(s) for s in args.sizes.split(",")):
            db = Path(folder) / f"scale-{size}.sqlite"
            build_library(db, size)
            runs = []
            for attempt in range(args.repeat + 1):  # the first writes the bytecode (untimed)
                shown = subprocess.run([sys.executable, __file__, "--child", str(db)], capture_output=True, text=True,
                                       env=env)
                line = next((row for row in shown.stdout.splitlines() if row.startswith("{")), None)
                if line is None:
                    print(shown.stderr[-2000:], file=sys.stderr)
                    return 1
                if attempt > 0:
                    runs.append(json.loads(line))
            print(f"{size:>7,} {span(runs, 'start_s', 2):>11} {span(runs, 'autosave_pause_ms', 0):>18} "
                  f"{span(runs, 'autosave_busy_ms', 0):>17} {span(runs, 'related_catch_up_ms', 0):>20} "
                  f"{span(runs, 'list_refresh_ms', 0):>16} {span(runs, 'search_ms', 0):>10}")
    print(f"\ngoals: start-up ≤ {GOAL_START_S} s to a usable editor at 10,000 posts; "
          f"no UI-thread pause over {GOAL_PAUSE_MS:.0f} ms around a save (a pause on the clock includes the\n"
          f"time the UI thread waits for a core or for the interpreter; 'busy' is its own work in that gap)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
