"""A typist for the real window: key events at a writer's pace, each one logged with its time.

In a test, `Typist(widget, text, pace)` types from a timer and emits `finished`; `typed_at`
holds the monotonic time of each character. Run as a script, it opens the real desk on a library
(the product's own `launch`) and types into a new or an existing post, printing one line per key
(`<monotonic time> <count typed>`) so that a parent process can kill it with SIGKILL at any moment
and know what was typed before (benchmarks/crash.py, tests/ui/test_crash.py):

    python tests/support/typist.py --db LIB --post ID|new --pace steady|bursts --seed N --seconds S
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication

WORDS = ("שלום", "כתבנו", 'רש"י', "אג\"ח", "Google", "4-5", "יחידות", "שָׁלוֹם", "ובבית", "הספר",
         "לימודים", "2026", "Python", "וכשהגענו", "הקהילה", "תל־אביב")


def writer_text(seed: int, characters: int) -> str:
    """Hebrew prose with English, numbers, gershayim and niqqud, and a paragraph now and then."""
    chooser = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < characters:
        word = chooser.choice(WORDS)
        gap = "\n\n" if chooser.random() < 0.05 else " "
        parts.append(word + gap)
        length += len(word) + len(gap)
    return "".join(parts)[:characters]


class Pace:
    """Delays between keys: `steady` never pauses for a second; `bursts` types 2–9 s, pauses."""

    def __init__(self, kind: str, seed: int) -> None:
        self.kind = kind
        self._random = random.Random(seed)
        self._burst_left = 0.0

    def next_delay_ms(self) -> int:
        if self.kind == "steady":
            return self._random.randint(40, 260)
        if self._burst_left <= 0:
            self._burst_left = self._random.uniform(2.0, 9.0)
            return self._random.randint(300, 2500)
        delay = self._random.randint(30, 200)
        self._burst_left -= delay / 1000
        return delay


def send_key(widget, char: str) -> None:
    key = Qt.Key.Key_Return if char == "\n" else Qt.Key.Key_unknown
    text = "\r" if char == "\n" else char
    for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
        QApplication.sendEvent(widget, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text))


class Typist(QObject):
    """Types `text` into `widget`, one key per timer tick."""

    finished = Signal()
    typed = Signal(int, float)  # characters typed so far, the monotonic time of the last one

    def __init__(self, widget, text: str, pace: Pace) -> None:
        super().__init__(widget)
        self.widget = widget
        self.text = text
        self.pace = pace
        self.typed_at: list[float] = []
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self._type_one)

    def start(self) -> None:
        self.widget.setFocus()
        self._timer.start(0)

    def _type_one(self) -> None:
        index = len(self.typed_at)
        if index >= len(self.text):
            self.finished.emit()
            return
        send_key(self.widget, self.text[index])
        self.typed_at.append(time.monotonic())
        self.typed.emit(index + 1, self.typed_at[-1])
        self._timer.start(self.pace.next_delay_ms())


SAFE_AFTER_S = 2.0  # the promise: nothing typed longer ago than this is lost


@dataclass
class CrashRound:
    typed: int  # characters typed before the kill
    promised: int  # of them, typed more than SAFE_AFTER_S before it
    missing: int  # of the promised ones, not in the library afterwards


def crash_round(db: Path, post: str, pace: str, seed: int, kill_after_s: float,
                start_timeout_s: float = 60.0) -> CrashRound:
    """Start the typist on `db`, SIGKILL it `kill_after_s` into the typing, read what was stored."""
    from editor.core.library.store import Library

    with Library.open(db) as library:
        known_ids = {summary.id for summary in library.list_posts()}
        before = "" if post == "new" else library.get_post(int(post)).body
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    child = subprocess.Popen(
        [sys.executable, __file__, "--db", str(db), "--post", post, "--pace", pace, "--seed", str(seed),
         "--seconds", str(kill_after_s + 10)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    lines: list[str] = []
    started = threading.Event()

    def read() -> None:
        for line in child.stdout:
            lines.append(line)
            if line.startswith("start "):
                started.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not started.wait(start_timeout_s):
        child.kill()
        child.wait()
        child.stdout.close()
        raise RuntimeError("the window did not start typing")
    time.sleep(kill_after_s)
    child.send_signal(signal.SIGKILL)
    killed_at = time.monotonic()
    child.wait()
    reader.join(5)
    child.stdout.close()
    text = json.loads(lines[0].split(" ", 2)[2])
    times = [float(line.split()[0]) for line in lines[1:] if line.strip()]
    promised = sum(1 for at in times if at < killed_at - SAFE_AFTER_S)
    with Library.open(db) as library:
        if post == "new":
            added = [summary.id for summary in library.list_posts() if summary.id not in known_ids]
            stored = library.get_post(added[0]).body if added else ""
        else:
            stored = library.get_post(int(post)).body
    kept = _common_prefix(stored[len(before):] if stored.startswith(before) else "", text)
    return CrashRound(typed=len(times), promised=promised, missing=max(0, promised - kept))


def _common_prefix(a: str, b: str) -> int:
    length = 0
    for x, y in zip(a, b):
        if x != y:
            break
        length += 1
    return length


def _main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--post", default="new")
    parser.add_argument("--pace", choices=("steady", "bursts"), default="steady")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from editor.ui.desk.launch import launch, prepare_chromium

    prepare_chromium()
    app = QApplication(sys.argv[:1])
    text = writer_text(args.seed, int(args.seconds * 12) + 50)

    def start_typing() -> None:
        from editor.ui.desk.main_window import MainWindow

        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            QTimer.singleShot(20, start_typing)
            return
        window = windows[0]
        if args.post == "new":
            window.new_post()
        else:
            window.open_post(int(args.post))
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        print(f"start {time.monotonic():.4f} {json.dumps(text)}", flush=True)
        typist = Typist(window.editor, text, Pace(args.pace, args.seed))
        typist.typed.connect(lambda count, at: print(f"{at:.4f} {count}", flush=True))
        typist.start()
        window._typist = typist  # kept alive with the window

    QTimer.singleShot(0, start_typing)
    return launch(db=args.db, open_id=None, screenshot=None)


if __name__ == "__main__":
    sys.exit(_main())
