"""An export's related posts: every post's chosen in one pass over the index, and kept in the library
with what they were chosen from; on the command line, chosen in a forked copy of the process from the
export's first moment (`related_aside.RelatedAside`, which runs `choose_in_copy`) while the export reads,
checks and renders."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from editor.core.export.related_aside import may_answer
from editor.core.library.cache_rows import deferred, digest, source_hash
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


def choose_in_copy(path: Path) -> AsideAnswer | None:
    """In the copy: every linkable post's related posts, as an export of all chooses them."""
    from editor.core.library.store import Library
    from editor.core.related import snapshot

    try:
        with Library.open(path, read_only=True, check_integrity=False) as library:
            if not may_answer(library):
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
