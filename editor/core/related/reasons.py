"""Why a post is suggested: the words that weigh most in both it and the query, as it writes them.

Worked out on the term numbers in numpy (a suggested post has hundreds of terms, of which a few
become reasons); the sums and their order are those of a running sum over the post's terms in
their order, so the reasons are the same as when they were worked out on the words themselves.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

from editor.core.related import analyzer
from editor.core.related.lexicon import Lexicon
from editor.core.related.scoring import SCORE_DIGITS

REASON_TERMS = 3


class Rows(Protocol):
    """What the reasons read from the index."""

    lexicon: Lexicon
    row_weights: list[np.ndarray]

    def vectors(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def surface(self, stem: str, row: int) -> str: ...


def shared_terms(index: Rows, query_terms: np.ndarray, query_values: np.ndarray, rows: list[int]
                 ) -> list[tuple[str, ...]]:
    """For each of the given rows, the words that weigh most in both the query (its distinct terms
    and their unit tf-idf values) and that row's post; the inflections of one word (ילד, ילדים)
    count as one reason. All the rows are worked out together."""
    if not rows or not len(query_terms):
        return [() for _ in rows]
    terms, values, owner = index.vectors(np.array(rows, dtype=np.int64))
    order = np.argsort(query_terms, kind="stable")
    sorted_terms = query_terms[order]
    spot = np.minimum(np.searchsorted(sorted_terms, terms), len(sorted_terms) - 1)
    entry = np.flatnonzero(sorted_terms[spot] == terms)  # the rows' terms the query has, in their order
    roots = index.lexicon.roots()
    entry_roots = roots[terms]
    shared = terms[entry]
    keys = np.where(entry_roots[entry] >= 0, entry_roots[entry], shared)  # a stem by its root, a root by itself
    width = len(index.lexicon.terms)
    unique, inverse = np.unique(owner[entry].astype(np.int64) * width + keys, return_inverse=True)
    # np.bincount adds each group's products one by one in the rows' order, as a running sum does
    sums = np.bincount(inverse.ravel(), weights=query_values[order[spot[entry]]] * values[entry],
                       minlength=len(unique)).tolist()
    key_bounds = np.searchsorted(unique // width, np.arange(len(rows) + 1)).tolist()
    entry_bounds = np.searchsorted(owner, np.arange(len(rows) + 1)).tolist()
    key_of, texts = (unique % width).tolist(), index.lexicon.terms
    found = []
    for number, row in enumerate(rows):
        groups = range(key_bounds[number], key_bounds[number + 1])
        best = sorted(groups, key=lambda g: (-round(sums[g], SCORE_DIGITS), texts[key_of[g]]))[:REASON_TERMS]
        low, high = entry_bounds[number], entry_bounds[number + 1]
        found.append(tuple(_written(index, key_of[g], row, terms[low:high], entry_roots[low:high]) for g in best))
    return found


def _written(index: Rows, key: int, row: int, row_terms: np.ndarray, row_roots: np.ndarray) -> str:
    """A reason as the post writes it: the post's heaviest stem of that root (or the stem)."""
    texts = index.lexicon.terms
    text = texts[key]
    if not text.startswith(analyzer.ROOT_MARK):
        return index.surface(text, row)
    spots = np.flatnonzero(row_roots == key).tolist()
    if not spots:
        return index.surface(text[len(analyzer.ROOT_MARK):], row)
    weights = index.row_weights[row]  # in the order of the row's terms
    stems = [(-float(weights[s]), texts[int(row_terms[s])]) for s in spots]
    return index.surface(min(stems)[1], row)
