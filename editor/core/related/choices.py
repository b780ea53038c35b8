"""The related posts of a post in a library: suggestions, the writer's choices, and the three for export."""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

from editor.core.errors import PostNotFoundError
from editor.core.models import Post, is_linkable, stored_id

if TYPE_CHECKING:  # the index (and numpy under it) is imported where it is built: the window starts without it
    from editor.core.related.index import RelatedIndex, Suggestion

EXPORTED_RELATED = 3


def build_index(library) -> RelatedIndex:
    """An index of every post of the library that is not in the trash, from the analyses stored in
    the library (only posts changed since are analyzed again, and their analyses stored)."""
    from editor.core.related.stored import related_index

    return related_index(library)


def suggest_for(library, post_id: int, limit: int = 5, *, index: RelatedIndex | None = None,
                linkable_only: bool = True) -> list[Suggestion]:
    """The posts most related to a stored post, best first (PostNotFoundError for an unknown id)."""
    post = library.get_post(post_id)
    index = index if index is not None else build_index(library)
    target = post_id if post_id in index else post
    return index.query(target, limit, linkable_only=linkable_only)


def chosen_related(library, index: RelatedIndex, post_id: int, count: int = EXPORTED_RELATED) -> list[Post]:
    """The related posts a page links to: the writer's choices in their order (those still linkable),
    then the best suggestions, then (when too few posts are related at all) the newest posts,
    as the site did before Ktav."""
    return chosen_related_many(library, index, [post_id], count, batch=False)[post_id]


def chosen_related_many(library, index: RelatedIndex | Callable[[], RelatedIndex], post_ids: Iterable[int],
                        count: int = EXPORTED_RELATED, *, known: Mapping[int, Post] | None = None, batch: bool = True,
                        suggested: dict[int, list[int]] | None = None,
                        pools: dict[int, list[int]] | None = None, cuts: dict[int, float] | None = None,
                        bars: dict | None = None, choices: Mapping[int, list[int]] | None = None,
                        fork: bool = False) -> dict[int, list[Post]]:
    """`chosen_related` of many posts at once (an export): with `batch`, the suggestions of all the
    indexed ones are ranked in one pass (`batch.related_ids`: the same posts, no reasons), else
    by one query each. `known` holds posts already read from the library, by id. `index` may be a
    function that makes it (called only if a post needs it). `suggested`: the suggestions already
    known (`related_ids` of a post with its choices excluded), by id; those made here are added,
    and, given `pools` (and `cuts`, `bars`), the candidates each batch-ranked one was chosen from (and the
    score they had to reach, and what else its result rested on: `ranking.Bars`). `choices`: the
    writer's choices of the posts, when already read. `fork`: see `batch.related_ids`."""
    known = known or {}
    made: list[RelatedIndex] = []

    def the_index() -> RelatedIndex:
        if not made:
            made.append(index() if callable(index) else index)
        return made[0]
    posts: dict[int, Post | None] = {}

    def read(post_id: int) -> Post | None:
        if post_id in known:
            return known[post_id]
        if post_id not in posts:
            try:
                posts[post_id] = library.get_post(post_id)
            except PostNotFoundError:  # deleted since (the index may not have heard yet)
                posts[post_id] = None
        return posts[post_id]

    def take(post_id: int, chosen: list[Post], related_ids) -> bool:
        for related_id in related_ids:
            if len(chosen) == count:
                break
            if related_id == post_id or any(p.id == related_id for p in chosen):
                continue
            related = read(related_id)
            if related is not None and is_linkable(related):
                chosen.append(related)
        return len(chosen) == count

    wanted = list(dict.fromkeys(post_ids))
    choices = {post_id: list(choices[post_id]) if choices is not None and post_id in choices
               else library.related_choices(post_id) for post_id in wanted}
    chosen: dict[int, list[Post]] = {post_id: [] for post_id in wanted}
    short = [post_id for post_id in wanted if not take(post_id, chosen[post_id], choices[post_id])]
    suggested = suggested if suggested is not None else {}
    unknown = [post_id for post_id in short if post_id not in suggested]
    indexed = [post_id for post_id in unknown if post_id in the_index()] if unknown else []
    if batch and indexed:
        from editor.core.related.batch import related_ids as ranked

        suggested.update(ranked(the_index(), indexed, count, exclude=choices, pools=pools, cuts=cuts, bars=bars,
                                fork=fork))
    for post_id in short:
        if post_id not in suggested:
            index_now = the_index()
            target = post_id if post_id in index_now else known.get(post_id) or library.get_post(post_id)
            suggested[post_id] = [s.post_id for s in index_now.query(target, count, exclude=choices[post_id])]
        if not take(post_id, chosen[post_id], suggested[post_id]):
            newest = the_index().newest(count, exclude={post_id, *choices[post_id], *suggested[post_id]})
            take(post_id, chosen[post_id], newest)
    return chosen


