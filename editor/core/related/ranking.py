"""The related-posts ranking of a block of queries at once, in numpy: one query (the window) is a
block of one, an export's every post many blocks, so both give the same posts in the same order.

Steps (the score's arithmetic lives in `scoring.py`): each query's tf-idf vector of unit length;
candidates summed from the champion lists of its heaviest terms; the cosine with each candidate;
the query moved toward its nearest candidates (pseudo-relevance feedback); the cosine again, then
the final score. Every sum over one query's entries is taken in an order that depends on that
query and its candidates only (`np.bincount` adds its weights one by one, in order), never on the
other queries of the block or on the numbers the index gave its terms.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from editor.core.related import scoring
from editor.core.related.postings import ranges


class View(Protocol):
    """What the ranking reads from the index."""

    def idf(self) -> np.ndarray: ...
    def term_count(self) -> int: ...
    def term_order(self, terms: np.ndarray) -> np.ndarray: ...
    def vectors(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def champions(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def post_ids(self) -> np.ndarray: ...
    def linkable_rows(self) -> np.ndarray: ...
    def tag_entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]: ...
    def recency(self, rows: np.ndarray) -> np.ndarray: ...


@dataclass
class Queries:
    """A block of queries: their terms and weights, query by query (`owner`), each in its own order."""

    terms: np.ndarray
    weights: np.ndarray
    owner: np.ndarray
    excluded: list[set[int]]  # rows never suggested to each query (itself among them)
    tags: list[np.ndarray]  # each query's tag numbers

    def __len__(self) -> int:
        return len(self.tags)


@dataclass(frozen=True)
class Bars:
    """What a query's result rested on, beside its candidates: its nearest candidates (the post ids
    its query was moved toward, best first), the rounded first cosine the last of them had (None with
    fewer candidates than FEEDBACK_POSTS), and the rounded score of its last result (None with fewer
    results than asked). A candidate whose cosine and score stay below these joins neither."""

    nearest: tuple[int, ...]
    nearest_bar: float | None
    result_bar: float | None

    @classmethod
    def none(cls) -> Bars:
        return cls((), None, None)


def unit_values(terms: np.ndarray, weights: np.ndarray, owner: np.ndarray, count: int, idf: np.ndarray) -> np.ndarray:
    """Each entry's value in its owner's tf-idf vector of unit length (an empty vector stays empty)."""
    raw = weights.astype(np.float64) * idf[terms]
    norms = np.sqrt(np.bincount(owner, weights=raw * raw, minlength=count))
    norms[norms == 0.0] = 1.0
    return raw / norms[owner] if len(raw) else raw


def rank(view: View, queries: Queries, limit: int, *, linkable_only: bool = True,
         pools: list[np.ndarray] | None = None, cuts: list[float] | None = None,
         bars: list[Bars] | None = None) -> list[list[tuple[int, float]]]:
    """Each query's `limit` best rows with their (rounded) scores, best first (ties by post id).

    `pools`, when given, gets each query's candidate rows: with the query's own row, the only rows
    whose data its result depends on (see `evidence.py`); `cuts` the cheap score a row must reach
    to be one of them (`candidate_rows`); `bars` each query's `Bars`."""
    count = len(queries)
    if limit <= 0 or not len(queries.terms):
        if pools is not None:
            pools.extend(np.zeros(0, dtype=np.int64) for _ in range(count))
        if cuts is not None:
            cuts.extend(0.0 for _ in range(count))
        if bars is not None:
            bars.extend(Bars.none() for _ in range(count))
        return [[] for _ in range(count)]
    q = unit_values(queries.terms, queries.weights, queries.owner, count, view.idf())
    size = max(scoring.MIN_CANDIDATES, 4 * limit)
    pair_query, pair_row, pair_sum = _candidates(view, queries, q, size)
    if pools is not None or cuts is not None:
        _gathered(pair_query, pair_row, pair_sum, count, size, pools, cuts)
    if not len(pair_row):
        if bars is not None:
            bars.extend(Bars.none() for _ in range(count))
        return [[] for _ in range(count)]
    terms, values, pair = view.vectors(pair_row)
    # Every vector of the block as a dense row over the block's own terms (those of its queries and of
    # their candidates), flattened: an entry's place there is taken once for both cosines.
    width, column = _columns(view, queries.terms, terms)
    spots = (pair_query * width)[pair] + column[terms]
    dense = np.zeros(count * width)
    dense[queries.owner * width + column[queries.terms]] = q
    first = np.bincount(pair, weights=values * dense[spots], minlength=len(pair_row))
    post_ids = view.post_ids()[pair_row]
    first = scoring.rounded(first)
    nearest = _best(pair_query, first, post_ids, np.ones(len(pair_row), dtype=bool), scoring.FEEDBACK_POSTS)
    _expand(dense, width, column, len(queries), pair_query, nearest, terms, values, pair, len(pair_row))
    final = np.bincount(pair, weights=values * dense[spots], minlength=len(pair_row))
    is_neighbour = np.zeros(len(pair_row), dtype=bool)
    is_neighbour[nearest] = True
    neighbours = np.bincount(pair_query[nearest], minlength=count)[pair_query]
    scores = scoring.rounded(scoring.final_scores(
        final, is_neighbour=is_neighbour, neighbours=neighbours, tag_overlap=_tag_overlap(view, queries, pair_query, pair_row),
        recency=view.recency(pair_row)))
    allowed = view.linkable_rows()[pair_row] if linkable_only else np.ones(len(pair_row), dtype=bool)
    best = _best(pair_query, scores, post_ids, allowed, limit)
    if bars is not None:
        bars.extend(_bars(pair_query, post_ids, nearest, first, best, scores, count, limit))
    found: list[list[tuple[int, float]]] = [[] for _ in range(count)]
    for number, row, score in zip(pair_query[best].tolist(), pair_row[best].tolist(), scores[best].tolist()):
        found[number].append((row, score))
    return found


