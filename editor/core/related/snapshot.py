"""The related index kept whole in the library (schema version 6), so that an export brings it up to
date with the posts changed since, instead of building it again from every post's analysis.

A snapshot is read only by the version of the code that wrote it (`snapshot_version`), and with an
unpickler that makes nothing but the index's own classes, dates and numpy arrays: the library is a
file the user may have been sent, and a pickle that names anything else is refused (then the index
is built as without a snapshot).
"""

from __future__ import annotations

import io
import pickle
import platform
import sqlite3
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING

from editor.core.errors import KtavError
from editor.core.library.cache_rows import digest, source_hash, write_rows
from editor.core.models import Post
from editor.core.related.evidence import row_digest
from editor.core.related.rows import indexed_version

if TYPE_CHECKING:
    from editor.core.related import analyzer
    from editor.core.related.index import RelatedIndex

# Bump when the snapshot's shape changes without the related code changing.
SNAPSHOT_FORMAT = 1
# Posts changed since the snapshot from which it is stored again (fewer are brought up to date at each
# export, which costs less than storing it).
STORE_AFTER = 16
# Past this share of the library changed, the index is built again (cheaper than so many updates).
REBUILD_FRACTION = 4

_ALLOWED = {
    ("editor.core.related.index", "RelatedIndex"),
    ("editor.core.related.postings", "Postings"),
    ("editor.core.related.lexicon", "Lexicon"),
    ("editor.core.models", "Post"),
    ("editor.core.models", "Status"),
    ("datetime", "date"),
    ("numpy", "dtype"),
    ("numpy", "ndarray"),
}
_NUMPY_MODULES = {"numpy.core.numeric", "numpy._core.numeric", "numpy.core.multiarray", "numpy._core.multiarray"}
_NUMPY_MAKERS = {"_frombuffer", "_reconstruct", "scalar"}


class SnapshotRefused(pickle.UnpicklingError):
    """A snapshot that names something other than what an index is made of."""


class _IndexUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str):
        if (module, name) in _ALLOWED or (module in _NUMPY_MODULES and name in _NUMPY_MAKERS):
            return super().find_class(module, name)
        raise SnapshotRefused(f"{module}.{name} is not part of a related index")


@lru_cache(maxsize=1)
def snapshot_version() -> str:
    """The version a snapshot is kept by: its format, the related code, the analysis, numpy and Python."""
    import numpy

    import editor.core.related as related
    from editor.core.related import analyzer

    return digest(str(SNAPSHOT_FORMAT), source_hash(related), str(analyzer.ANALYSIS_VERSION), numpy.__version__,
                  platform.python_implementation(), platform.python_version())


def dumps(index: RelatedIndex) -> bytes:
    return pickle.dumps(index, protocol=5)


def loads(data: bytes) -> RelatedIndex:
    """An index from `dumps` (SnapshotRefused for a pickle of anything else)."""
    from editor.core.related.index import RelatedIndex

    index = _IndexUnpickler(io.BytesIO(data)).load()
    if not isinstance(index, RelatedIndex):
        raise SnapshotRefused("the snapshot is not a related index")
    return index


def load(library) -> RelatedIndex | None:
    """The library's snapshot made by this version of the code, if it has one (and it can be read)."""
    try:
        rows = library._read("SELECT data FROM related_snapshot WHERE version = ?", (snapshot_version(),))
    except (KtavError, sqlite3.Error):
        return None
    if not rows:
        return None
    try:
        return loads(rows[0]["data"])
    except Exception:  # a damaged or foreign snapshot is only a cache: the index is built instead
        return None


def store(library, index: RelatedIndex) -> None:
    """Keep the index as it is now (and only it: snapshots of other versions go)."""
    version = snapshot_version()
    index.settle()
    tag_names = index.tag_names()
    for post_id in index.row_of:  # kept with it: every export's `Evidence` reads them
        row_digest(index, post_id, tag_names)
    write_rows(library, "INSERT OR REPLACE INTO related_snapshot (version, data) VALUES (?, ?)",
               [(version, dumps(index))])
    write_rows(library, "DELETE FROM related_snapshot WHERE version != ?", [(version,)])


def kept_index(library, posts: Iterable[Post], made: Mapping[int, analyzer.Analysis] | None = None) -> RelatedIndex:
    """The related index of `posts` (the library's posts not in the trash): the library's snapshot
    brought up to date (the posts changed, come or gone since), else built from the stored analyses
    (`stored.related_index`); stored again when it was built or much was brought up to date."""
    from editor.core.related.stored import related_index, stored_analyses

    posts = list(posts)
    index = load(library)
    if index is not None:
        current = {post.id for post in posts}
        gone = [post_id for post_id in index.row_of if post_id not in current]
        stale = [post for post in posts if index.indexed_as.get(post.id or -1) != indexed_version(post)]
        changes = len(gone) + len(stale)
        if changes * REBUILD_FRACTION <= len(posts):
            try:
                index.remove_many(gone)
                index.add_analyzed(stored_analyses(library, stale, made))
            except (IndexError, KeyError, TypeError, ValueError, AttributeError):
                index = None  # a snapshot whose parts do not hold together (not one this code wrote): built afresh
            else:
                if changes >= STORE_AFTER:
                    store(library, index)
                return index
    index = related_index(library, posts, made)
    store(library, index)
    return index