@contextlib.contextmanager
def collector_held() -> Iterator[None]:
    """Python's cycle collector off while the block runs, and everything made until then frozen out of
    its later passes (`gc.freeze`). Building the index of 10,000 posts makes enough objects for a
    full pass (34 ms in a bare process, more in a window) and several young ones (up to 10 ms) on
    the builder's thread, each holding the interpreter the window's thread waits for; and once built,
    the index would make every later full pass longer. The index holds no cycle (its postings see it
    through a weak proxy), so what is frozen is freed by its counts when it goes."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


class RelatedService:
    """The engine over one library for the writing desk.

    Suggestions may be asked from a worker thread: they read only the index, under a lock, and
    the index is built by the first of them, which reads the library's posts then (on its own
    thread: at 10,000 posts that read alone takes most of a second). Everything else never waits for
    the index: saves and removals are queued and applied by the next question.
    """

    def __init__(self, library, index: RelatedIndex | None = None, *, pace: Callable[[], None] | None = None,
                 hold_collector: bool = False, kept: bool = False) -> None:
        self._library = library
        self._pace = pace  # called while the index is built (see stored.related_index)
        self._hold_collector = hold_collector  # the window's: see `collector_held`
        self._kept = kept  # the index is the library's snapshot brought up to date (`snapshot.kept_index`)
        self._froze = self._closed = False
        self._lock = threading.Lock()
        self._index = index

        self._queue_lock = threading.Lock()
        self._queued: list[Post | int] = []  # saved posts, or ids of removed ones

    def _ready_index(self) -> RelatedIndex:
        """The index with every queued change applied (call with the lock held)."""
        if self._index is None:
            from editor.core.related.snapshot import kept_index
            from editor.core.related.stored import related_index

            with collector_held() if self._hold_collector else contextlib.nullcontext():
                if self._kept:
                    self._index = kept_index(self._library, self._library.all_posts())
                else:  # the stored analyses of the posts
                    self._index = related_index(self._library, pace=self._pace)
            self._froze = self._hold_collector
            if self._closed:
                self.close()
        with self._queue_lock:
            queued, self._queued = self._queued, []
        for change in queued:
            if isinstance(change, int):
                self._index.remove(change)
            elif change.in_trash:
                self._index.remove(stored_id(change))
            else:
                self._index.update(change)
        return self._index

    def close(self) -> None:
        """The window is going: what the build froze (`collector_held`) is the collector's again, so
        that what the window leaves behind is freed."""
        self._closed = True
        if self._froze:
            self._froze = False
            gc.unfreeze()

    def suggestions(self, post: Post | int, limit: int = 8, *, linkable_only: bool = True,
                    exclude: tuple[int, ...] = ()) -> list[Suggestion]:
        """Suggestions for a stored post (its id) or a post as it is being written."""
        with self._lock:
            index = self._ready_index()
            if isinstance(post, int) and post not in index:
                return []
            return index.query(post, limit, exclude=exclude, linkable_only=linkable_only)

    def describe(self, post_ids: list[int]) -> list[Suggestion]:
        """Title, date and status of the given posts (no score or reason), skipping unknown ids."""
        described = []
        for post_id in post_ids:
            try:
                post = self._library.get_post(post_id)
            except PostNotFoundError:
                continue
            from editor.core.related.index import Suggestion

            described.append(Suggestion(post.id, post.title, post.date, 0.0, (), post.status))
        return described

    def choices(self, post_id: int) -> list[int]:
        return self._library.related_choices(post_id)

    def set_choices(self, post_id: int, ids: list[int]) -> None:
        self._library.set_related_choices(post_id, list(ids))

    def post_saved(self, post: Post) -> None:
        """Keep the index up with a saved post (one in the trash leaves it)."""
        with self._queue_lock:
            self._queued.append(post.copy())

    def post_removed(self, post_id: int) -> None:
        with self._queue_lock:
            self._queued.append(post_id)

    def chosen_related(self, post_id: int, count: int = EXPORTED_RELATED) -> list[Post]:
        """The posts the page links to (see `chosen_related`); waits for the index if need be."""
        with self._lock:
            return chosen_related(self._library, self._ready_index(), post_id, count)
