"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

from editor.core.errors import ExportError


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file in the same folder, flushed, fsynced, renamed.

    Returns False (and writes nothing) when the file already holds exactly `data`, so a re-export
    leaves unchanged files untouched, modification times included.
    """
    try:
        if path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        except BaseException:
            _remove_quietly(temporary)
            raise
        _fsync_folder(path.parent)
        return True
    except OSError as error:
        raise _write_error(path, error) from error


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _write_error(path: Path, error: OSError) -> ExportError:
    if error.errno == errno.ENOSPC:
        return ExportError(f"{path}: the disk is full; the previous file is intact",
                           f"{path}: הדיסק מלא; הקובץ הקודם נשמר כפי שהיה")
    reason = error.strerror or str(error)
    return ExportError(f"{path}: cannot write ({reason}); the previous file is intact",
                       f"{path}: לא ניתן לכתוב ({reason}); הקובץ הקודם נשמר כפי שהיה")
