"""The C heap of a short batch process (an export): what it frees is kept for its next allocations.

glibc's malloc serves a block over 128 KB with a mapping of its own, unmapped when freed, and gives
memory freed at the top of its heap back to the system at once: the next allocation faults every page
in again. An export makes and frees numpy temporaries of a few megabytes, and pages and files, by the
thousand, and on this kind of machine a page fault costs a few microseconds (a third of the related
ranking's time). Served from the heap (blocks up to MMAP_UP_TO) and kept there (TOP_PAD bytes at its
top), they are reused; the peak memory grows by that pad at most.
"""

from __future__ import annotations

import ctypes
import sys

M_TOP_PAD, M_MMAP_THRESHOLD = -2, -3  # malloc.h
TOP_PAD = 64 * 1024 * 1024
MMAP_UP_TO = 32 * 1024 * 1024  # glibc's highest threshold on 64-bit systems


def keep_freed_memory() -> bool:
    """Ask glibc's malloc to serve blocks up to MMAP_UP_TO from its heap and keep TOP_PAD bytes of it
    when freed (Linux with glibc only; elsewhere nothing). Whether both were set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # another C library (musl has no mallopt)
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_UP_TO)) and bool(mallopt(M_TOP_PAD, TOP_PAD))
