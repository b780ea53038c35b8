"""When the writer last typed, for work on other threads that should wait for a pause in the typing.

Loading the related index of 10,000 posts takes seconds of Python on a worker thread; while keys come
in, every call the window's thread makes into Python would wait for the interpreter behind it. So the
loader asks `wait()` every few posts, and goes on once the typing pauses (or after a bound, so that
it always ends).
"""

from __future__ import annotations

import time

PAUSE_S = 0.3  # no key for this long is a pause
LONGEST_WAIT_S = 2.0  # a writer who never pauses still gets the index, a little at a time


class TypingPause:
    def __init__(self) -> None:
        self._last_key = 0.0

    def key(self) -> None:
        """A key was typed (the UI thread: one float written, nothing else)."""
        self._last_key = time.monotonic()

    def wait(self) -> None:
        """Block the calling worker until the typing pauses (at most LONGEST_WAIT_S)."""
        give_up = time.monotonic() + LONGEST_WAIT_S
        while (now := time.monotonic()) < give_up and now - self._last_key < PAUSE_S:
            time.sleep(min(PAUSE_S, give_up - now))
