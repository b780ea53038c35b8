"""Rows the library keeps so as not to make them again (caches): the hashes they are keyed by, and
their writing, which never fails an operation.

The caches themselves live beside what they keep: `related.stored` (analyses, suggestions) and
`export.caches` (rendered bodies, the spell check's answers, exported files). Each row says what it was
made from (a content hash) and by which version of the code; one that no longer matches is made
again and replaced. A library that cannot be written (read-only) just makes everything, and a failure
to store is ignored: nothing of the user's is in these tables.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from editor.core.errors import KtavError


def digest(*parts: str) -> str:
    """One hash of several texts (separated, so that ("ab", "c") and ("a", "bc") differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def source_hash(*modules) -> str:
    """The hash of the source files of the given packages or modules (a change of the code that
    makes a cached thing makes it again)."""
    texts: list[str] = []
    for module in modules:
        origin = Path(module.__file__)
        files = sorted(origin.parent.glob("*.py")) if origin.name == "__init__.py" else [origin]
        texts.extend(f"{path.name}\n{path.read_text(encoding='utf-8')}" for path in files)
    return digest(*texts)


# Where the rows to write go instead while `deferred()` holds (a forked copy of the command line,
# whose connection only reads, hands them to its parent to write).
_deferred: list[tuple[str, list[tuple]]] | None = None


@contextlib.contextmanager
def deferred() -> Iterator[list[tuple[str, list[tuple]]]]:
    """Within the block, `write_rows` writes nothing and keeps its statements and rows in the list
    given (in order), for `write_rows` of another process to write."""
    global _deferred
    kept: list[tuple[str, list[tuple]]] = []
    _deferred = kept
    try:
        yield kept
    finally:
        _deferred = None


def write_rows(library, sql: str, rows: list[tuple]) -> None:
    if not rows:
        return
    if _deferred is not None:
        _deferred.append((sql, list(rows)))
        return
    if library.read_only:
        return
    try:
        with library.cache_transaction() as db:
            db.executemany(sql, rows)
    except (KtavError, sqlite3.Error):
        pass  # a cache that cannot be stored is made again next time
