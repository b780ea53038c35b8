"""Work on a thread of its own that gives way to everything else of the program (Linux)."""

from __future__ import annotations

import os
import sys
import threading

LOWEST_NICENESS = 19


def give_way() -> None:
    """This thread, and the threads it starts, at the lowest priority, on Linux, where a thread has a
    niceness of its own (elsewhere the number would name a process, not this thread: nothing is done).

    For a command's work ahead of need (the dictionaries loaded before a text asks for them, the
    library's whole-file check while the export reads): on two cores it would take one from the
    command's own threads and processes. When the command does wait for it, a core is free and it
    runs at full speed."""
    if not sys.platform.startswith("linux"):
        return
    try:
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), LOWEST_NICENESS)
    except OSError:
        pass
