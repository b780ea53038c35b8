"""Related posts of many indexed posts at once: `RelatedIndex.query` in numpy, the same arithmetic, no reasons.

Every sum here is taken in the order the per-post query takes it (`np.bincount` adds its weights one by
one, in order, as Python's `sum` does; an absent term adds an exact 0.0), so the scores are the same
floats and the choices the same posts in the same order. Only the reasons are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from itertools import chain

import numpy as np

from editor.core.related import scoring
from editor.core.related.index import RelatedIndex

# Dense blocks (rows × vocabulary) stay below this many floats: about 32 MB.
DENSE_FLOATS = 4_000_000
PAIRS_PER_CHUNK = 2048


class _Vectors:
    """Every post's unit tf-idf vector as row-major arrays, each row's terms in its post's order."""

    def __init__(self, index: RelatedIndex) -> None:
        docs = index.docs
        self.ids = sorted(docs)
        self.row_of = {post_id: row for row, post_id in enumerate(self.ids)}
        idf_table = index.idf_table()
        vocabulary = list(idf_table)
        term_id = {term: number for number, term in enumerate(vocabulary)}
        self.size = len(vocabulary)
        self.idf = np.fromiter(idf_table.values(), dtype=np.float64, count=self.size)
        lengths = np.fromiter((len(docs[i].stems) for i in self.ids), dtype=np.int64, count=len(self.ids))
        self.lengths = lengths
        self.starts = np.zeros(len(self.ids) + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.starts[1:])
        total = int(self.starts[-1])
        stems = chain.from_iterable(docs[i].stems for i in self.ids)
        self.terms = np.fromiter(map(term_id.__getitem__, stems), dtype=np.int64, count=total)
        self.weights = np.fromiter(chain.from_iterable(docs[i].weights for i in self.ids), dtype=np.float64, count=total)
        self.entry_row = np.repeat(np.arange(len(self.ids)), lengths)
        raw = self.weights * self.idf[self.terms]
        norms = np.sqrt(np.bincount(self.entry_row, weights=raw * raw, minlength=len(self.ids)))
        self.values = raw / norms[self.entry_row] if total else raw
        self.terms_ext, self.values_ext = np.append(self.terms, 0), np.append(self.values, 0.0)  # padding
        self.padded = _padded(self.terms, self.values, self.starts, self.lengths)
        self.linkable = [docs[i].linkable for i in self.ids]
        self.tag_sets = [docs[i].tags for i in self.ids]
        # The factor each score is multiplied by, computed as the query computes it.
        self.recency_factors = [index.recency_factor(docs[i].post.date) for i in self.ids]
        self.sat_norms = np.fromiter((index.sat_norms[i] for i in self.ids), dtype=np.float64, count=len(self.ids))
        # Term order for ties among the heaviest terms: as Python compares the strings.
        self.rank = np.empty(self.size, dtype=np.int64)
        self.rank[sorted(range(self.size), key=vocabulary.__getitem__)] = np.arange(self.size)
        # Posting lists: each term's posts (rows) and raw weights.
        by_term = np.argsort(self.terms, kind="stable")
        self.posting_rows = self.entry_row[by_term]
        self.posting_weights = self.weights[by_term]
        self._lookup: Callable[[np.ndarray], np.ndarray] | None = None
        self.posting_starts = np.zeros(self.size + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.terms, minlength=self.size), out=self.posting_starts[1:])

    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the entries of `rows` (each row's in order, rows in the order given) and, for
        each entry, the position in `rows` it belongs to."""
        return _ranges(self.starts[rows], self.lengths[rows])

    def heaviest(self, count: int) -> np.ndarray:
        """Each row's `count` heaviest entries by (value, term) descending, as `heapq.nlargest` picks
        them: entry indices, row by row, each row's in that order."""
        if count <= 0:
            return np.zeros(0, dtype=np.int64)
        entries = np.arange(len(self.terms))
        if self.padded is not None and count < self.padded[1].shape[1]:
            # Only entries as heavy as their row's count-th heaviest can be chosen (ties are sorted below).
            threshold = -np.partition(-self.padded[1], count - 1, axis=1)[:, count - 1]
            entries = np.flatnonzero(self.values >= threshold[self.entry_row])
        order = entries[np.lexsort((-self.rank[self.terms[entries]], -self.values[entries], self.entry_row[entries]))]
        rows = self.entry_row[order]
        position = np.arange(len(order)) - np.searchsorted(rows, rows)
        return order[position < count]

    def lookup(self) -> Callable[[np.ndarray], np.ndarray]:
        """Values by key (row × vocabulary size + term; 0.0 for a term the row lacks): from every row
        made dense for a small library, else by binary search in the sorted keys."""
        if self._lookup is None:
            keys = self.entry_row * self.size + self.terms
            if self.size * len(self.ids) <= 2 * DENSE_FLOATS:
                dense = np.zeros(self.size * len(self.ids))
                dense[keys] = self.values
                self._lookup = dense.__getitem__
            else:
                order = np.argsort(keys)
                sorted_keys, sorted_values = keys[order], np.append(self.values[order], 0.0)

                def search(wanted: np.ndarray) -> np.ndarray:
                    found = np.searchsorted(sorted_keys, wanted)
                    found[sorted_keys[np.minimum(found, len(sorted_keys) - 1)] != wanted] = len(sorted_keys)
                    return sorted_values[found]

                self._lookup = search
        return self._lookup


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenation of range(starts[k], starts[k] + lengths[k]) and, for each item, its k."""
    owner = np.repeat(np.arange(len(starts)), lengths)
    kept = lengths > 0
    starts, lengths = starts[kept], lengths[kept]
    steps = np.ones(len(owner), dtype=np.int64)
    if len(starts):
        first = np.zeros(len(starts), dtype=np.int64)
        np.cumsum(lengths[:-1], out=first[1:])
        # Each run starts with the jump from the end of the one before it; cumsum fills in the rest.
        steps[first[1:]] = starts[1:] - (starts[:-1] + lengths[:-1] - 1)
        steps[0] = starts[0]
    return np.cumsum(steps), owner


def related_ids(index: RelatedIndex, post_ids: Iterable[int], limit: int = 5, *,
                exclude: Mapping[int, Iterable[int]] | None = None, linkable_only: bool = True) -> dict[int, list[int]]:
    """For each indexed id, `[s.post_id for s in index.query(id, limit, exclude=exclude[id])]`."""
    wanted = list(dict.fromkeys(post_ids))
    for post_id in wanted:
        index.post(post_id)  # PostNotFoundError for an id the index does not have
    if limit <= 0 or not wanted:
        return {post_id: [] for post_id in wanted}
    exclude = exclude or {}
    vectors = _Vectors(index)
    heaviest = vectors.heaviest(scoring.QUERY_TERMS)
    per_block = max(1, DENSE_FLOATS // max(1, vectors.size, len(vectors.ids)))
    found: dict[int, list[int]] = {}
    for start in range(0, len(wanted), per_block):
        block = wanted[start:start + per_block]
        found.update(_related_block(index, vectors, heaviest, block, limit, exclude, linkable_only))
    return found


def _related_block(index, vectors: _Vectors, heaviest: np.ndarray, post_ids: list[int], limit: int,
                   exclude: Mapping[int, Iterable[int]], linkable_only: bool) -> dict[int, list[int]]:
    rows = np.array([vectors.row_of[i] for i in post_ids], dtype=np.int64)
    count = max(scoring.MIN_CANDIDATES, 4 * limit)
    candidates = _candidates(vectors, heaviest, rows, post_ids, count, exclude)

    # The first score of each (query, candidate) pair, the query's nearest posts, the expanded query.
    pair_query = np.repeat(np.arange(len(rows)), [len(c) for c in candidates])
    pair_candidate = np.array([c for found in candidates for c in found], dtype=np.int64)
    query_dense = np.zeros((len(rows), vectors.size))
    entries, owner = vectors.entries(rows)
    query_dense[owner, vectors.terms[entries]] = vectors.values[entries]
    query_lengths = vectors.lengths[rows]
    first = _pair_dots(vectors, query_dense, query_lengths, pair_query, pair_candidate,
                       expanded_entries=(entries, owner, vectors.terms[entries]))
    nearest: list[list[int]] = []
    firsts, pair = first.tolist(), 0
    for found in candidates:
        scores = firsts[pair:pair + len(found)]
        pair += len(found)
        ranked = sorted(zip(found, scores), key=lambda item: (-round(item[1], scoring.SCORE_DIGITS), vectors.ids[item[0]]))
        nearest.append([row for row, _ in ranked[:scoring.FEEDBACK_POSTS]])
    expanded_dense, expanded_entries = _expand(vectors, query_dense, nearest, entries, owner)
    final = _pair_dots(vectors, expanded_dense, np.bincount(expanded_entries[1], minlength=len(rows)),
                       pair_query, pair_candidate, expanded_entries=expanded_entries)

    results = {}
    finals = final.tolist()
    pair = 0
    ids, linkable, tag_sets, recency = vectors.ids, vectors.linkable, vectors.tag_sets, vectors.recency_factors
    for number, post_id in enumerate(post_ids):
        tags, near = tag_sets[rows[number]], nearest[number]
        scored = []
        for row in candidates[number]:
            similarity = finals[pair]
            pair += 1
            if linkable_only and not linkable[row]:
                continue
            score = scoring.final_score(similarity, neighbours=len(near), is_neighbour=row in near,
                                        query_tags=tags, tags=tag_sets[row], recency=recency[row])
            scored.append(scoring.rank_key(score, ids[row]))
        scored.sort()
        results[post_id] = [candidate_id for _, candidate_id in scored[:limit]]
    return results


def _candidates(vectors: _Vectors, heaviest: np.ndarray, rows: np.ndarray, post_ids: list[int], count: int,
                exclude: Mapping[int, Iterable[int]]) -> list[list[int]]:
    """Each query's candidate rows, as `PostingArrays.best` picks them: sums over the postings of its
    heaviest terms, taken term by term in their order, divided by each post's norm; ties by id."""
    posts = len(vectors.ids)
    # Each query's heaviest entries, in order (`heaviest` holds them row by row, rows ascending).
    heaviest_rows = vectors.entry_row[heaviest]
    bounds = np.searchsorted(heaviest_rows, rows), np.searchsorted(heaviest_rows, rows, side="right")
    picked, owner = _ranges(bounds[0], bounds[1] - bounds[0])
    picked = heaviest[picked]
    terms = vectors.terms[picked]
    boost = vectors.values[picked] * vectors.idf[terms]
    postings, posting_owner = _ranges(vectors.posting_starts[terms],
                                      vectors.posting_starts[terms + 1] - vectors.posting_starts[terms])
    bins = owner[posting_owner] * posts + vectors.posting_rows[postings]
    sums = np.bincount(bins, weights=vectors.posting_weights[postings] * boost[posting_owner],
                       minlength=len(rows) * posts).reshape(len(rows), posts)
    scores = sums / vectors.sat_norms
    for number, post_id in enumerate(post_ids):
        scores[number, rows[number]] = 0.0
        for excluded in exclude.get(post_id, ()):
            row = vectors.row_of.get(excluded)
            if row is not None:
                scores[number, row] = 0.0
    return _best_rows(scores, count)


def _best_rows(scores: np.ndarray, count: int) -> list[list[int]]:
    """For each row of `scores`, the columns of its `count` highest positive scores, best first,
    ties by column (columns ascend by post id)."""
    if count <= 0 or not scores.size:
        return [[] for _ in range(len(scores))]
    kept = scores > 0.0
    if count < scores.shape[1]:
        # No column below a row's count-th highest score can be chosen; ties at it are sorted below.
        threshold = -np.partition(-scores, count - 1, axis=1)[:, count - 1]
        kept &= scores >= threshold[:, None]
    query, column = np.nonzero(kept)
    order = np.lexsort((column, -scores[query, column], query))
    query, column = query[order], column[order]
    starts = np.searchsorted(query, np.arange(len(scores)))
    ends = np.minimum(np.searchsorted(query, np.arange(len(scores)), side="right"), starts + count)
    columns = column.tolist()
    return [columns[start:end] for start, end in zip(starts.tolist(), ends.tolist())]


def _pair_dots(vectors: _Vectors, dense: np.ndarray, lengths: np.ndarray, pair_query: np.ndarray,
               pair_candidate: np.ndarray, *, expanded_entries) -> np.ndarray:
    """`_dot(query side, candidate vector)` of each pair, summed over the shorter side in its order
    (the query side's longer or equal: the candidate's terms; else the query side's own terms)."""
    dots = np.zeros(len(pair_query))
    if not len(pair_query):
        return dots
    size = vectors.size
    by_candidate = vectors.lengths[pair_candidate] < lengths[pair_query]
    pairs = np.flatnonzero(by_candidate)
    if len(pairs):
        dots[pairs] = _ordered_dots(vectors.terms_ext, vectors.values_ext, vectors.starts, vectors.lengths,
                                    pair_candidate[pairs], dense.ravel().__getitem__, pair_query[pairs] * size,
                                    vectors.padded)
    pairs = np.flatnonzero(~by_candidate)
    if len(pairs):
        # The query side's entries, query by query: its terms in its dict's order.
        _, side_owner, side_terms = expanded_entries
        side_starts = np.searchsorted(side_owner, np.arange(len(lengths)))
        side_values = np.append(dense.ravel()[side_owner * size + side_terms], 0.0)
        side_terms = np.append(side_terms, 0)
        dots[pairs] = _ordered_dots(side_terms, side_values, side_starts, lengths, pair_query[pairs],
                                    vectors.lookup(), pair_candidate[pairs] * size)
    return dots


def _ordered_dots(terms: np.ndarray, values: np.ndarray, starts: np.ndarray, lengths: np.ndarray,
                  owners: np.ndarray, lookup: Callable[[np.ndarray], np.ndarray], bases: np.ndarray,
                  padded: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """For each k, the sum over the entries i of `owners[k]`, in their order, of
    values[i] * lookup(bases[k] + terms[i]); `terms` and `values` end with a 0.0 entry for padding.
    `padded` may hold the same entries as zero-padded rows (`_padded`), which are quicker to gather.

    Done in chunks of similar length, padded to a rectangle and summed column by column: each
    row's sum adds its products one by one, in order, as Python's `sum` does, and the padding adds
    exact zeros. (`np.sum` and `np.add.reduce` may add in another order.)"""
    dots = np.zeros(len(owners))
    sizes = lengths[owners]
    order = np.argsort(sizes, kind="stable")
    padding = len(terms) - 1
    for start in range(0, len(order), PAIRS_PER_CHUNK):
        chosen = order[start:start + PAIRS_PER_CHUNK]
        width = int(sizes[chosen[-1]])
        if width == 0:
            continue
        if padded is not None:
            rows = owners[chosen]
            chunk_terms, chunk_values = padded[0][:, :width][rows], padded[1][:, :width][rows]
        else:
            steps = np.arange(width)
            items = starts[owners[chosen]][:, None] + steps
            items[steps >= sizes[chosen][:, None]] = padding
            chunk_terms, chunk_values = terms[items], values[items]
        products = chunk_values * lookup(bases[chosen][:, None] + chunk_terms)
        sums = np.zeros(len(chosen))
        for column in products.T:
            sums += column
        dots[chosen] = sums
    return dots


def _padded(terms: np.ndarray, values: np.ndarray, starts: np.ndarray, lengths: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray] | None:
    """Each row's terms and values, in order, as the rows of two zero-padded matrices; None when
    they would be too big (a single long post widens every row)."""
    width = int(lengths.max()) if len(lengths) else 0
    if 2 * len(lengths) * width > DENSE_FLOATS:  # two matrices
        return None
    items, owner = _ranges(starts[:len(lengths)], lengths)
    column = np.arange(len(items)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    padded_terms = np.zeros((len(lengths), width), dtype=np.int64)
    padded_values = np.zeros((len(lengths), width))
    padded_terms[owner, column] = terms[items]
    padded_values[owner, column] = values[items]
    return padded_terms, padded_values


def _expand(vectors: _Vectors, query_dense: np.ndarray, nearest: list[list[int]], entries: np.ndarray,
            owner: np.ndarray) -> tuple[np.ndarray, tuple]:
    """The queries moved toward their nearest posts, as `RelatedIndex._expand` does (the same sums in the
    same order), and each expanded query's terms in its dict's order: its own, then each neighbour's new ones.
    `query_dense` becomes the expanded queries."""
    expanded = query_dense.ravel()
    seen = expanded != 0.0
    parts_owner, parts_terms = [owner], [vectors.terms[entries]]
    counts = np.array([len(n) for n in nearest], dtype=np.int64)
    for step in range(scoring.FEEDBACK_POSTS):
        queries = np.flatnonzero(counts > step)
        if not len(queries):
            break
        neighbours = np.array([nearest[q][step] for q in queries], dtype=np.int64)
        items, which = vectors.entries(neighbours)
        query_of = queries[which]
        terms = vectors.terms[items]
        cells = query_of * vectors.size + terms
        new = ~seen[cells]
        expanded[cells] += scoring.FEEDBACK_WEIGHT * vectors.values[items] / counts[query_of]
        seen[cells] = True
        parts_owner.append(query_of[new])
        parts_terms.append(terms[new])
    all_owner = np.concatenate(parts_owner)
    order = np.argsort(all_owner, kind="stable")  # each query's own terms, then its neighbours' new ones
    return query_dense, (None, all_owner[order], np.concatenate(parts_terms)[order])
