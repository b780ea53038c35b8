"""An export's related posts: every post's chosen in one pass over the index, and kept in the library
with what they were chosen from; on the command line, chosen in a forked copy of the process from the
export's first moment (`RelatedAside`) while the export reads, checks and renders."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core import forked
from editor.core.errors import KtavError
from editor.core.library.cache_rows import deferred, digest, source_hash, write_rows
from editor.core.models import Post, is_linkable
from editor.core.related import EXPORTED_RELATED, chosen_related_many, stored

if TYPE_CHECKING:
    from editor.core.related.index import RelatedIndex

# From this many posts on, related posts are ranked in one pass over the whole index (which costs about
# as much as a few dozen single queries); fewer are asked one by one.
BATCH_RELATED_FROM = 32


def ranking_code() -> str:
    """The hash of the related code (suggestions kept by another version are ranked again)."""
    import editor.core.related as related

    return source_hash(related)


def choose(library, index_of: Callable[[], RelatedIndex], wanted: list[int], *, known: Mapping[int, Post],
           choices: Mapping[int, list[int]], code: str, fork: bool) -> dict[int, list[Post]]:
    """The related posts of every wanted post (`chosen_related_many`): the writer's choices, then the
    suggestions. Those kept in the library that still hold (`related.evidence`: nothing they were chosen
    from changed) are not ranked again; the others are, and kept. `index_of()` makes the index, only
    when it is needed; `code` is `ranking_code()`; `fork`: see `batch.related_ids`."""
    batch = len(wanted) >= BATCH_RELATED_FROM
    made: list[RelatedIndex] = []

    def the_index() -> RelatedIndex:
        if not made:
            made.append(index_of())
        return made[0]
    suggested: dict[int, list[int]] = {}
    pools: dict[int, list[int]] = {}
    cuts: dict[int, float] = {}
    bars: dict = {}
    evidence = inputs = None
    if batch:
        from editor.core.related.batch import candidate_pools
        from editor.core.related.evidence import Evidence

        index = the_index()
        evidence = Evidence(index)
        summary = digest(code, evidence.summary(), str(EXPORTED_RELATED))
        inputs = {post_id: digest(summary, repr(list(choices.get(post_id, [])))) for post_id in wanted}

        def pools_now(ids: set[int]) -> tuple[dict[int, list[int]], dict[int, float]]:
            cuts_now: dict[int, float] = {}
            return candidate_pools(index, [i for i in wanted if i in ids and i in index],
                                   EXPORTED_RELATED, exclude=choices, cuts=cuts_now), cuts_now

        suggested = stored.kept_suggestions(library, evidence, inputs, pools_now)
    kept = set(suggested)
    chosen = chosen_related_many(library, the_index, wanted, EXPORTED_RELATED, known=known, batch=batch,
                                 suggested=suggested, pools=pools, cuts=cuts, bars=bars,
                                 choices={post_id: list(choices.get(post_id, [])) for post_id in wanted}, fork=fork)
    if evidence is not None and inputs is not None:
        stored.keep_suggestions(library, evidence, inputs,
                                {i: ids for i, ids in suggested.items() if i not in kept}, pools, cuts, bars)
    return chosen


def posts_fingerprint(posts: list[Post], choices: Mapping[int, list[int]]) -> int:
    """What the related posts were chosen from, as one number: equal in a forked copy and its parent
    (they share the interpreter's hash seed) only for the same posts and choices."""
    return hash((tuple((p.id, p.title, p.lead, p.body, p.author, p.date, tuple(p.tags), p.slug, p.status,
                        p.created_at, p.updated_at, p.deleted_at) for p in posts),
                 tuple((post_id, tuple(ids)) for post_id, ids in sorted(choices.items()))))


@dataclass
class AsideAnswer:
    """What the copy chose: by post id, its related posts' ids; the posts and choices it read (as
    `posts_fingerprint`); the cache rows it would have written, for the parent to write."""

    fingerprint: int
    related: dict[int, list[int]]
    writes: list[tuple[str, list[tuple]]]


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
        if threading.active_count() > 1 or not cls._may_answer_at(path):
            return None
        aside = forked.start_aside(lambda: _choose_in_copy(path))
        return cls(aside) if aside is not None else None

    @staticmethod
    def may_answer(library) -> bool:
        """Whether the copy may answer an export of this library: it keeps the files of an earlier export
        and a related snapshot (of another version, the copy builds the index from the stored analyses)."""
        try:  # the first, `caches.files_kept` (not imported for it: it is asked before the copy is forked)
            return bool(library._read("SELECT 1 FROM exported_files LIMIT 1")) and bool(
                library._read("SELECT 1 FROM related_snapshot LIMIT 1"))
        except (KtavError, sqlite3.Error):
            return False

    @classmethod
    def _may_answer_at(cls, path: Path) -> bool:
        from editor.core.library.store import Library

        try:
            with Library.open(path, read_only=True, check_integrity=False) as library:
                return cls.may_answer(library)
        except (KtavError, sqlite3.Error, OSError):
            return False  # an older library (migrated by the export), or one that cannot be read

    def take(self, library, posts: list[Post], choices: Mapping[int, list[int]]) -> dict[int, list[int]] | None:
        """The copy's choices, its cache rows written here; None when it has none, or chose from other
        posts or choices than these (the library changed between its read and this process's)."""
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


def _choose_in_copy(path: Path) -> AsideAnswer | None:
    """In the copy: every linkable post's related posts, as an export of all chooses them."""
    from editor.core.library.store import Library
    from editor.core.related import snapshot

    try:
        with Library.open(path, read_only=True, check_integrity=False) as library:
            if not RelatedAside.may_answer(library):
                return None  # a first export
            posts = library.all_posts()
            choices = library.all_related_choices()
            known = {p.id: p for p in posts if p.id is not None}
            wanted = [post_id for post_id, p in known.items() if is_linkable(p)]
            with deferred() as writes:
                chosen = choose(library, lambda: snapshot.kept_index(library, posts), wanted, known=known,
                                choices=choices, code=ranking_code(), fork=True)
            return AsideAnswer(posts_fingerprint(posts, choices),
                               {post_id: [p.id for p in found if p.id is not None] for post_id, found in chosen.items()},
                               writes)
    except Exception:
        return None
