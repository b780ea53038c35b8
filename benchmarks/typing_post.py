"""What the keystroke benchmarks type and into what: the long posts, the keys, the place, the figures.

Shared by the Ktav window harness and the peers' (benchmarks/peers/): no Qt binding is imported
here, so a PyQt6 peer and PySide6 Ktav each load only their own.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from editor.core.text import hebrew

ROOT = Path(__file__).resolve().parents[1]
SIZES = (2_000, 20_000)
KEYSTROKES = 300
WARM_UP_KEYS = 20
KEY_INTERVAL_MS = 60  # a fast typist's pace, about 200 words a minute
TYPED = "המשכנו לעבוד על הנתונים של 2024 "  # letters, spaces and digits, as a writer types
CODE_BLOCK = "```python\ndef total(rows):  # סכום השורות\n    return sum(rows)\n```"


def sample_bodies() -> list[str]:
    """The sample posts' bodies (front matter removed), in file-name order."""
    bodies = []
    for path in sorted((ROOT / "resources" / "samples").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            text = text.split("---", 2)[2]
        bodies.append(text.strip())
    return bodies


def build_post(words: int) -> str:
    """A post of about `words` words: the sample bodies in order, repeated, whole paragraphs,
    with a fenced code block every few posts (same input, same post)."""
    paragraphs: list[str] = []
    total = 0
    while True:
        for index, body in enumerate(sample_bodies()):
            if index % 5 == 4:
                paragraphs.append(CODE_BLOCK)
            for paragraph in body.split("\n\n"):
                paragraphs.append(paragraph)
                total += hebrew.word_count(paragraph)
                if total >= words:
                    return "\n\n".join(paragraphs) + "\n"


def middle_line(text: str) -> int:
    """The 0-based line where typing goes: the first prose line at or after the middle of the post
    (not blank, not a heading, a list item or inside a code block), so every harness types the same."""
    lines = text.split("\n")
    in_fence = False
    prose = []
    for number, line in enumerate(lines):
        if line.startswith("```"):
            in_fence = not in_fence
            continue
        if not in_fence and line.strip() and not line.lstrip().startswith(("#", "-", "*", ">", "|", "!")):
            prose.append(number)
    return next(number for number in prose if number >= len(lines) // 2)


def typed_char(index: int) -> str:
    return TYPED[index % len(TYPED)]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


class TimedOut(RuntimeError):
    """A wait passed its deadline: says what it waited for."""


def wait_until(pump: Callable[[], object], condition: Callable[[], bool], what: str, seconds: float) -> float:
    """Run `pump` (one turn of an event loop) until `condition()`; the seconds it took, or TimedOut."""
    start = time.perf_counter()
    while not condition():
        if time.perf_counter() - start > seconds:
            raise TimedOut(f"gave up after {seconds:.0f} s waiting for {what}")
        pump()
    return time.perf_counter() - start


def type_keys(send: Callable[[str], None], pause: Callable[[float], object], count: int, start: int = 0) -> list[float]:
    """Type `count` keys with `send(char)` (the key's press and release, sent to the editor) at a fast
    typist's pace, timing each; between keys `pause(ms)` runs the event loop (untimed) for what the
    key posted and what goes on meanwhile (the preview's renders, the spell check's worker), as it
    does between a writer's keys. Milliseconds per key."""
    times = []
    next_key = time.perf_counter()
    for index in range(start, start + count):
        char = typed_char(index)
        began = time.perf_counter()
        send(char)
        ended = time.perf_counter()
        times.append((ended - began) * 1000)
        next_key += KEY_INTERVAL_MS / 1000
        pause(max(0.0, (next_key - ended) * 1000))
    return times


def event_loop_pause(loop_class, timer_class) -> Callable[[float], None]:
    """`pause(ms)` for a Qt binding: its event loop runs that long (a timer ends it), without spinning."""
    def pause(ms: float) -> None:
        loop = loop_class()
        timer_class.singleShot(max(0, round(ms)), loop.quit)
        loop.exec()

    return pause
