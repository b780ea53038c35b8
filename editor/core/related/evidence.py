"""Which kept related suggestions still hold: what a post's ranking read, and what changed since.

A query's result (`ranking.rank`) depends only on its own row, its candidates' rows and the idf of
their terms (with the number of posts and the newest date, which every query reads). After some rows
changed (C), a term's idf changed only if its number of posts did (D: the terms a changed row gained
or lost). A kept suggestion holds when its candidates now (the ranking's cheap first step, run again)
are the same posts, and neither the post nor any candidate is in C or has a term of D; or, where some
candidates are (their vectors moved, the post's own did not), when none of those can now be one of the
candidates its query is moved toward or one of its suggestions (`Evidence._displaced`, by the bars kept
with it: `ranking.Bars`). A body edited brings words other posts have: their idf moves, and so do the
vectors of every post that has them; the posts that merely have such a post among their candidates
are then mostly rescored by one cosine each, not ranked again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from editor.core.related import analyzer, ranking
from editor.core.related.index import RelatedIndex
from editor.core.related.lexicon import distinct
from editor.core.related.postings import impacts

# Changed rows up to which kept suggestions are judged one by one.
MAX_CHANGED = 64
# How near a champion list's bar an impact counts as maybe over it (an old row's norm is summed
# again here, in another order than the index summed it).
SLACK = 1e-5
# A bound summed in another order than the score it bounds may round below it by an ulp or two.
BOUND_SLACK = 1e-9
# How near a bar (rounded to scoring.SCORE_DIGITS) a moved candidate's cosine or score counts as maybe over it.
BAR_MARGIN = 1e-7


@dataclass(frozen=True)
class Row:
    """A post's row as the ranking reads it: a digest of all of it, its terms (hashes) and weights."""

    digest: str
    terms: np.ndarray  # int64 hashes of the term texts
    weights: np.ndarray  # float32


