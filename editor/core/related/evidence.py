"""Which kept related suggestions still hold: what a post's ranking read, and what changed since.

A query's result (`ranking.rank`) depends only on its own row, its candidates' rows and the idf of
their terms (with the number of posts and the newest date, which every query reads). After some rows
changed (C), a term's idf changed only if its number of posts did (D: the terms a changed row gained
or lost). A kept suggestion holds when its candidates now (the ranking's cheap first step, run again)
are the same posts, and neither the post nor any candidate is in C or has a term of D.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from editor.core.related import analyzer
from editor.core.related.index import RelatedIndex
from editor.core.related.postings import impacts

# Changed rows up to which kept suggestions are judged one by one.
MAX_CHANGED = 64


@dataclass(frozen=True)
class Row:
    """A post's row as the ranking reads it: a digest of all of it, its terms (hashes) and weights."""

    digest: str
    terms: np.ndarray  # int64 hashes of the term texts
    weights: np.ndarray  # float32


def _term_hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


class Evidence:
    """The rows of an index now, and the judgement of kept suggestions against the rows kept with them."""

    def __init__(self, index: RelatedIndex) -> None:
        self.index = index
        self._hashes = np.fromiter((_term_hash(t) for t in index.lexicon.terms), dtype=np.int64,
                                   count=len(index.lexicon.terms))
        self._term_of = {int(h): number for number, h in enumerate(self._hashes.tolist())}
        tag_names = {number: name for name, number in index._tag_ids.items()}
        linkable = index.linkable_rows()
        self.rows: dict[int, Row] = {}
        for post_id, row in index.row_of.items():
            terms = self._hashes[index.row_terms[row]]
            weights = index.row_weights[row]
            tags = sorted(tag_names[n] for n in index.row_tags[row].tolist())
            hasher = hashlib.sha256(terms.tobytes())
            hasher.update(weights.tobytes())
            hasher.update(repr((post_id, tags, str(index.dates[row]), bool(linkable[row]))).encode("utf-8"))
            self.rows[post_id] = Row(hasher.hexdigest(), terms, weights)

    def summary(self) -> str:
        """What every query depends on: the number of posts (in every idf) and the newest date."""
        dates = [d for d in self.index.dates if d is not None]
        return f"{len(self.index)} {max(dates) if dates else None} {analyzer.ANALYSIS_VERSION}"

    def changed(self, before: dict[int, Row]) -> set[int]:
        """The posts whose rows changed (or came, or went) since `before`."""
        changed = {post_id for post_id, row in self.rows.items()
                   if post_id not in before or before[post_id].digest != row.digest}
        return changed | (set(before) - set(self.rows))

    def idf_changed(self, before: dict[int, Row], changed: set[int]) -> np.ndarray:
        """The hashes of the terms whose idf may have changed: those a changed row gained or lost."""
        parts = [np.zeros(0, dtype=np.int64)]
        for post_id in changed:
            old, new = before.get(post_id), self.rows.get(post_id)
            parts.append(np.setxor1d(old.terms if old is not None else parts[0],
                                     new.terms if new is not None else parts[0]))
        return np.unique(np.concatenate(parts))

    def moved_terms(self, before: dict[int, Row], changed: set[int]) -> np.ndarray:
        """The hashes of the terms whose champion lists may differ from what they were: those where a
        changed row weighs otherwise than it did and is among the champions now, or weighed enough to
        have been one then. Any other term's champions are the rows that lead it, then and now alike."""
        index = self.index
        leaving = {index.row_of[p] for p in changed if p in index.row_of}
        heaviest: dict[int, float] = {}  # term → the highest impact a changed row gives it, then or now
        for post_id in changed:
            old, row, new = before.get(post_id), index.row_of.get(post_id), self.rows.get(post_id)
            if old is not None and new is not None and np.array_equal(old.terms, new.terms) \
                    and np.array_equal(old.weights, new.weights):
                continue  # its words weigh what they did (its tags, date or status changed): no list moved
            if old is not None and len(old.terms):
                weights = old.weights.astype(np.float64)
                norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
                for term_hash, impact in zip(old.terms.tolist(), impacts(old.weights, norm).tolist()):
                    term = self._term_of.get(term_hash)
                    if term is not None and impact > heaviest.get(term, -1.0):  # None: no post has it now
                        heaviest[term] = impact
            if row is not None and len(index.row_terms[row]):
                now = impacts(index.row_weights[row], index.norms()[row])
                for term, impact in zip(index.row_terms[row].tolist(), now.tolist()):
                    if impact > heaviest.get(term, -1.0):
                        heaviest[term] = impact
        # A little below the bar counts too: the old norm is summed in another order than it was.
        moved = [term for term, impact in heaviest.items() if impact >= index.entry_bar(term, leaving) * (1 - 1e-5)]
        return self._hashes[np.array(moved, dtype=np.int64)]

    def still_hold(self, kept: dict[int, list[int]], pools_now: Callable[[set[int]], dict[int, list[int]]],
                   before: dict[int, Row]) -> set[int]:
        """Of the posts with kept suggestions (chosen from the candidates `kept`), those whose
        suggestions hold; `pools_now(ids)` gives those posts' candidates now (`batch.candidate_pools`),
        asked only of posts that have a term whose champions may have moved. None hold when many
        rows changed (ranking them all again is then quicker than judging them)."""
        changed = self.changed(before)
        if not kept or len(changed) > max(MAX_CHANGED, len(self.rows) // 8):
            return set()
        owners = list(self.rows)
        all_terms = [self.rows[p].terms for p in owners]
        lengths = np.fromiter(map(len, all_terms), dtype=np.int64, count=len(owners))
        flat = np.concatenate(all_terms) if all_terms else np.zeros(0, dtype=np.int64)
        which = np.repeat(np.arange(len(owners)), lengths)

        def having(terms: np.ndarray) -> set[int]:
            hit = np.bincount(which, weights=np.isin(flat, terms), minlength=len(owners)) > 0
            return {p for p, has in zip(owners, hit.tolist()) if has}

        stale = changed | having(self.idf_changed(before, changed))
        judged = [p for p, pool in kept.items() if p in self.rows and p not in stale and not any(q in stale for q in pool)]
        moved = having(self.moved_terms(before, changed)) if changed else set()
        asked = {p for p in judged if p in moved}
        pools = pools_now(asked) if asked else {}
        return {p for p in judged if p not in asked or pools.get(p) == kept[p]}