def _bars(pair_query: np.ndarray, post_ids: np.ndarray, nearest: np.ndarray, first: np.ndarray, best: np.ndarray,
          scores: np.ndarray, count: int, limit: int) -> list[Bars]:
    """Each query's `Bars`, from the positions of its nearest pairs and of its results (query by query, best first)."""
    near_bounds = np.searchsorted(pair_query[nearest], np.arange(count + 1))
    best_bounds = np.searchsorted(pair_query[best], np.arange(count + 1))
    found = []
    for n in range(count):
        near = nearest[near_bounds[n]:near_bounds[n + 1]]
        results = best[best_bounds[n]:best_bounds[n + 1]]
        found.append(Bars(tuple(post_ids[near].tolist()),
                          float(first[near[-1]]) if len(near) == scoring.FEEDBACK_POSTS else None,
                          float(scores[results[-1]]) if len(results) == limit else None))
    return found


def pair_scores(view: View, queries: Queries, nearest: list[np.ndarray], pair_query: np.ndarray,
                pair_row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The first cosine and the final score of given (query, row) pairs, as `rank` makes them (not
    rounded) when each query's nearest candidates are the rows `nearest` gives it (best first) and
    none of the pairs' rows is one of them."""
    count = len(queries)
    q = unit_values(queries.terms, queries.weights, queries.owner, count, view.idf())
    near_query = np.repeat(np.arange(count), [len(rows) for rows in nearest])
    near_rows = np.concatenate([np.asarray(rows, dtype=np.int64) for rows in nearest]) if nearest else near_query
    every_query = np.concatenate([pair_query, near_query]).astype(np.int64)
    every_row = np.concatenate([pair_row, near_rows]).astype(np.int64)
    terms, values, pair = view.vectors(every_row)
    width, column = _columns(view, queries.terms, terms)
    spots = (every_query * width)[pair] + column[terms]
    dense = np.zeros(count * width)
    dense[queries.owner * width + column[queries.terms]] = q
    pairs = len(pair_row)
    first = np.bincount(pair, weights=values * dense[spots], minlength=len(every_row))[:pairs]
    _expand(dense, width, column, count, every_query, np.arange(pairs, len(every_row)), terms, values, pair,
            len(every_row))
    final = np.bincount(pair, weights=values * dense[spots], minlength=len(every_row))[:pairs]
    scores = scoring.final_scores(
        final, is_neighbour=np.zeros(pairs, dtype=bool), neighbours=np.bincount(near_query, minlength=count)[pair_query],
        tag_overlap=_tag_overlap(view, queries, pair_query, pair_row), recency=view.recency(pair_row))
    return first, scores


def candidate_rows(view: View, queries: Queries, limit: int) -> tuple[list[np.ndarray], list[float]]:
    """Each query's candidate rows, as `rank` gathers them (its `pools`), and its cut: the cheap score
    of its last candidate when it has as many as it gathers (a row scoring less cannot be one), else 0.0."""
    count = len(queries)
    pools: list[np.ndarray] = []
    cuts: list[float] = []
    if limit <= 0 or not len(queries.terms):
        return [np.zeros(0, dtype=np.int64) for _ in range(count)], [0.0] * count
    q = unit_values(queries.terms, queries.weights, queries.owner, count, view.idf())
    size = max(scoring.MIN_CANDIDATES, 4 * limit)
    _gathered(*_candidates(view, queries, q, size), count, size, pools, cuts)
    return pools, cuts


def _gathered(pair_query: np.ndarray, pair_row: np.ndarray, pair_sum: np.ndarray, count: int, size: int,
              pools: list[np.ndarray] | None, cuts: list[float] | None) -> None:
    bounds = np.searchsorted(pair_query, np.arange(count + 1))
    for n in range(count):
        start, end = int(bounds[n]), int(bounds[n + 1])
        if pools is not None:
            pools.append(pair_row[start:end])
        if cuts is not None:
            cuts.append(float(pair_sum[end - 1]) if end - start == size else 0.0)


def _best(pair_query: np.ndarray, scores: np.ndarray, post_ids: np.ndarray, allowed: np.ndarray, count: int) -> np.ndarray:
    """Positions of each query's `count` best allowed pairs, query by query, best first, ties by post id."""
    chosen = np.flatnonzero(allowed)
    order = chosen[np.lexsort((post_ids[chosen], -scores[chosen], pair_query[chosen]))]
    ranked = pair_query[order]
    return order[np.arange(len(order)) - np.searchsorted(ranked, ranked) < count]


def _reaching(group: np.ndarray, values: np.ndarray, count: int) -> np.ndarray:
    """Of entries grouped by query (`group` ascending), whether each value reaches its group's `count`-th
    largest: every one of a group's `count` best is among these, whatever breaks their ties (so sorting
    these alone finds them)."""
    if not len(group):
        return np.ones(0, dtype=bool)
    lengths = np.bincount(group)
    if int(lengths.max()) <= count:
        return np.ones(len(group), dtype=bool)
    place = np.arange(len(group)) - (np.cumsum(lengths) - lengths)[group]
    grid = np.full((len(lengths), int(lengths.max())), np.inf)  # negated, so that the bar is a small k
    grid[group, place] = -values
    bar = -np.partition(grid, count - 1, axis=1)[:, count - 1]
    return values >= bar[group]


def heavy_terms(view: View, owner: np.ndarray, terms: np.ndarray, q: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The entries of each query's heaviest terms, whose champion lists its candidates come from, and
    each one's boost (its weight in the unit query times the term's idf)."""
    order = _heaviest_first(view, owner, terms, q)
    sorted_owner = owner[order]
    heavy = order[np.arange(len(order)) - np.searchsorted(sorted_owner, sorted_owner) < scoring.QUERY_TERMS]
    return heavy, q[heavy] * view.idf()[terms[heavy]]


def _heaviest_first(view: View, owner: np.ndarray, terms: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The entries query by query, each query's heaviest first (ties by the term's text), of those that
    may be among its QUERY_TERMS heaviest: entries in query order weigh no less than the query's
    QUERY_TERMS-th heaviest (the others are never needed, so they are not sorted)."""
    candidates = np.arange(len(owner))
    if len(owner) and bool((owner[1:] >= owner[:-1]).all()):
        candidates = np.flatnonzero(_reaching(owner, q, scoring.QUERY_TERMS))
    found = owner[candidates], terms[candidates], q[candidates]
    return candidates[np.lexsort((-view.term_order(found[1]), -found[2], found[0]))]


def _candidates(view: View, queries: Queries, q: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each query's `count` best rows by a cheap score: over the champion lists of its heaviest terms
    (heaviest first, ties by the term's text as `heapq.nlargest` breaks them), the term's weight in the
    query times its idf, times its impact in the post. Returns (query, row) pairs, query by query,
    each query's best first (ties by post id), with each pair's score."""
    owner, terms = queries.owner, queries.terms
    heavy, boost = heavy_terms(view, owner, terms, q)
    rows, found, which = view.champions(terms[heavy])
    size = len(view.post_ids())
    keys = owner[heavy][which].astype(np.int64) * size + rows
    sums = np.bincount(keys, weights=boost[which] * found.astype(np.float64), minlength=len(queries) * size)
    for number, rows_out in enumerate(queries.excluded):
        if rows_out:
            sums[number * size + np.fromiter(rows_out, dtype=np.int64, count=len(rows_out))] = 0.0
    kept = np.flatnonzero(sums > 0.0)
    kept = kept[_reaching(kept // size, sums[kept], count)]
    pair_query, pair_row = kept // size, kept % size
    chosen = _best(pair_query, sums[kept], view.post_ids()[pair_row], np.ones(len(kept), dtype=bool), count)
    return pair_query[chosen], pair_row[chosen], sums[kept][chosen]


def _columns(view: View, *parts: np.ndarray) -> tuple[int, np.ndarray]:
    """The number of distinct terms in `parts`, and each term's column among them (in term order)."""
    marked = np.zeros(view.term_count(), dtype=bool)
    for terms in parts:
        marked[terms] = True
    present = np.flatnonzero(marked)
    column = np.zeros(view.term_count(), dtype=np.int64)
    column[present] = np.arange(len(present))
    return len(present), column


def _expand(dense: np.ndarray, width: int, column: np.ndarray, count: int, pair_query: np.ndarray,
            nearest: np.ndarray, terms: np.ndarray, values: np.ndarray, pair: np.ndarray, pairs: int) -> None:
    """Move the queries (the rows of `dense`) toward their nearest candidates (Rocchio): each neighbour
    in turn adds FEEDBACK_WEIGHT × its value / (number of neighbours) to each of its terms."""
    pair_starts = np.searchsorted(pair, np.arange(pairs + 1))
    near_query = pair_query[nearest]
    step_of = np.arange(len(nearest)) - np.searchsorted(near_query, near_query)
    divisors = np.bincount(near_query, minlength=count).astype(np.float64)
    for step in range(scoring.FEEDBACK_POSTS):
        chosen = nearest[step_of == step]
        items, which = ranges(pair_starts[chosen], pair_starts[chosen + 1] - pair_starts[chosen])
        owner = pair_query[chosen][which]
        dense[owner * width + column[terms[items]]] += (scoring.FEEDBACK_WEIGHT * values[items]) / divisors[owner]


def _tag_overlap(view: View, queries: Queries, pair_query: np.ndarray, pair_row: np.ndarray) -> np.ndarray:
    """The Jaccard overlap of each pair's tag sets."""
    tags, which = view.tag_entries(pair_row)
    query_sizes = np.array([len(t) for t in queries.tags], dtype=np.int64)
    if not len(tags) or not query_sizes.any():
        return np.zeros(len(pair_row))
    width = int(max(tags.max(), max(int(t.max()) for t in queries.tags if len(t)))) + 1
    wanted = np.sort(np.concatenate([number * width + t.astype(np.int64) for number, t in enumerate(queries.tags)]))
    keys = pair_query[which] * width + tags
    spot = np.minimum(np.searchsorted(wanted, keys), len(wanted) - 1)
    shared = np.bincount(which, weights=(wanted[spot] == keys).astype(np.float64), minlength=len(pair_row))
    sizes = np.bincount(which, minlength=len(pair_row)).astype(np.float64)
    return scoring.jaccard(shared, query_sizes[pair_query].astype(np.float64), sizes)
