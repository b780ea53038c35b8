"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from editor.core.errors import ExportError


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file in the same folder, flushed, fsynced, renamed.

    Returns False (and writes nothing) when the file already holds exactly `data`, so a re-export
    leaves unchanged files untouched, modification times included.
    """
    try:
        if _holds(path, data):
            return False
        temporary = _stage(path, data)
        try:
            os.replace(temporary, path)
        except BaseException:
            _remove_quietly(temporary)
            raise
        _fsync_folder(path.parent)
        return True
    except OSError as error:
        raise _write_error(path, error) from error


def write_files(root: Path, files: dict[str, bytes], *, workers: int = 4) -> tuple[list[Path], list[Path]]:
    """Write many files atomically: (written, unchanged), in the order of `files`.

    First every changed file is staged as a flushed, fsynced temporary file beside its target (in
    parallel: fsync waits on the disk, not the CPU); only then are they renamed into place, in order.
    A failure while staging changes nothing; a failure while renaming leaves every file whole, the
    ones before it new, the rest as they were. No temporary file is left behind either way.
    """
    targets = [(root / relative, data) for relative, data in files.items()]
    try:
        same = {path for path, data in targets if _holds(path, data)}
    except OSError as error:
        raise _write_error(root, error) from error
    changed = [(path, data) for path, data in targets if path not in same]
    staged: dict[Path, str] = {}
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {path: pool.submit(_stage, path, data) for path, data in changed}
            failures = []
            for path, future in futures.items():
                try:
                    staged[path] = future.result()
                except OSError as error:
                    failures.append((path, error))
        if failures:
            raise _write_error(*failures[0]) from failures[0][1]
        for path, _ in changed:
            try:
                os.replace(staged[path], path)
            except OSError as error:
                raise _write_error(path, error) from error
            del staged[path]
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            list(pool.map(_fsync_folder, sorted({path.parent for path, _ in changed})))
    finally:
        for temporary in staged.values():
            _remove_quietly(temporary)
    return [path for path, _ in changed], [path for path, _ in targets if path in same]


def _holds(path: Path, data: bytes) -> bool:
    return path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data


def _stage(path: Path, data: bytes) -> str:
    """A fsynced temporary file with `data`, in `path`'s folder (so the rename cannot cross disks)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        _remove_quietly(temporary)
        raise
    return temporary


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
