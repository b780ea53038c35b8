"""Related posts of many indexed posts at once (an export): `RelatedIndex.query` by blocks, no reasons.

The per-post query is `ranking.rank` over a block of one; here the blocks are bigger, so each step's
numpy work is shared by many posts. Each query's result depends only on itself (see `ranking`), so
the choices are the same posts in the same order as one query each.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np

from editor.core.related import ranking
from editor.core.related.index import RelatedIndex

# Queries ranked together: big enough to share the numpy work, small enough that the block's
# dense rows (queries × the block's own terms) stay small.
BLOCK = 64


def related_ids(index: RelatedIndex, post_ids: Iterable[int], limit: int = 5, *,
                exclude: Mapping[int, Iterable[int]] | None = None, linkable_only: bool = True) -> dict[int, list[int]]:
    """For each indexed id, `[s.post_id for s in index.query(id, limit, exclude=exclude[id])]`."""
    wanted = list(dict.fromkeys(post_ids))
    for post_id in wanted:
        index.post(post_id)  # PostNotFoundError for an id the index does not have
    if limit <= 0 or not wanted:
        return {post_id: [] for post_id in wanted}
    exclude = exclude or {}
    index.prepare_batch()
    post_ids_by_row = index.post_ids()
    found: dict[int, list[int]] = {}
    for start in range(0, len(wanted), BLOCK):
        block = wanted[start:start + BLOCK]
        rows = np.array([index.row_of[i] for i in block], dtype=np.int64)
        terms, weights, owner = index.entries(rows)
        excluded = [{index.row_of[i] for i in (post_id, *exclude.get(post_id, ())) if i in index.row_of}
                    for post_id in block]
        queries = ranking.Queries(terms, weights, owner, excluded, [index.row_tags[int(r)] for r in rows])
        for post_id, ranked in zip(block, ranking.rank(index, queries, limit, linkable_only=linkable_only)):
            found[post_id] = [int(post_ids_by_row[row]) for row, _ in ranked]
    return found
