"""The related-posts score, in one place: the constants and the arithmetic of `ranking.rank`, which
both the per-post query and the batch ranking run, so that both give the same posts in the same order."""

from __future__ import annotations

import datetime as dt

import numpy as np

# Query terms used to gather candidates (the heaviest ones), and how many candidates are scored fully.
QUERY_TERMS = 25
MIN_CANDIDATES = 30
# Of each query term, only the posts it weighs most in are gathered (its champion list): a query's
# cost then stays the same however big the library grows.
CHAMPIONS = 128
FEEDBACK_POSTS = 3
FEEDBACK_WEIGHT = 0.5
TAG_WEIGHT = 0.01
RECENCY_WEIGHT = 0.08
RECENCY_HALF_LIFE_DAYS = 2 * 365
# Scores are rounded so that sums taken in a different order still tie, and ties go by id.
SCORE_DIGITS = 9


def recency_factor(date: dt.date | None, newest: dt.date | None) -> float:
    """What a candidate's score is multiplied by: a little more for a recent post (half-life 2 years)."""
    if date is None or newest is None:
        return 1.0
    age = max(0, (newest - date).days)
    return 1.0 + RECENCY_WEIGHT * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)


def jaccard(shared: np.ndarray, size_a: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """|A ∩ B| / |A ∪ B| of tag sets, from their sizes and the number they share (0 for an empty set)."""
    union = size_a + size_b - shared
    return np.where((size_a > 0) & (size_b > 0), shared / np.maximum(union, 1), 0.0)


def final_scores(similarity: np.ndarray, *, is_neighbour: np.ndarray, neighbours: np.ndarray,
                 tag_overlap: np.ndarray, recency: np.ndarray) -> np.ndarray:
    """Candidates' scores from their similarity to the expanded query: a neighbour used to expand the
    query is not evidence for itself; shared tags add a little; recency multiplies."""
    penalty = np.where(is_neighbour, FEEDBACK_WEIGHT / np.maximum(neighbours, 1), 0.0)
    return (similarity - penalty + TAG_WEIGHT * tag_overlap) * recency


def rounded(scores: np.ndarray) -> np.ndarray:
    return np.round(scores, SCORE_DIGITS)
