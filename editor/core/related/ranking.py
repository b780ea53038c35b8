"""The related-posts ranking of a block of queries at once, in numpy: one query (the window) is a
block of one, an export's every post many blocks, so both give the same posts in the same order.

Steps (the arithmetic of each lives in `scoring.py`): each query's tf-idf vector of unit length;
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
    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def champions(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def post_ids(self) -> np.ndarray: ...
    def linkable(self, row: int) -> bool: ...
    def tags(self, row: int) -> frozenset[str]: ...
    def recency(self, row: int) -> float: ...


@dataclass
class Queries:
    """A block of queries: their terms and weights, query by query (`owner`), each in its own order."""

    terms: np.ndarray
    weights: np.ndarray
    owner: np.ndarray
    excluded: list[set[int]]  # rows never suggested to each query (itself among them)
    tags: list[frozenset[str]]

    def __len__(self) -> int:
        return len(self.tags)


def query_vectors(view: View, queries: Queries) -> np.ndarray:
    """Each entry's value in its query's unit tf-idf vector."""
    raw = queries.weights.astype(np.float64) * view.idf()[queries.terms]
    norms = np.sqrt(np.bincount(queries.owner, weights=raw * raw, minlength=len(queries)))
    return raw / norms[queries.owner] if len(raw) else raw


def candidate_vectors(view: View, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The entries of the given rows (row by row, each in its order): terms, unit tf-idf values, owner."""
    terms, weights, owner = view.entries(rows)
    raw = weights.astype(np.float64) * view.idf()[terms]
    norms = np.sqrt(np.bincount(owner, weights=raw * raw, minlength=len(rows)))
    norms[norms == 0.0] = 1.0
    return terms, raw / norms[owner], owner


def rank(view: View, queries: Queries, limit: int, *, linkable_only: bool = True) -> list[list[tuple[int, float]]]:
    """Each query's `limit` best rows with their scores, best first (ties by post id)."""
    count = len(queries)
    if limit <= 0 or not len(queries.terms):
        return [[] for _ in range(count)]
    q = query_vectors(view, queries)
    pair_query, pair_row = _candidates(view, queries, q, max(scoring.MIN_CANDIDATES, 4 * limit))
    if not len(pair_row):
        return [[] for _ in range(count)]
    terms, values, pair = candidate_vectors(view, pair_row)
    entry_query = pair_query[pair]
    dense, local = _dense(view, count, [(queries.owner, queries.terms, q)])
    first = np.bincount(pair, weights=values * dense[entry_query, local[terms]], minlength=len(pair_row))
    post_ids = view.post_ids()
    bounds = np.searchsorted(pair_query, np.arange(count + 1))
    nearest = [_nearest(first, pair_row, post_ids, int(bounds[n]), int(bounds[n + 1])) for n in range(count)]
    dense, local = _expanded(view, queries, q, nearest, terms, values, pair, len(pair_row))
    final = np.bincount(pair, weights=values * dense[entry_query, local[terms]], minlength=len(pair_row)).tolist()
    found = []
    rows = pair_row.tolist()
    for number in range(count):
        near, tags, scored = nearest[number], queries.tags[number], []
        for p in range(int(bounds[number]), int(bounds[number + 1])):
            row = rows[p]
            if linkable_only and not view.linkable(row):
                continue
            score = scoring.final_score(final[p], neighbours=len(near), is_neighbour=p in near, query_tags=tags,
                                        tags=view.tags(row), recency=view.recency(row))
            scored.append((*scoring.rank_key(score, int(post_ids[row])), row))
        scored.sort()
        found.append([(row, -negative) for negative, _, row in scored[:limit]])
    return found


def _candidates(view: View, queries: Queries, q: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Each query's `count` best rows by a cheap score: over the champion lists of its heaviest terms
    (heaviest first, ties by the term's text as `heapq.nlargest` breaks them), the term's weight in the
    query times its idf, times its impact in the post. Returns (query, row) pairs, query by query,
    each query's best first (ties by post id)."""
    owner, terms = queries.owner, queries.terms
    order = np.lexsort((-view.term_order(terms), -q, owner))
    starts = np.searchsorted(owner[order], owner[order], side="left")
    heavy = order[np.arange(len(order)) - starts < scoring.QUERY_TERMS]
    boost = q[heavy] * view.idf()[terms[heavy]]
    rows, found, which = view.champions(terms[heavy])
    size = len(view.post_ids())
    keys = owner[heavy][which].astype(np.int64) * size + rows
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse.ravel(), weights=boost[which] * found.astype(np.float64), minlength=len(unique))
    excluded = [number * size + row for number, rows_out in enumerate(queries.excluded) for row in rows_out]
    kept = sums > 0.0
    if excluded:
        kept &= ~np.isin(unique, np.array(excluded, dtype=np.int64))
    unique, sums = unique[kept], sums[kept]
    pair_query, pair_row = unique // size, unique % size
    order = np.lexsort((view.post_ids()[pair_row], -sums, pair_query))
    pair_query, pair_row = pair_query[order], pair_row[order]
    starts = np.searchsorted(pair_query, pair_query, side="left")
    chosen = np.arange(len(pair_query)) - starts < count
    return pair_query[chosen], pair_row[chosen]


def _nearest(first: np.ndarray, pair_row: np.ndarray, post_ids: np.ndarray, start: int, end: int) -> list[int]:
    """A query's nearest candidates (pair positions) by their first score, ties by post id."""
    ranked = sorted(range(start, end), key=lambda p: (-round(float(first[p]), scoring.SCORE_DIGITS), int(post_ids[pair_row[p]])))
    return ranked[:scoring.FEEDBACK_POSTS]


def _dense(view: View, count: int, parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray]:
    """The queries as dense rows over the block's own terms (a zero column for any other term), and
    the column of each term."""
    marked = np.zeros(view.term_count(), dtype=bool)
    for _, terms, _ in parts:
        marked[terms] = True
    present = np.flatnonzero(marked)
    local = np.full(view.term_count(), len(present), dtype=np.int64)
    local[present] = np.arange(len(present))
    dense = np.zeros((count, len(present) + 1))
    for owner, terms, values in parts:
        if values is not None:
            dense[owner, local[terms]] = values
    return dense, local


def _expanded(view: View, queries: Queries, q: np.ndarray, nearest: list[list[int]], terms: np.ndarray,
              values: np.ndarray, pair: np.ndarray, pairs: int) -> tuple[np.ndarray, np.ndarray]:
    """The queries moved toward their nearest candidates (Rocchio): each neighbour in turn adds
    FEEDBACK_WEIGHT × its value / (number of neighbours) to each of its terms."""
    pair_starts = np.searchsorted(pair, np.arange(pairs + 1))
    steps = []
    for step in range(scoring.FEEDBACK_POSTS):
        numbers = [n for n, near in enumerate(nearest) if len(near) > step]
        if not numbers:
            break
        pairs = np.array([nearest[n][step] for n in numbers], dtype=np.int64)
        items, which = ranges(pair_starts[pairs], pair_starts[pairs + 1] - pair_starts[pairs])
        divisors = np.array([len(nearest[n]) for n in numbers], dtype=np.float64)
        steps.append((np.array(numbers, dtype=np.int64)[which], items, divisors[which]))
    dense, local = _dense(view, len(queries), [(queries.owner, queries.terms, q)]
                          + [(owner, terms[items], None) for owner, items, _ in steps])
    for owner, items, divisors in steps:
        dense[owner, local[terms[items]]] += (scoring.FEEDBACK_WEIGHT * values[items]) / divisors
    return dense, local
