"""The related posts of the command line's export of all, chosen in a forked copy begun at its first moment.

This module is light on purpose: it is imported, and the copy forked, as soon as the arguments are read,
before the library's code, the related ranking and numpy are imported. The copy imports what it needs
itself (`related_choice.choose_in_copy`) while this process imports the export's; forking after those
imports had the copy start ~45 ms later, and a body edited waits for the copy.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core import forked

if TYPE_CHECKING:
    from editor.core.models import Post

# What the copy answers from: the files of an earlier export and a related snapshot.
ANSWERED_FROM = ("exported_files", "related_snapshot")


def may_answer(library) -> bool:
    """Whether the copy may answer an export of this library: it keeps the files of an earlier export
    and a related snapshot (of another version, the copy builds the index from the stored analyses)."""
    from editor.core.errors import KtavError

    try:  # the first, `caches.files_kept` (not imported for it: it is asked before the copy is forked)
        return all(library._read(f"SELECT 1 FROM {table} LIMIT 1") for table in ANSWERED_FROM)
    except (KtavError, sqlite3.Error):
        return False


def may_answer_at(path: Path) -> bool:
    """`may_answer` asked of the file itself, by SQLite alone (`library.peek`: the library's code not
    imported). It only spares a first export a copy: the copy opens the library as the library's code
    does and asks again, and one that cannot answer (an older library) ends at once."""
    from editor.core.library.peek import has_rows

    return has_rows(path, *ANSWERED_FROM)


class RelatedAside:
    """The related posts of an export of all, chosen in a forked copy of the command line begun before
    any thread starts (so that it may open the library itself: no lock of SQLite's or of an import is
    held by another thread when it forks). The copy reads the library on a read-only connection of its
    own, keeps nothing (its cache rows come back with its answer) and answers only an export after
    one: a first export's workers analyze the posts meanwhile, which it could not use."""

    def __init__(self, aside: forked.Aside) -> None:
        self._aside: forked.Aside | None = aside

    @classmethod
    def start(cls, path: Path) -> RelatedAside | None:
        """The copy begun, choosing the related posts of the library at `path`; None where this system
        cannot fork, where another thread runs already, or where the copy could not answer (a first
        export: looked at before forking, so that no copy takes a core from its start)."""
        if threading.active_count() > 1 or not may_answer_at(path):
            return None
        aside = forked.start_aside(lambda: _choose_in_copy(path))
        return cls(aside) if aside is not None else None

    def take(self, library, posts: list[Post], choices: Mapping[int, list[int]]) -> dict[int, list[int]] | None:
        """The copy's choices, its cache rows written here; None when it has none, or chose from other
        posts or choices than these (the library changed between its read and this process's)."""
        from editor.core.export.related_choice import AsideAnswer, posts_fingerprint
        from editor.core.library.cache_rows import write_rows

        aside, self._aside = self._aside, None
        got = aside.answer() if aside is not None else None
        if got is None or not isinstance(got[0], AsideAnswer) or got[0].fingerprint != posts_fingerprint(posts, choices):
            return None
        for sql, rows in got[0].writes:
            write_rows(library, sql, rows)
        return got[0].related

    def abandon(self) -> None:
        if self._aside is not None:
            self._aside.abandon()
            self._aside = None


def _choose_in_copy(path: Path):
    from editor.core.export.related_choice import choose_in_copy

    return choose_in_copy(path)
