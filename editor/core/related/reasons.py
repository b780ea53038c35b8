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
    row_terms: list[np.ndarray]
    row_weights: list[np.ndarray]

    def vectors(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]: ...
    def surface(self, stem: str, row: int) -> str: ...


def shared_terms(index: Rows, query_terms: np.ndarray, query_values: np.ndarray, row: int) -> tuple[str, ...]:
    """The words that weigh most in both the query (its terms and their unit tf-idf values) and
    the post in `row`; the inflections of one word (ילד, ילדים) count as one reason."""
    terms, values, _ = index.vectors(np.array([row]))
    _, in_row, in_query = np.intersect1d(terms, query_terms, return_indices=True)
    order = np.argsort(in_row, kind="stable")  # the post's own order, as its vector was read
    in_row, in_query = in_row[order], in_query[order]
    shared = terms[in_row]
    roots = index.lexicon.roots()[shared]
    keys = np.where(roots >= 0, roots, shared)  # a stem by its inflection root, a root by itself
    unique, inverse = np.unique(keys, return_inverse=True)
    sums = np.bincount(inverse.ravel(), weights=query_values[in_query] * values[in_row], minlength=len(unique))
    texts = index.lexicon.terms
    best = sorted(zip(unique.tolist(), sums.tolist()), key=lambda item: (-round(item[1], SCORE_DIGITS), texts[item[0]]))
    return tuple(_written(index, key, row) for key, _ in best[:REASON_TERMS])


def _written(index: Rows, key: int, row: int) -> str:
    """A reason as the post writes it: the post's heaviest stem of that root (or the stem)."""
    texts = index.lexicon.terms
    text = texts[key]
    if not text.startswith(analyzer.ROOT_MARK):
        return index.surface(text, row)
    row_terms = index.row_terms[row]
    spots = np.flatnonzero(index.lexicon.roots()[row_terms] == key).tolist()
    if not spots:
        return index.surface(text[len(analyzer.ROOT_MARK):], row)
    weights = index.row_weights[row]
    stems = [(-float(weights[s]), texts[int(row_terms[s])]) for s in spots]
    return index.surface(min(stems)[1], row)
