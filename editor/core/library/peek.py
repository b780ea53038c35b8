"""Questions about a library file answered by SQLite alone, read-only, without the library's code (the
command line asks them before it imports that code, to decide what to begin meanwhile)."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path


def has_rows(path: str | Path, *tables: str) -> bool:
    """Whether each of these tables of the library at `path` has a row. False for a file that is not a
    library, cannot be read, or lacks a table (an older library): the caller then begins nothing ahead."""
    try:
        with contextlib.closing(sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)) as db:
            return all(db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None for table in tables)
    except (sqlite3.Error, OSError, ValueError):
        return False
