"""The library's SQLite file on disk: what is at the path, read-only media, a full disk, SQLite's errors."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from editor.core.errors import DiskFullError, KtavError, LibraryError, LibraryReadOnlyError, isolate

SQLITE_MAGIC = b"SQLite format 3\x00"
READER_BUSY_TIMEOUT_MS = 10_000
DISK_PROBE_BYTES = 64 * 1024  # what SQLite needs at least to open (the -shm file) and to write a page


def check_existing(path: Path) -> bool:
    """Whether a library file is at `path`; LibraryError, leaving the file alone, for anything else there."""
    if path.is_dir():
        raise LibraryError(f"{path}: is a folder, not a library file", f"{isolate(path)}: זו תיקייה ולא קובץ ספרייה")
    if not path.exists():
        return False
    if path.stat().st_size == 0:
        raise LibraryError(
            f"{path}: the file is empty (0 bytes), so it is not a library; a copy that failed leaves such a "
            "file. It was left as it is: copy the library again, or choose another file",
            f"{isolate(path)}: הקובץ ריק (0 בתים) ולכן אינו ספרייה; כך נראה קובץ שהעתקתו נכשלה. "
            "הקובץ נשאר כפי שהוא: העתיקו את הספרייה שוב או בחרו קובץ אחר",
        )
    try:
        with path.open("rb") as file:
            header = file.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise LibraryError(f"{path}: cannot read the library ({error.strerror})",
                           f"{isolate(path)}: לא ניתן לקרוא את קובץ הספרייה") from error
    if header != SQLITE_MAGIC:
        raise LibraryError(f"{path}: not a Ktav library (not an SQLite database)",
                           f"{isolate(path)}: הקובץ אינו ספריית כתב (אינו מסד נתונים)")
    return True


def write_blocker(path: Path) -> LibraryReadOnlyError | None:
    """Why the library at `path` cannot be written from here (read-only media, no permission), or None."""
    folder = path.parent
    if folder_on_read_only_medium(folder):
        return LibraryReadOnlyError(
            f"{path}: the library is on read-only media (a CD, a read-only share or mount): "
            "it is open for reading only, and nothing can be saved to it",
            f"הספרייה {path.name} נמצאת על מדיה לקריאה בלבד (תקליטור, שיתוף או כונן מוגן מכתיבה): "
            "אפשר לקרוא ולייצא ממנה, אבל אי אפשר לשמור בה שינויים",
        )
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
        return LibraryReadOnlyError(
            f"{path}: no permission to write the library or its folder: it is open for reading only, "
            "and nothing can be saved to it",
            f"אין הרשאה לכתוב בספרייה {path.name} או בתיקייה שלה: אפשר לקרוא ולייצא ממנה, "
            "אבל אי אפשר לשמור בה שינויים",
        )
    return None


def folder_on_read_only_medium(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def disk_is_full(folder: Path) -> bool:
    """Whether writing a little (what opening and saving need) into `folder` fails for lack of space."""
    try:
        with tempfile.TemporaryFile(dir=folder) as probe:
            probe.write(b"\0" * DISK_PROBE_BYTES)
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as error:
        return error.errno in (errno.ENOSPC, errno.EDQUOT)
    return False


def disk_full_error(path: Path) -> DiskFullError:
    return DiskFullError(
        f"{path}: the disk holding the library is full; free some space on it, then try again",
        f"הדיסק שבו נמצאת הספרייה {path.name} מלא: פנו בו מקום ונסו שוב",
    )


@dataclass
class Connection:
    """An open SQLite connection, and the temporary copy it reads when the file could not be read in place."""

    db: sqlite3.Connection
    read_uri: str  # how another connection opens the same file for reading
    snapshot_folder: Path | None = None

    def reader(self) -> sqlite3.Connection:
        """Another connection to the same file, for reading only (WAL lets it read while `db` writes)."""
        connection = _open(self.read_uri)
        connection.execute(f"PRAGMA busy_timeout = {READER_BUSY_TIMEOUT_MS}")
        return connection

    def close(self) -> None:
        self.db.close()
        if self.snapshot_folder is not None:
            shutil.rmtree(self.snapshot_folder, ignore_errors=True)


def connect(path: Path, *, read_only: bool) -> Connection:
    """Open the file; read-only where the folder cannot be written opens in place when SQLite can.

    A library in WAL mode needs its -shm file: on read-only media without one, a library closed
    cleanly is opened `immutable` (nothing can change it there), and one with changes left in
    its -wal file is read from a temporary copy of both, so those changes are not missed.
    """
    in_place = path.as_uri() + "?mode=ro"
    if not read_only:
        return Connection(_open(path.as_uri()), in_place)
    if os.access(path.parent, os.W_OK):
        return Connection(_open(in_place), in_place)
    try:
        return Connection(_open(in_place, probe=True), in_place)
    except sqlite3.DatabaseError:
        pass
    wal = path.with_name(path.name + "-wal")
    if not (wal.exists() and wal.stat().st_size > 0):
        return Connection(_open(path.as_uri() + "?immutable=1"), path.as_uri() + "?immutable=1")
    folder = Path(tempfile.mkdtemp(prefix="ktav-read-only-"))
    try:
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
        copy = (folder / path.name).as_uri() + "?mode=ro"
        return Connection(_open(copy, probe=True), copy, folder)
    except (OSError, sqlite3.DatabaseError) as error:
        shutil.rmtree(folder, ignore_errors=True)
        raise LibraryError(f"{path}: cannot read the library from read-only media ({error})",
                           f"{isolate(path)}: לא ניתן לקרוא את הספרייה מהמדיה לקריאה בלבד") from error


def _open(uri: str, *, probe: bool = False) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    if probe:  # SQLite opens the -wal and -shm files on the first read, not on connect
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError:
            connection.close()
            raise
    return connection


def known_error(error: sqlite3.DatabaseError, path: Path) -> KtavError:
    """Translate an SQLite error into one the user can act on."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_FULL") or (name.startswith("SQLITE_IOERR") and disk_is_full(path.parent)):
        return DiskFullError(f"{path}: the disk is full; nothing was saved",
                             f"{isolate(path)}: הדיסק מלא; השינויים לא נשמרו")
    if name.startswith("SQLITE_READONLY"):
        return LibraryReadOnlyError(f"{path}: the library is read-only; nothing was saved",
                                    f"{isolate(path)}: הספרייה לקריאה בלבד; השינויים לא נשמרו")
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED"):
        return LibraryError(f"{path}: the library is busy (another program is writing); try again",
                            f"{isolate(path)}: הספרייה תפוסה על ידי תוכנה אחרת; נסו שוב")
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")):
        return LibraryError(f"{path}: the library file is damaged or not a database",
                            f"{isolate(path)}: קובץ הספרייה פגום או אינו מסד נתונים")
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")):
        return LibraryError(f"{path}: the library file cannot be read or written ({error})",
                            f"{isolate(path)}: לא ניתן לקרוא או לכתוב את קובץ הספרייה")
    if isinstance(error, (sqlite3.IntegrityError, sqlite3.ProgrammingError)):
        raise error
    return LibraryError(f"{path}: {error}", f"{isolate(path)}: שגיאה בספרייה ({error})")
