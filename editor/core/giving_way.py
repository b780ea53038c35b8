"""Work on a thread of its own that gives way to everything else of the program (Linux)."""

from __future__ import annotations

import os
import sys
import threading

LOWEST_NICENESS = 19
# For work ahead of need that a command waits for sooner than for the rest (the library's check, before
# an export's first write): still behind the command's own threads, ahead of the lowest.
LOW_NICENESS = 10


def give_way(niceness: int = LOWEST_NICENESS) -> None:
    """This thread, and the threads it starts, at a low priority (the lowest unless told), on Linux, where
    a thread has a niceness of its own (elsewhere the number would name a process, not this thread:
    nothing is done). A thread already nicer stays as it is.

    For a command's work ahead of need (the dictionaries loaded before a text asks for them, the
    library's whole-file check while the export reads): on two cores it would take one from the
    command's own threads and processes. When the command does wait for it, a core is free and it
    runs at full speed."""
    if not sys.platform.startswith("linux"):
        return
    try:
        me = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, me, max(niceness, os.getpriority(os.PRIO_PROCESS, me)))
    except OSError:
        pass
