"""When the writer last typed, for work on other threads that should wait for a pause in the typing
(and for the window's other busy moments: a sync under way or landing).

Loading the related index of 10,000 posts takes seconds of Python on a worker thread; while keys come
in, every call the window's thread makes into Python would wait for the interpreter behind it. So the
loader asks `wait()` every few posts, and goes on once the typing pauses (or after a bound, so that
it always ends). `busy`, when given, says the window is busy otherwise (a sync: its child takes a
core, then its views catch up); the loader waits for that too, within the same bound.
"""

from __future__ import annotations

import time
from collections.abc import Callable

PAUSE_S = 0.3  # no key for this long is a pause
LONGEST_WAIT_S = 2.0  # a writer who never pauses still gets the index, a little at a time
# A busy window is waited for longer: a sync of 10,000 posts takes its child 2-3 s, then its views catch
# up; loading on meanwhile took the cores and the interpreter the window's thread needed (sync.py).
LONGEST_BUSY_S = 8.0
BUSY_POLL_S = 0.05


class TypingPause:
    def __init__(self, busy: Callable[[], bool] | None = None) -> None:
        self._last_key = 0.0
        self.busy = busy or (lambda: False)  # read from the worker: it must only read plain values

    def key(self) -> None:
        """A key was typed (the UI thread: one float written, nothing else)."""
        self._last_key = time.monotonic()

    def wait(self) -> None:
        """Block the calling worker until the typing pauses (at most LONGEST_WAIT_S) and the window is
        not busy (at most LONGEST_BUSY_S)."""
        started = time.monotonic()
        typing_bound, busy_bound = started + LONGEST_WAIT_S, started + LONGEST_BUSY_S
        while True:
            now = time.monotonic()
            if now - self._last_key < PAUSE_S and now < typing_bound:
                time.sleep(min(PAUSE_S, typing_bound - now))
            elif now < busy_bound and self.busy():
                time.sleep(min(BUSY_POLL_S, busy_bound - now))
            else:
                return
