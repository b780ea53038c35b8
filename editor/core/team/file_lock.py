"""One process at a time on a team clone: an operating-system lock on a file, let go when the process
ends however it ends (a kill -9 included), so a lock is never left behind."""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


POLL_SECONDS = 0.05


@contextlib.contextmanager
def held(path: Path, *, wait: float) -> Iterator[bool]:
    """Hold the lock on `path` for the block; yields False (and holds nothing) when another process
    or thread still holds it after `wait` seconds."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait
        locked = _try_lock(fd)
        while not locked and time.monotonic() < deadline:
            time.sleep(POLL_SECONDS)
            locked = _try_lock(fd)
        try:
            yield locked
        finally:
            if locked:
                _unlock(fd)
    finally:
        os.close(fd)
