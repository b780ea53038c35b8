"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import hashlib
import itertools
import os
import shutil
import stat
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from editor.core.errors import ExportError, isolate, os_reason
from editor.core.export import disk_sync
from editor.core.export.staging import FolderRecord, open_staging, process_folder

# A file's bytes as the export keeps them (`caches.store_files`): their sha256 (hex) and their size.
FileDigest = tuple[str, int]


def file_digest(data: bytes) -> FileDigest:
    return hashlib.sha256(data).hexdigest(), len(data)


def write_atomic(path: Path, data: bytes) -> bool:
    """Write `data` to `path` through a temporary file in the same folder, flushed, fsynced, renamed.

    Returns False (and writes nothing) when the file already holds exactly `data`, so a re-export
    leaves unchanged files untouched, modification times included.
    """
    try:
        if _holds(path, data):
            return False
        path.parent.mkdir(parents=True, exist_ok=True)
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


def write_files(root: Path, files: dict[str, bytes], *, workers: int = 8,
                meanwhile: Callable[[], None] = lambda: None) -> tuple[list[Path], list[Path]]:
    """Write many files atomically: (written, unchanged), in the order of `files` (see `StagedFiles`;
    `meanwhile` as in its `commit`)."""
    with StagedFiles(root, workers=workers) as staged:
        for relative, data in files.items():
            staged.add(relative, data)
        return staged.commit(meanwhile)


