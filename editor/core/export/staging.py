"""The export folder during an export: locked, its temporaries in one hidden folder, and whatever an
export that was killed left behind removed before the next one writes.

Temporaries are staged in `<out>/.ktav-staging/` (readable by this user only), never beside the
files a web server publishes; each process of an export in a folder of its own there (the kernel
makes one file at a time in a folder, so processes sharing one wait on each other). The folders an
export makes are recorded there before they are made, so the next export can remove the ones a
killed export left empty. A second export into the same
folder at the same time is refused (a lock on the folder, released by the kernel when the process
dies, however it dies).
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from contextlib import contextmanager
from pathlib import Path

from editor.core.errors import ExportError, isolate, os_reason

STAGING_FOLDER = ".ktav-staging"
FOLDERS_RECORD = "folders-"  # + pid: one folder made for the export per line, relative to the export folder
PROCESS_FOLDER = "process-"  # + pid: the temporaries one process staged
# The temporaries of Ktav before it staged in one folder: `.<name>.<pid>-<n>.tmp` beside each file.
_OLD_TEMPORARY = re.compile(r"\..+\.\d+-\d+\.tmp")


def staging_folder(root: Path) -> Path:
    return Path(root) / STAGING_FOLDER


def open_staging(root: Path) -> tuple[Path, bool]:
    """The staging folder of `root` (an existing folder), and whether it was made now: when no export
    holds the folder (a bare `write_files`), the caller makes its own and removes it when done."""
    folder = staging_folder(root)
    if folder.is_dir():
        return folder, False
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return folder, False
    except OSError as error:
        raise _folder_error(root, error) from error
    return folder, True


def process_folder(staging: Path) -> Path:
    """This process's own folder in the staging folder, made if missing."""
    folder = Path(staging) / f"{PROCESS_FOLDER}{os.getpid()}"
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass
    except OSError as error:
        raise _folder_error(Path(staging).parent, error) from error
    return folder


@contextmanager
def export_folder(root: Path, *, old_temporaries: bool = True):
    """Hold `root` for one export: made if missing, locked, cleared of a killed export's leftovers
    (and, unless told the folder has none, of Ktav's older temporaries: see `remove_leftovers`);
    afterwards the staging folder is gone (and `root` too, with the folders above it that this export made,
    if it left them empty)."""
    root = Path(root)
    made = [folder for folder in (root, *root.parents) if not folder.is_dir()]  # the deepest first
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise _folder_error(root, error) from error
    lock = _lock(root)
    try:
        remove_leftovers(root, old_temporaries=old_temporaries)
        try:
            staging_folder(root).mkdir(mode=0o700)
        except OSError as error:
            raise _folder_error(root, error) from error
        yield staging_folder(root)
    finally:
        try:
            shutil.rmtree(staging_folder(root), ignore_errors=True)
            for folder in made:
                try:
                    folder.rmdir()  # only if empty: the export failed before writing anything
                except OSError:
                    break
        finally:
            if lock is not None:
                os.close(lock)


def remove_leftovers(root: Path, *, old_temporaries: bool = True) -> None:
    """Remove what an export that was killed left in `root`: its staging folder, the folders it made
    that are still empty, and temporaries of Ktav's older versions (`old_temporaries`: a walk of the
    whole folder, which only a folder exported into before staging began can need once)."""
    staging = staging_folder(root)
    made: list[str] = []
    if staging.is_dir():
        for record in staging.glob(FOLDERS_RECORD + "*"):
            try:
                made += record.read_text(encoding="utf-8", errors="surrogateescape").splitlines()
            except OSError:
                pass
        shutil.rmtree(staging, ignore_errors=True)
    for relative in sorted(set(made), key=lambda name: name.count("/"), reverse=True):  # deepest first
        folder = root / relative
        if relative and ".." not in Path(relative).parts and folder.is_dir() and not folder.is_symlink():
            try:
                folder.rmdir()  # only if empty
            except OSError:
                pass
    if not old_temporaries:
        return
    for walked, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name != STAGING_FOLDER]
        for name in files:
            if _OLD_TEMPORARY.fullmatch(name):
                try:
                    os.unlink(os.path.join(walked, name))
                except OSError:
                    pass


class FolderRecord:
    """Appends each folder made for the export to this process's record in the staging folder, before
    it is made (a kill between the two leaves a line for a folder that does not exist: harmless)."""

    def __init__(self, root: Path) -> None:
        self._root = Path(root)
        self._descriptor: int | None = None

    def note(self, folder: Path) -> None:
        staging = staging_folder(self._root)
        if self._descriptor is None:
            if not staging.is_dir():
                return  # no export holds the folder (a bare write_files): nothing to record into
            path = staging / f"{FOLDERS_RECORD}{os.getpid()}"
            self._descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_CLOEXEC", 0), 0o600)
        relative = os.path.relpath(folder, self._root)
        os.write(self._descriptor, (relative + "\n").encode("utf-8", "surrogateescape"))

    def close(self) -> None:
        if self._descriptor is not None:
            os.close(self._descriptor)
            self._descriptor = None


def _lock(root: Path) -> int | None:
    try:
        import fcntl
    except ImportError:  # not on this system: exports into one folder at once are not prevented
        return None
    descriptor = os.open(root, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as error:
        os.close(descriptor)
        if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            raise ExportError(f"{root}: another export is writing to this folder; try again when it has finished",
                              f"{isolate(root)}: ייצוא אחר כותב כעת לתיקייה הזו; יש לנסות שוב כשיסתיים") from None
        return None  # a filesystem without locks: go ahead unlocked
    return descriptor


def _folder_error(root: Path, error: OSError) -> ExportError:
    english, hebrew = os_reason(error)
    return ExportError(f"{root}: cannot write ({english})", f"לא ניתן לכתוב אל {isolate(root)}: {hebrew}.")
