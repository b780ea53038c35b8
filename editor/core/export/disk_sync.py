"""Making many written files durable at once: one sync of their disk where that is as safe as fsync.

An export writes a thousand temporary files that must all be on disk before the first is renamed into
place. `fsync` of each costs a journal commit apiece; Linux's `syncfs` writes out everything pending on
one filesystem in a single commit, with the same guarantee for every file on it. It is used only on
local filesystems known to implement it fully (a network or FUSE filesystem may treat it as a no-op
where its `fsync` would not be); everywhere else the caller fsyncs file by file.
"""

from __future__ import annotations

import ctypes
import os
import re
import sys
from functools import lru_cache
from pathlib import Path

# Local disk filesystems whose syncfs writes out and commits every pending change, reporting failures.
SYNCFS_FILESYSTEMS = frozenset({"ext2", "ext3", "ext4", "xfs", "btrfs", "f2fs"})
MOUNTINFO = Path("/proc/self/mountinfo")


def whole_disk_sync_works(folder: Path) -> bool:
    """True when `sync_whole_disk` makes everything written under `folder` durable."""
    return _syncfs() is not None and _known_type(folder) in SYNCFS_FILESYSTEMS


# Filesystem types by device: reading the mount table took ~80 µs (0.4 ms on a worker while others ran),
# and an export asks for every chunk of posts its workers make folders for. A filesystem mounted over the
# folder later is another device, whose type is read then.
_TYPES_BY_DEVICE: dict[int, str | None] = {}


def _known_type(folder: Path) -> str | None:
    path = _existing_ancestor(Path(folder))
    try:
        device = os.stat(path).st_dev
    except OSError:
        return filesystem_type(folder)
    if device not in _TYPES_BY_DEVICE:
        _TYPES_BY_DEVICE[device] = filesystem_type(folder)
    return _TYPES_BY_DEVICE[device]


def sync_whole_disk(folder: Path) -> None:
    """Write out everything pending on `folder`'s filesystem (OSError when the disk reports a failure)."""
    syncfs = _syncfs()
    if syncfs is None:
        raise OSError(0, "syncfs is not available here")
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        if syncfs(descriptor) != 0:
            number = ctypes.get_errno()
            raise OSError(number, os.strerror(number))
    finally:
        os.close(descriptor)


def filesystem_type(folder: Path, mountinfo: str | None = None) -> str | None:
    """The type of the filesystem holding `folder` (its nearest existing ancestor), from the mount
    table; None where there is no mount table to read."""
    if mountinfo is None:
        try:
            mountinfo = MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
        except OSError:
            return None
    path = _existing_ancestor(Path(folder))
    best, best_type = "", None
    for line in mountinfo.splitlines():
        # id parent major:minor root mount-point options [optional fields…] - type source super-options
        fields = line.split(" ")
        if "-" not in fields[6:]:
            continue
        mount_point = _unescape(fields[4])
        if _is_within(path, mount_point) and len(mount_point) >= len(best):
            best, best_type = mount_point, fields[fields.index("-", 6) + 1]
    return best_type


def _existing_ancestor(path: Path) -> str:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return os.path.realpath(path)


def _is_within(path: str, mount_point: str) -> bool:
    return mount_point == "/" or path == mount_point or path.startswith(mount_point.rstrip("/") + "/")


def _unescape(field: str) -> str:
    """Mount points write space, tab, newline and backslash as octal escapes (\\040…)."""
    return re.sub(r"\\([0-7]{3})", lambda match: chr(int(match.group(1), 8)), field)


@lru_cache(maxsize=1)
def _syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:
        # This process's own symbols, libc's among them: find_library("c") runs `ldconfig -p` to find it.
        libc = ctypes.CDLL(None, use_errno=True)
        syncfs = libc.syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes = [ctypes.c_int]
    syncfs.restype = ctypes.c_int
    return syncfs
