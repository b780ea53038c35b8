"""Related posts of many indexed posts at once (an export): `RelatedIndex.query` by blocks, no reasons.

The per-post query is `ranking.rank` over a block of one; here the blocks are bigger, so each step's
numpy work is shared by many posts. Each query's result depends only on itself (see `ranking`), so
the choices are the same posts in the same order as one query each.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from editor.core import forked
from editor.core.related import ranking
from editor.core.related.index import RelatedIndex

# Queries ranked together: big enough to share the numpy work, small enough that the block's
# dense rows (queries × the block's own terms) stay small.
BLOCK = 64
# Blocks from which a batch asked to fork ranks half of them in a forked copy (fewer: the fork costs more).
FORK_FROM_BLOCKS = 4
# A batch of at least 1/PREPARE_SHARE of the posts makes what queries share first (`prepare_batch`:
# exact champion lists, every row's vector); fewer queries read the index as it is (the same answers).
PREPARE_SHARE = 16


def related_ids(index: RelatedIndex, post_ids: Iterable[int], limit: int = 5, *,
                exclude: Mapping[int, Iterable[int]] | None = None, linkable_only: bool = True,
                pools: dict[int, list[int]] | None = None, cuts: dict[int, float] | None = None,
                bars: dict[int, ranking.Bars] | None = None, fork: bool = False) -> dict[int, list[int]]:
    """For each indexed id, `[s.post_id for s in index.query(id, limit, exclude=exclude[id])]`;
    `pools` gets the ids of the candidates each one was chosen from (`ranking.rank`), `cuts` the
    score a candidate had to reach, `bars` what else its result rested on (`ranking.Bars`). `fork`: many
    posts are ranked half here, half in a forked copy of this process at the same time (`forked.in_two`;
    only where nothing else forbids forking)."""
    wanted = list(dict.fromkeys(post_ids))
    for post_id in wanted:
        index.post(post_id)  # PostNotFoundError for an id the index does not have
    if limit <= 0 or not wanted:
        return {post_id: [] for post_id in wanted}
    exclude = exclude or {}
    if len(wanted) * PREPARE_SHARE >= len(index):
        index.prepare_batch()

    def ranked(blocks: list[list[int]]) -> list[tuple[int, list[int], list[int], float, ranking.Bars]]:
        """(post id, its related ids, its candidates' ids, its cut, its bars) of each post of the blocks."""
        post_ids_by_row = index.post_ids()
        answers = []
        for block in blocks:
            block_pools: list[np.ndarray] = []
            block_cuts: list[float] = []
            block_bars: list[ranking.Bars] = []
            ranked_block = ranking.rank(index, queries_of(index, block, exclude), limit, linkable_only=linkable_only,
                                        pools=block_pools, cuts=block_cuts, bars=block_bars)
            answers += [(post_id, [int(post_ids_by_row[row]) for row, _ in ranked_post],
                         post_ids_by_row[pool].tolist(), cut, post_bars)
                        for post_id, ranked_post, pool, cut, post_bars
                        in zip(block, ranked_block, block_pools, block_cuts, block_bars)]
        return answers

    blocks = list(_blocks(wanted))
    if fork and len(blocks) >= FORK_FROM_BLOCKS and forked.can_fork():
        here, there = forked.in_two(ranked, blocks[0::2], blocks[1::2])
        answers = here + there
    else:
        answers = ranked(blocks)
    found: dict[int, list[int]] = {}
    for post_id, related, pool, cut, post_bars in answers:
        found[post_id] = related
        if pools is not None:
            pools[post_id] = pool
        if cuts is not None:
            cuts[post_id] = cut
        if bars is not None:
            bars[post_id] = post_bars
    return {post_id: found[post_id] for post_id in wanted}


def candidate_pools(index: RelatedIndex, post_ids: Iterable[int], limit: int, *,
                    exclude: Mapping[int, Iterable[int]] | None = None,
                    cuts: dict[int, float] | None = None) -> dict[int, list[int]]:
    """The ids of the candidates `related_ids` would rank for each indexed id (its first, cheap step
    alone), best first; `cuts` gets the score a candidate had to reach."""
    wanted = list(dict.fromkeys(post_ids))
    exclude = exclude or {}
    if len(wanted) * PREPARE_SHARE >= len(index):
        index.prepare_batch()
    post_ids_by_row = index.post_ids()
    pools: dict[int, list[int]] = {}
    for block, queries in _blocks_of_queries(index, wanted, exclude):
        block_pools, block_cuts = ranking.candidate_rows(index, queries, limit)
        for post_id, pool, cut in zip(block, block_pools, block_cuts):
            pools[post_id] = post_ids_by_row[pool].tolist()
            if cuts is not None:
                cuts[post_id] = cut
    return pools


def _blocks_of_queries(index: RelatedIndex, wanted: list[int], exclude: Mapping[int, Iterable[int]]):
    """The wanted ids BLOCK at a time, each block with its posts' queries."""
    for block in _blocks(wanted):
        yield block, queries_of(index, block, exclude)


def _blocks(wanted: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(wanted), BLOCK):
        yield wanted[start:start + BLOCK]


def queries_of(index: RelatedIndex, block: list[int], exclude: Mapping[int, Iterable[int]]) -> ranking.Queries:
    """The queries of a block of indexed posts (each one itself excluded)."""
    rows = np.array([index.row_of[i] for i in block], dtype=np.int64)
    terms, weights, owner = index.entries(rows)
    excluded = [{index.row_of[i] for i in (post_id, *exclude.get(post_id, ())) if i in index.row_of}
                for post_id in block]
    return ranking.Queries(terms, weights, owner, excluded, [index.row_tags[int(r)] for r in rows])