class StagedFiles:
    """Many files written atomically, staged in the background while the caller makes the next ones.

    Each changed file is staged as a flushed temporary file in the export folder's staging folder (see
    `staging.py`; made here, and removed at the end, when no export holds the folder) as soon as it is added;
    `commit` makes all of them durable, and only then renames them into place, in order, and makes the
    renames durable. On a local disk filesystem one sync of the whole disk does that for a big export
    (`disk_sync`), and a few files are fsynced at commit; elsewhere each temporary is fsynced as it is
    staged (on worker threads: fsync waits on the disk, not the CPU); without the whole-disk sync, each
    folder is fsynced after the renames. A failure while staging or syncing
    changes nothing; a failure while renaming leaves every file whole, the ones before it new, the rest
    as they were. No temporary file is left behind either way (leaving the `with` block unfinished
    discards them).
    """

    def __init__(self, root: Path, *, workers: int = 8) -> None:
        self._root = Path(root)
        self._sync_whole_disk = disk_sync.whole_disk_sync_works(self._root)
        self._pool = ThreadPoolExecutor(max_workers=max(1, workers))
        self._pending: list[tuple[Path, Future]] = []
        self._pending_paths: set[Path] = set()  # of _pending (adopting post by post must not scan it each time)
        self._folders: set[Path] = set()  # known to exist
        self._made: list[Path] = []  # folders made for this export, removed again if it fails
        self._record = FolderRecord(self._root)
        self._staging: str | None = None  # this process's folder in the staging folder
        self._owns_staging = False

    def add(self, relative: str, data: bytes) -> None:
        path = self._root / relative
        self._make_folder(path.parent)
        staging = self._staging_folder()
        if self._sync_whole_disk:  # a write to the page cache: quicker here than on a thread
            staged: Future = Future()
            try:
                staged.set_result(_stage_if_changed(path, data, staging, fsync=False))
            except OSError as error:
                staged.set_exception(error)
        else:
            staged = self._pool.submit(_stage_if_changed, path, data, staging)
        self._pending.append((path, staged))
        self._pending_paths.add(path)

    def _staging_folder(self) -> str:
        if self._staging is None:
            self._make_folder(self._root)
            folder, self._owns_staging = open_staging(self._root)
            self._staging = str(process_folder(folder))
        return self._staging

    def _finish(self) -> None:
        self._record.close()
        self._pool.shutdown()
        if self._owns_staging and self._staging is not None:
            shutil.rmtree(os.path.dirname(self._staging), ignore_errors=True)
            self._owns_staging = False

    def make_folder(self, folder: Path) -> None:
        """Make `folder` (and what is missing above it) now, as adding a file there would."""
        self._make_folder(folder)

    def _make_folder(self, folder: Path) -> None:
        if folder in self._folders:
            return
        missing = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            if made != self._root:
                self._record.note(made)  # before it exists: a killed export's next one removes it if empty
            try:
                made.mkdir()
            except FileExistsError:  # made meanwhile by another process of the same export
                continue
            except OSError as error:
                raise _write_error(made, error) from error
            self._made.append(made)
        self._folders.update(missing, [folder])

    def adopt(self, staged: list[tuple[Path, str | None]], made: list[Path]) -> None:
        """Take over files staged elsewhere (another process's `detach`), after those added so far; a
        file already here (the same image staged twice) keeps its first copy."""
        self._made.extend(made)
        known = self._pending_paths
        for path, temporary in staged:
            if path in known:
                if temporary is not None:
                    _remove_quietly(temporary)
                continue
            done: Future = Future()
            done.set_result(temporary)
            self._pending.append((path, done))
            known.add(path)

    def detach(self) -> tuple[list[tuple[Path, str | None]], list[Path]]:
        """Every file staged so far (its temporary, None if unchanged) and the folders made, for another
        StagedFiles to `adopt` and commit; this one then forgets them."""
        staged = self._wait()
        made, self._made, self._pending, self._pending_paths = self._made, [], [], set()
        self._record.close()
        self._pool.shutdown()
        return staged, made

    def commit(self, meanwhile: Callable[[], None] = lambda: None) -> tuple[list[Path], list[Path]]:
        """Rename every staged file into place, in order: (written, unchanged). `meanwhile()` runs on
        this thread while the files are made durable (the disk busy, the processor idle); it is waited
        for before any rename, and what it raises stops the commit as a failure to sync would."""
        staged = self._wait()
        changed = [(path, temporary) for path, temporary in staged if temporary is not None]
        try:
            # Staged without fsync where the disk can be synced whole: made durable here, before any rename.
            if self._sync_whole_disk and changed:
                synced_whole = self._durable_while(changed, meanwhile)
            else:
                meanwhile()
                synced_whole = False
            for number, (path, temporary) in enumerate(changed):
                try:
                    os.replace(temporary, path)
                except OSError as error:
                    for _, left in changed[number:]:
                        _remove_quietly(left)
                    raise _write_error(path, error) from error
            if not (synced_whole and self._renames_synced()):
                list(self._pool.map(_fsync_folder, sorted({path.parent for path, _ in changed})))
        finally:
            self._pending, self._pending_paths = [], set()
            self._finish()
        return [path for path, _ in changed], [path for path, temporary in staged if temporary is None]

    def _durable_while(self, changed: list[tuple[Path, str]], meanwhile: Callable[[], None]) -> bool:
        with ThreadPoolExecutor(max_workers=1) as syncer:  # not the staging pool, which the sync may use
            syncing = syncer.submit(self._make_durable, changed)
            try:
                meanwhile()
            finally:
                synced_whole = syncing.result()
        return synced_whole

    def _make_durable(self, changed: list[tuple[Path, str]]) -> bool:
        """Every temporary (staged without fsync) on disk: one sync of the disk for many files (True),
        else, for a few or when the disk refuses (an unusual mount), an fsync each (False)."""
        if len(changed) >= WHOLE_DISK_SYNC_FROM:
            try:
                disk_sync.sync_whole_disk(self._root)
                return True
            except OSError as error:
                if error.errno in (errno.EIO, errno.ENOSPC, errno.EDQUOT):  # the disk failed: nothing is renamed
                    self._remove(changed)
                    raise _write_error(self._root, error) from error
        try:
            list(self._pool.map(_fsync_file, [temporary for _, temporary in changed]))
        except OSError as error:
            self._remove(changed)
            raise _write_error(self._root, error) from error
        return False

    def _renames_synced(self) -> bool:
        try:
            disk_sync.sync_whole_disk(self._root)
            return True
        except OSError:
            return False  # the folders are synced one by one instead

    def _wait(self) -> list[tuple[Path, str | None]]:
        """Every file's temporary (None: unchanged); on a failure, all are removed and the first raised."""
        staged, failures = [], []
        for path, future in self._pending:
            try:
                staged.append((path, future.result()))
            except OSError as error:
                failures.append((path, error))
        if failures:
            self._remove(staged)
            raise _write_error(*failures[0]) from failures[0][1]
        return staged

    def discard(self) -> None:
        """Remove whatever was staged; nothing is renamed."""
        staged = []
        for path, future in self._pending:
            try:
                staged.append((path, future.result()))
            except OSError:
                pass
        self._remove(staged)
        self._pending, self._pending_paths = [], set()
        self._finish()
        self.remove_folders(self._made)

    @staticmethod
    def remove_folders(made: list[Path]) -> None:
        """Remove folders made for an export that stopped, the deepest first, each only if empty."""
        for folder in reversed(made):
            try:
                folder.rmdir()  # only if empty: a file put there meanwhile stays
            except OSError:
                pass

    @staticmethod
    def _remove(staged) -> None:
        for _, temporary in staged:
            if temporary is not None:
                _remove_quietly(temporary)

    def __enter__(self) -> StagedFiles:
        return self

    def __exit__(self, *exc) -> None:
        if self._pending or exc[0] is not None:
            self.discard()