def _either_not_both(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`np.setxor1d(a, b)`: the sorted values in one array and not the other (see `lexicon.distinct`)."""
    both = np.sort(np.concatenate([distinct(a), distinct(b)]), kind="stable")
    if len(both) < 2:
        return both
    alone = np.ones(len(both), dtype=bool)
    same = both[1:] == both[:-1]
    alone[1:] &= ~same
    alone[:-1] &= ~same
    return both[alone]


def row_digest(index: RelatedIndex, post_id: int, tag_names: list[str]) -> str:
    """The digest of an indexed post's row as the ranking reads it (its terms by their texts, weights,
    tags, date and whether it may be linked), kept in the index until the row changes; `tag_names`
    is `index.tag_names()`."""
    found = index.row_digests.get(post_id)
    if found is None:
        row = index.row_of[post_id]
        hasher = hashlib.sha256(index.lexicon.term_hashes()[index.row_terms[row]].tobytes())
        hasher.update(index.row_weights[row].tobytes())
        tags = sorted(tag_names[n] for n in index.row_tags[row].tolist())
        hasher.update(repr((post_id, tags, str(index.dates[row]), bool(index.linkable_rows()[row]))).encode("utf-8"))
        found = index.row_digests[post_id] = hasher.hexdigest()
    return found


class Evidence:
    """The rows of an index now, and the judgement of kept suggestions against the rows kept with them."""

    def __init__(self, index: RelatedIndex) -> None:
        self.index = index
        self._hashes = index.lexicon.term_hashes()
        self._term_of = {int(h): number for number, h in enumerate(self._hashes.tolist())}
        self.rows: dict[int, Row] = {}
        tag_names = index.tag_names()
        for post_id, row in index.row_of.items():
            self.rows[post_id] = Row(row_digest(index, post_id, tag_names), self._hashes[index.row_terms[row]],
                                     index.row_weights[row])

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
            parts.append(_either_not_both(old.terms if old is not None else parts[0],
                                          new.terms if new is not None else parts[0]))
        return distinct(np.concatenate(parts))

    def _impacts(self, post_id: int, before: dict[int, Row]) -> tuple[dict[int, float], dict[int, float]] | None:
        """A changed post's impact on each of its terms (by number) then and now; None when its words
        weigh what they did (its tags, date or status changed: no champion list moved)."""
        index = self.index
        old, row, new = before.get(post_id), index.row_of.get(post_id), self.rows.get(post_id)
        if old is not None and new is not None and np.array_equal(old.terms, new.terms) \
                and np.array_equal(old.weights, new.weights):
            return None
        then: dict[int, float] = {}
        if old is not None and len(old.terms):
            weights = old.weights.astype(np.float64)
            norm = float(np.sqrt(np.dot(weights, weights))) or 1.0
            for term_hash, impact in zip(old.terms.tolist(), impacts(old.weights, norm).tolist()):
                term = self._term_of.get(term_hash)
                if term is not None:  # None: no post has the term now
                    then[term] = impact
        now: dict[int, float] = {}
        if row is not None and len(index.row_terms[row]):
            now = dict(zip(index.row_terms[row].tolist(), impacts(index.row_weights[row], index.norms()[row]).tolist()))
        return then, now

    def moved_terms(self, before: dict[int, Row], changed: set[int]) -> np.ndarray:
        """The hashes of the terms whose champion lists may differ from what they were: those where a
        changed row weighs otherwise than it did and is among the champions now, or weighed enough to
        have been one then. Any other term's champions are the rows that lead it, then and now alike."""
        index = self.index
        leaving = {index.row_of[p] for p in changed if p in index.row_of}
        heaviest: dict[int, float] = {}  # term → the highest impact a changed row gives it, then or now
        for post_id in changed:
            found = self._impacts(post_id, before)
            for side in found or ():
                for term, impact in side.items():
                    if impact > heaviest.get(term, -1.0):
                        heaviest[term] = impact
        moved = [term for term, impact in heaviest.items() if impact >= index.entry_bar(term, leaving)[0] * (1 - SLACK)]
        return self._hashes[np.array(moved, dtype=np.int64)]

    def _one_change(self, post_id: int, before: dict[int, Row], judged: list[int], kept: dict[int, list[int]],
                    cuts: dict[int, float | None]) -> set[int]:
        """After one post changed, the judged posts whose candidates may have changed (every other
        row's cheap score for a post stays what it was, but on the lists the changed post entered or left).

        Where the changed post is a champion now, it may have joined a post's candidates: when its
        score for the post reaches the post's cut. Where it entered a full list, the row that held the
        bar left it: a post that had that row among its candidates may lose it. Where it left one, that
        row came in: a post whose heaviest terms have the term may gain it, when that row's whole
        score (at most its impacts on the post's heaviest terms) reaches the cut."""
        index = self.index
        found = self._impacts(post_id, before)
        if found is None or not judged:
            return set()
        then, now = found
        leaving = {index.row_of[post_id]} if post_id in index.row_of else set()
        champion: dict[int, float] = {}  # the changed post's impacts where it may be a champion now
        surely: dict[int, float] = {}  # and where it surely is one
        came_in: dict[int, list[int]] = {}  # the bar's holder of a list the changed post left → those terms
        losing: set[int] = set()  # posts that held the bar of a list the changed post entered
        for term in then.keys() | now.keys():
            bar, holder = index.entry_bar(term, leaving)
            low, high = bar * (1 - SLACK), bar * (1 + SLACK)
            was, is_ = then.get(term, -1.0), now.get(term, -1.0)
            if is_ >= low and is_ > 0.0:
                champion[term] = is_
                if bar <= 0.0 or is_ > high:
                    surely[term] = is_
            if bar <= 0.0:
                continue  # a list not full of others: nobody else enters or leaves it
            unsure = low <= was <= high or low <= is_ <= high
            if is_ >= bar and (was < bar or unsure):
                losing.add(int(index.post_ids()[holder]))
            if was >= bar and (is_ < bar or unsure):
                came_in.setdefault(holder, []).append(term)
        asked = {p for p in judged if not losing.isdisjoint(kept[p])}
        # A post with the changed post among its candidates keeps them while the changed post's cheap
        # score for it stays over its cut (every other row's is what it was): scored exactly, on the
        # lists the changed post is surely one of the champions of now.
        beside = {p for p in judged if p not in asked and post_id in kept[p]}
        asked |= {p for p in beside if cuts.get(p) is None}
        rest = [p for p in judged if p not in asked]
        if not rest or not (champion or came_in or beside):
            return asked
        impact_sets: list[tuple[np.ndarray, list[int] | None]] = []  # impacts per term, and the terms to be near
        if champion:
            impact_sets.append((self._impact_vector(champion), None))
        for holder, entered in came_in.items():
            impact = np.zeros(index.term_count())
            impact[index.row_terms[holder]] = impacts(index.row_weights[holder], index.norms()[holder])
            impact_sets.append((impact, entered))
        rest = [*self._may_reach([p for p in rest if p not in beside], impact_sets, cuts), *(p for p in rest if p in beside)]
        if not rest:
            return asked
        rows = np.array([index.row_of[p] for p in rest], dtype=np.int64)
        terms, weights, owner = index.entries(rows)
        q = ranking.unit_values(terms, weights, owner, len(rows), index.idf())
        heavy, boost = ranking.heavy_terms(index, owner, terms, q)
        heavy_owner, heavy_terms = owner[heavy], terms[heavy]
        reached = np.zeros(len(rows), dtype=bool)
        cut = np.array([cuts.get(p) if cuts.get(p) is not None else 0.0 for p in rest])
        is_beside = np.array([p in beside for p in rest], dtype=bool)
        for impact, near_terms in impact_sets:
            score = np.bincount(heavy_owner, weights=boost * impact[heavy_terms], minlength=len(rows))
            hit = (score > 0.0) & (score >= cut * (1 - SLACK))
            if near_terms is not None:
                hit &= np.bincount(heavy_owner[np.isin(heavy_terms, near_terms)], minlength=len(rows)) > 0
            else:
                hit &= ~is_beside  # the changed post joining: it is one of their candidates already
            reached |= hit
        if beside:
            stays = np.bincount(heavy_owner, weights=boost * self._impact_vector(surely)[heavy_terms], minlength=len(rows))
            reached |= is_beside & ~((stays > 0.0) & (stays > cut * (1 + SLACK)))
        return asked | {p for p, hit in zip(rest, reached.tolist()) if hit}

    def _impact_vector(self, impact_by_term: dict[int, float]) -> np.ndarray:
        """Impacts by term number as one array over every term (0 elsewhere)."""
        impact = np.zeros(self.index.term_count())
        chosen = np.fromiter(impact_by_term.keys(), dtype=np.int64, count=len(impact_by_term))
        impact[chosen] = np.fromiter(impact_by_term.values(), dtype=np.float64, count=len(impact_by_term))
        return impact

    def _may_reach(self, posts: list[int], impact_sets: list[tuple[np.ndarray, list[int] | None]],
                   cuts: dict[int, float | None]) -> list[int]:
        """Those of the posts whose cheap score by some impacts may reach their cut: the score over all
        of a post's terms bounds the one over its heaviest (every part is positive or 0), and costs
        no sorting of each post's terms (the exact score is then made for these posts only)."""
        index = self.index
        rows = np.array([index.row_of[p] for p in posts], dtype=np.int64)
        terms, weights, owner = index.entries(rows)
        boost = ranking.unit_values(terms, weights, owner, len(rows), index.idf()) * index.idf()[terms]
        cut = np.array([cuts.get(p) if cuts.get(p) is not None else 0.0 for p in posts]) * (1 - SLACK)
        maybe = np.zeros(len(rows), dtype=bool)
        for impact, entered in impact_sets:
            bound = np.bincount(owner, weights=boost * impact[terms], minlength=len(rows))
            hit = (bound > 0.0) & (bound * (1 + BOUND_SLACK) >= cut)
            if entered is not None:
                hit &= np.bincount(owner[np.isin(terms, entered)], minlength=len(rows)) > 0
            maybe |= hit
        return [p for p, hit in zip(posts, maybe.tolist()) if hit]

    def still_hold(self, kept: dict[int, list[int]],
                   pools_now: Callable[[set[int]], tuple[dict[int, list[int]], dict[int, float]]],
                   before: dict[int, Row], cuts: dict[int, float | None] | None = None,
                   results: dict[int, tuple[list[int], ranking.Bars]] | None = None) -> set[int]:
        """Of the posts with kept suggestions (chosen from the candidates `kept`, each candidate's cheap
        score at least the post's `cuts`), those whose suggestions hold. `pools_now(ids)` gives those
        posts' candidates and cuts now (`batch.candidate_pools`); it is asked only of posts whose
        candidates may have changed: after one change, those that have a term whose other champions
        changed, or that the changed post may have joined the candidates of; after more, those that
        have a term whose champions may have moved; and those with a changed post among their
        candidates. `results` holds the kept suggestions with their bars (`ranking.Bars`): a post with
        them whose candidates hold but some of which changed (or their idf did) holds when none of
        those may now join its nearest candidates or its suggestions (`_displaced`); without them it
        is ranked again. New cuts of posts that hold are left in `fresh_cuts` (and their candidates,
        where their order moved, in `fresh_pools`). None hold when many rows changed (ranking them
        all again is then quicker)."""
        self.fresh_cuts: dict[int, float] = {}
        self.fresh_pools: dict[int, list[int]] = {}
        changed = self.changed(before)
        if not kept or len(changed) > max(MAX_CHANGED, len(self.rows) // 8):
            return set()
        owners = list(self.rows)
        all_terms = [self.rows[p].terms for p in owners]
        lengths = np.fromiter(map(len, all_terms), dtype=np.int64, count=len(owners))
        flat = np.concatenate(all_terms) if all_terms else np.zeros(0, dtype=np.int64)
        which = np.repeat(np.arange(len(owners)), lengths)

        def having(terms: np.ndarray) -> set[int]:
            hit = np.bincount(which[np.isin(flat, terms)], minlength=len(owners)) > 0  # counted: no floats made
            return {p for p, has in zip(owners, hit.tolist()) if has}

        stale = changed | having(self.idf_changed(before, changed))
        unmoved = [p for p in kept if p in self.rows and p not in stale]  # its own row and idf as they were
        results = results or {}
        judged: list[int] = []  # no stale candidate
        rescored: list[int] = []  # some, and the bars to judge them by
        for p in unmoved:
            if stale.isdisjoint(kept[p]):
                judged.append(p)
            elif p in results:
                rescored.append(p)
        if rescored:  # first: cheaper than asking for their candidates again
            displaced = self._displaced(rescored, kept, stale, results)
            rescored = [p for p in rescored if p not in displaced]
        together = judged + rescored
        if len(changed) == 1 and cuts is not None:
            asked = self._one_change(next(iter(changed)), before, together, kept, cuts)
        else:
            moved = having(self.moved_terms(before, changed)) if changed else set()
            asked = {p for p in together if p in moved}
            asked |= {p for p in rescored if not changed.isdisjoint(kept[p])}  # a changed row's cheap score moved too
        pools, cuts_now = pools_now(asked) if asked else ({}, {})
        # The same candidates, in whatever order (their cheap scores may have moved): the same ranking.
        holding = {p for p in together if p not in asked or (p in pools and set(pools[p]) == set(kept[p]))}
        self.fresh_cuts = {p: cuts_now[p] for p in asked if p in holding and p in cuts_now
                           and (cuts is None or cuts.get(p) != cuts_now[p] or pools[p] != kept[p])}
        self.fresh_pools = {p: pools[p] for p in self.fresh_cuts if pools[p] != kept[p]}
        return holding

    def _displaced(self, posts: list[int], kept: dict[int, list[int]], stale: set[int],
                   results: dict[int, tuple[list[int], ranking.Bars]]) -> set[int]:
        """Of posts whose candidates are as they were but some of whose candidates' vectors moved (their
        rows or their terms' idf changed: `stale`), those whose suggestions may move with them. A post's
        own vector is as it was, and so is every other candidate's cosine with it; so while none of the
        moved candidates is one of its nearest (the query is then moved as before) or one of its
        suggestions, and each one's cosine stays under its nearest bar and its score under its
        suggestions' bar (by BAR_MARGIN), every candidate is where it was and the suggestions hold."""
        index = self.index
        displaced: set[int] = set()
        judged: list[int] = []
        nearest: list[np.ndarray] = []
        pair_query: list[int] = []
        pair_row: list[int] = []
        for post_id in posts:
            related, bars = results[post_id]
            moved = [q for q in kept[post_id] if q in stale]
            if bars.nearest_bar is None or any(q in stale or q not in index.row_of for q in bars.nearest) \
                    or any(q in related or q not in index.row_of for q in moved):
                displaced.add(post_id)
                continue
            pair_query += [len(judged)] * len(moved)
            pair_row += [index.row_of[q] for q in moved]
            nearest.append(np.array([index.row_of[q] for q in bars.nearest], dtype=np.int64))
            judged.append(post_id)
        if not judged:
            return displaced
        from editor.core.related.batch import queries_of

        queries = queries_of(index, judged, {})
        by_query, by_row = np.array(pair_query, dtype=np.int64), np.array(pair_row, dtype=np.int64)
        first, scores = ranking.pair_scores(index, queries, nearest, by_query, by_row)
        near_bar = np.array([results[judged[n]][1].nearest_bar for n in pair_query], dtype=np.float64)
        result_bar = np.array([_or_lowest(results[judged[n]][1].result_bar) for n in pair_query], dtype=np.float64)
        allowed = index.linkable_rows()[by_row]
        over = (first >= near_bar - BAR_MARGIN) | (allowed & (scores >= result_bar - BAR_MARGIN))
        return displaced | {judged[n] for n in by_query[over].tolist()}


def _or_lowest(bar: float | None) -> float:
    """A suggestions' bar, or -inf where there were fewer suggestions than asked (any candidate allowed joins them)."""
    return -np.inf if bar is None else bar
