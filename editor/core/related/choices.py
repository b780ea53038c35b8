"""The related posts of a post in a library: suggestions, the writer's choices, and the three for export."""

from __future__ import annotations

import threading

from editor.core.errors import PostNotFoundError
from editor.core.models import LINKABLE_STATUSES, Post
from editor.core.related.index import RelatedIndex, Suggestion

EXPORTED_RELATED = 3


def build_index(library) -> RelatedIndex:
    """An index of every post of the library that is not in the trash."""
    return RelatedIndex(library.all_posts())


def suggest_for(library, post_id: int, limit: int = 5, *, index: RelatedIndex | None = None,
                linkable_only: bool = True) -> list[Suggestion]:
    """The posts most related to a stored post, best first (PostNotFoundError for an unknown id)."""
    post = library.get_post(post_id)
    index = index if index is not None else build_index(library)
    target = post_id if post_id in index else post
    return index.query(target, limit, linkable_only=linkable_only)


def is_linkable(post: Post) -> bool:
    return post.status in LINKABLE_STATUSES and not post.in_trash


def chosen_related(library, index: RelatedIndex, post_id: int, count: int = EXPORTED_RELATED) -> list[Post]:
    """The related posts a page links to: the writer's choices in their order (those still linkable),
    then the best suggestions, then (when too few posts are related at all) the newest posts,
    as the site did before Ktav."""
    choices = library.related_choices(post_id)
    chosen: list[Post] = []

    def take(related_ids) -> bool:
        for related_id in related_ids:
            if len(chosen) == count:
                break
            if related_id == post_id or any(p.id == related_id for p in chosen):
                continue
            try:
                related = library.get_post(related_id)
            except PostNotFoundError:  # deleted since (the index may not have heard yet)
                continue
            if is_linkable(related):
                chosen.append(related)
        return len(chosen) == count

    if take(choices):
        return chosen
    target = post_id if post_id in index else library.get_post(post_id)
    suggested = [s.post_id for s in index.query(target, count, exclude=choices)]
    if not take(suggested):
        take(index.newest(count, exclude={post_id, *choices, *suggested}))
    return chosen


class RelatedService:
    """The engine over one library for the writing desk. Suggestions may be asked from a worker
    thread (they read only the index, under a lock); everything else runs on the caller's thread."""

    def __init__(self, library, index: RelatedIndex | None = None) -> None:
        self._library = library
        self._lock = threading.Lock()
        self._index = index
        # Read now (the library belongs to this thread); indexed on first use, maybe in a worker.
        self._unindexed = library.all_posts() if index is None else []

    @property
    def index(self) -> RelatedIndex:
        if self._index is None:
            self._index = RelatedIndex(self._unindexed)
            self._unindexed = []
        return self._index

    def suggestions(self, post: Post | int, limit: int = 8, *, linkable_only: bool = True,
                    exclude: tuple[int, ...] = ()) -> list[Suggestion]:
        """Suggestions for a stored post (its id) or a post as it is being written."""
        with self._lock:
            if isinstance(post, int) and post not in self.index:
                return []
            return self.index.query(post, limit, exclude=exclude, linkable_only=linkable_only)

    def describe(self, post_ids: list[int]) -> list[Suggestion]:
        """Title and date of the given posts (a score of 0, no reason), skipping unknown ids."""
        with self._lock:
            return [self.index.describe(i) for i in post_ids if i in self.index]

    def choices(self, post_id: int) -> list[int]:
        return self._library.related_choices(post_id)

    def set_choices(self, post_id: int, ids: list[int]) -> None:
        self._library.set_related_choices(post_id, list(ids))

    def post_saved(self, post: Post) -> None:
        """Keep the index up with a saved post (one in the trash leaves it)."""
        with self._lock:
            if post.in_trash:
                self.index.remove(post.id)
            else:
                self.index.update(post)

    def post_removed(self, post_id: int) -> None:
        with self._lock:
            self.index.remove(post_id)

    def chosen_related(self, post_id: int, count: int = EXPORTED_RELATED) -> list[Post]:
        with self._lock:
            return chosen_related(self._library, self.index, post_id, count)