def _stage_if_changed(path: Path, data: bytes, staging: str, *, fsync: bool = True) -> str | None:
    """A temporary for `path` staged in `staging`, or None when the file already holds exactly `data`."""
    return None if _holds(path, data) else _stage(path, data, fsync=fsync, folder=staging)


def _holds(path: Path, data: bytes) -> bool:
    try:
        status = os.stat(path)
    except FileNotFoundError:
        return False
    if not stat.S_ISREG(status.st_mode) or status.st_size != len(data):
        return False
    with open(path, "rb") as stream:
        return stream.read() == data


# Fewer files than this are fsynced one by one even where one sync of the whole disk would do: that
# sync also waits for whatever else is being written to the disk (a download, a backup), which only
# a big export's thousand fsyncs are worth risking.
WHOLE_DISK_SYNC_FROM = 64

_temporary_numbers = itertools.count()
# Exported files are for publishing: created readable as any file the user makes (0666 less umask).
_CREATE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)


def _stage(path: Path, data: bytes, *, fsync: bool = True, folder: str | None = None) -> str:
    """A temporary file with `data` (fsynced unless the caller syncs the disk), in `folder` (the export's
    staging folder), else in `path`'s folder; on the same disk as `path`, so the rename cannot cross disks."""
    beside, name = os.path.split(path)
    while True:
        if folder is not None:
            temporary = os.path.join(folder, f"{os.getpid()}-{next(_temporary_numbers)}.tmp")
        else:
            temporary = os.path.join(beside, f".{name}.{os.getpid()}-{next(_temporary_numbers)}.tmp")
        try:
            descriptor = os.open(temporary, _CREATE, 0o666)
            break
        except FileExistsError:  # left by an export that was killed: another name
            continue
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view):]
            if fsync:
                os.fsync(descriptor)
        finally:
            os.close(descriptor)
    except BaseException:
        _remove_quietly(temporary)
        raise
    return temporary


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def _fsync_file(path: str | Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the platform lets a folder be opened)."""
    try:
        _fsync_file(folder)
    except OSError:
        pass


def _write_error(path: Path, error: OSError) -> ExportError:
    """Why `path` could not be written, and, only when there was one, that the file before is intact."""
    english, hebrew = os_reason(error)
    target = Path(path)
    if target.is_dir():
        kept = ("; the files there before are intact", " הקבצים שהיו שם נשמרו כפי שהיו.") if any(target.iterdir()) else ("", "")
    else:
        kept = ("; the previous file is intact", " הקובץ הקודם נשמר כפי שהיה.") if target.exists() else ("", "")
    return ExportError(f"{path}: cannot write ({english}){kept[0]}", f"לא ניתן לכתוב אל {isolate(path)}: {hebrew}.{kept[1]}")
