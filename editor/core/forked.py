"""Work split with a forked copy of this process: its second half done there at the same time.

For the command line on a machine of two cores or more, where a step of an export has no worker
processes to give it (an export after one change re-ranks hundreds of posts in this process alone).
The copy inherits everything this process holds (the related index), so nothing is sent to it but
its answer back. Never in the window: a process with Qt's threads must not fork.
"""

from __future__ import annotations

import ctypes
import os
import pickle
import select
import signal
import time
from collections.abc import Callable
from typing import TypeVar

Part = TypeVar("Part")
Answer = TypeVar("Answer")

PR_SET_PDEATHSIG = 1  # linux/prctl.h
MIN_PATIENCE_S = 5.0
PATIENCE_FACTOR = 4


def default_workers() -> int:
    """Processes for a big batch of work: one per core, at most 8 (here, beside `fork`, so that the command
    line can tell whether to begin a copy before it imports the export's workers)."""
    return max(1, min(os.cpu_count() or 1, 8))


def can_fork() -> bool:
    return hasattr(os, "fork")


def in_two(work: Callable[[Part], Answer], first: Part, second: Part, *,
           min_patience: float = MIN_PATIENCE_S) -> tuple[Answer, Answer]:
    """`(work(first), work(second))`, the second worked out by a forked copy while this process works
    out the first. Where this system cannot fork, or the copy fails (killed, out of memory), the
    second is worked out here too: the answers are the same either way. An error of `work(first)`
    is raised here (the copy is killed). A copy that takes more than `min_patience` seconds and
    PATIENCE_FACTOR times this process's half is taken as stuck."""
    aside = start_aside(lambda: work(second))
    if aside is None:
        return work(first), work(second)
    started = time.monotonic()
    try:
        mine = work(first)
    except BaseException:
        aside.abandon()
        raise
    # The copy's half takes about as long as this one's; one that takes far longer is stuck (a lock a thread
    # of this process held when it forked) and is killed, its half worked out here.
    theirs = aside.answer(patience=max(min_patience, PATIENCE_FACTOR * (time.monotonic() - started)))
    return mine, work(second) if theirs is None else theirs[0]


class Aside:
    """Work begun in a forked copy of this process (`start_aside`), its answer taken when wanted."""

    def __init__(self, child: int, read_end: int) -> None:
        self._child, self._read_end = child, read_end

    def answer(self, patience: float | None = None) -> tuple | None:
        """`(work(),)` as the copy worked it out, or None when the copy failed (an error, killed, out of
        memory) or gave no answer within `patience` seconds (then it is killed). Once only."""
        deadline = None if patience is None else time.monotonic() + patience
        theirs = _read_all(self._read_end, deadline)
        if _end(self._child, kill=theirs is None) != 0 or not theirs:
            return None
        return (pickle.loads(theirs),)

    def abandon(self) -> None:
        """No answer wanted: the copy is killed."""
        os.close(self._read_end)
        _end(self._child, kill=True)


def start_aside(work: Callable[[], Answer]) -> Aside | None:
    """`work()` begun now in a forked copy of this process, which sends back its answer (pickled)
    and leaves at once (nothing of this process's is flushed or closed there); None where this system
    cannot fork. The copy has only the thread that forked: a lock another thread held then stays held
    there (a module it was importing, SQLite's own), so work that may need one is begun before any
    other thread starts."""
    if not can_fork():
        return None
    parent = os.getpid()
    read_end, write_end = os.pipe()
    try:
        child = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if child == 0:
        os.close(read_end)
        status = 1
        try:
            die_with_parent(parent)
            data = pickle.dumps(work(), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as answer:
                answer.write(data)
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    return Aside(child, read_end)


def _read_all(descriptor: int, deadline: float | None) -> bytes | None:
    """Everything the pipe gives until its writer closes it, or None at the deadline (None: no deadline)."""
    parts: list[bytes] = []
    with os.fdopen(descriptor, "rb", buffering=0) as answer:
        while True:
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and (left <= 0 or not select.select([answer], [], [], left)[0]):
                return None
            part = answer.read(1 << 20)
            if not part:
                return b"".join(parts)
            parts.append(part)


def die_with_parent(parent: int) -> None:
    """In a child: ask Linux for SIGKILL when the parent dies, and leave if it died already
    (between the child's start and this call)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child then ends when its pipe to the parent does
        pass
    if os.getppid() != parent:
        os._exit(1)


def _end(child: int, *, kill: bool) -> int:
    """Wait for the child (killed first if asked); its exit status, -1 when it died of a signal."""
    if kill:
        try:
            os.kill(child, signal.SIGKILL)
        except ProcessLookupError:
            pass
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else -1
