"""The related-posts score, in one place: the constants and the arithmetic that both the per-post query
(`index.py`) and the batch ranking (`batch.py`) use, so that both give the same posts in the same order."""

from __future__ import annotations

import datetime as dt

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


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def recency_factor(date: dt.date | None, newest: dt.date | None) -> float:
    """What a candidate's score is multiplied by: a little more for a recent post (half-life 2 years)."""
    if date is None or newest is None:
        return 1.0
    age = max(0, (newest - date).days)
    return 1.0 + RECENCY_WEIGHT * 0.5 ** (age / RECENCY_HALF_LIFE_DAYS)


def final_score(similarity: float, *, neighbours: int, is_neighbour: bool, query_tags: frozenset[str],
                tags: frozenset[str], recency: float) -> float:
    """A candidate's score from its similarity to the expanded query: a neighbour used to expand the
    query is not evidence for itself; shared tags add a little; recency multiplies."""
    score = similarity
    if is_neighbour:
        score -= FEEDBACK_WEIGHT / neighbours
    score += TAG_WEIGHT * jaccard(query_tags, tags)
    score *= recency
    return score


def rank_key(score: float, post_id: int) -> tuple[float, int]:
    """Best first, ties by id."""
    return (-round(score, SCORE_DIGITS), post_id)
