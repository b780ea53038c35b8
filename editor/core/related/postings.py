"""Each term's posts, best first: the champion lists that candidates are gathered from.

A term's posts are ordered by its weight in the post divided by the post's norm (how much of the
post the term is), highest first, ties by post id; a query reads only the first `CHAMPIONS` of each
of its terms, so its cost does not grow with the library. The lists are built in one pass and kept up
by an overlay: posts changed since the build are read from the rows themselves until there are
enough of them to build again. Both give the very same lists.
"""

from __future__ import annotations

import weakref
from typing import Protocol

import numpy as np

from editor.core.related.scoring import CHAMPIONS

# Posts changed since the last build that the overlay may hold before the lists are built again.
MIN_OVERLAY = 64
OVERLAY_FRACTION = 8
# Entries sorted together when the lists are built.
BUILD_BLOCK = 1 << 18


class Rows(Protocol):
    """What the postings read from the index: each row's terms and weights, its norm and post id."""

    row_terms: list[np.ndarray]
    row_weights: list[np.ndarray]

    def live_rows(self) -> np.ndarray: ...
    def live_count(self) -> int: ...
    def norms(self) -> np.ndarray: ...
    def post_ids(self) -> np.ndarray: ...


def impacts(weights: np.ndarray, norms: np.ndarray | float) -> np.ndarray:
    """How much of its post each entry is (one formula for the build and the overlay)."""
    return (weights.astype(np.float64) / norms).astype(np.float32)


class Postings:
    def __init__(self, rows: Rows) -> None:
        self._rows = weakref.proxy(rows)  # the index owns its postings: no cycle, freed by its count alone
        self._starts = np.zeros(1, dtype=np.int64)
        self._base_rows = np.zeros(0, dtype=np.int32)
        self._base_impacts = np.zeros(0, dtype=np.float32)
        self._dirty: set[int] = set()
        self._dirty_terms: dict[int, dict[int, float]] = {}  # term → changed row → its impact there
        self._overlay_arrays: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # the same as arrays, as asked
        self._overlay_most: dict[int, float] = {}  # term → at least the highest of those impacts
        self._is_dirty = np.zeros(0, dtype=bool)
        self._built = False
        self._flat_overlay: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None  # every changed entry, by term

    def __getstate__(self) -> dict:
        """Without the index (a snapshot keeps the index, which attaches its postings again)."""
        state = self.__dict__.copy()
        del state["_rows"]
        state["_flat_overlay"] = None
        return state

    def attach(self, rows: Rows) -> None:
        self._rows = weakref.proxy(rows)

    def changing(self, row: int, old_terms: np.ndarray | None) -> None:
        """Call before a row's terms change (or it is emptied); then `changed` after."""
        if row in self._dirty and old_terms is not None:
            self._flat_overlay = None
            for term in old_terms.tolist():
                posts = self._dirty_terms.get(term)
                if posts is not None:
                    posts.pop(row, None)
                    self._overlay_arrays.pop(term, None)

    def changed(self, row: int, new_terms: np.ndarray) -> None:
        if not self._built:
            return
        self._flat_overlay = None
        self._dirty.add(row)
        if row >= len(self._is_dirty):
            grown = np.zeros(max(2 * len(self._is_dirty), row + 1), dtype=bool)
            grown[:len(self._is_dirty)] = self._is_dirty
            self._is_dirty = grown
        self._is_dirty[row] = True
        found = impacts(self._rows.row_weights[row], self._rows.norms()[row]).tolist() if len(new_terms) else []
        arrays, most = self._overlay_arrays, self._overlay_most
        for term, impact in zip(new_terms.tolist(), found):
            self._dirty_terms.setdefault(term, {})[row] = impact
            arrays.pop(term, None)
            if impact > most.get(term, -1.0):
                most[term] = impact

    def changed_rows(self) -> int:
        return len(self._dirty)

    def has_overlay(self) -> bool:
        return bool(self._dirty)

    def ready(self, *, exact: bool = False) -> None:
        """Build the lists if never built, if the overlay grew too big, or (`exact`) if it holds anything."""
        live = self._rows.live_count()
        if not self._built or len(self._dirty) > max(MIN_OVERLAY, live // OVERLAY_FRACTION) or (exact and self._dirty):
            self._build()

    def _build(self) -> None:
        rows = self._rows.live_rows()
        terms = [self._rows.row_terms[r] for r in rows.tolist()]
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        entry_terms = np.concatenate(terms) if terms else np.zeros(0, dtype=np.int32)
        del terms
        entry_rows = np.repeat(rows.astype(np.int32), lengths)
        entry_impacts = np.concatenate([self._rows.row_weights[r] for r in rows.tolist()]) if len(rows) else np.zeros(0, np.float32)
        norms = self._rows.norms()
        for start in range(0, len(entry_impacts), BUILD_BLOCK):  # in place, a block at a time
            block = slice(start, start + BUILD_BLOCK)
            entry_impacts[block] = impacts(entry_impacts[block], norms[entry_rows[block]])
        size = int(entry_terms.max()) + 1 if len(entry_terms) else 0
        counts = np.bincount(entry_terms, minlength=size)
        self._starts = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(counts, out=self._starts[1:])
        self._base_rows = np.empty(len(entry_terms), dtype=np.int32)
        self._base_impacts = np.empty(len(entry_terms), dtype=np.float32)
        post_ids = self._rows.post_ids()
        # Sorted a block of terms at a time, so that the sort's own arrays stay small.
        bounds = np.searchsorted(self._starts, np.arange(0, len(entry_terms), BUILD_BLOCK), side="right") - 1
        edges = sorted({*bounds.tolist(), size})
        for low, high in zip(edges, edges[1:]):
            chosen = np.flatnonzero((entry_terms >= low) & (entry_terms < high))
            block_rows, block_impacts = entry_rows[chosen], entry_impacts[chosen]
            order = np.lexsort((post_ids[block_rows], -block_impacts, entry_terms[chosen]))
            start, end = int(self._starts[low]), int(self._starts[high])
            self._base_rows[start:end], self._base_impacts[start:end] = block_rows[order], block_impacts[order]
        self._dirty.clear()
        self._dirty_terms.clear()
        self._overlay_arrays.clear()
        self._overlay_most.clear()
        self._flat_overlay = None
        self._is_dirty = np.zeros(len(post_ids), dtype=bool)
        self._built = True

    def _base_slice(self, term: int, limit: int | None) -> tuple[np.ndarray, np.ndarray]:
        if term + 1 >= len(self._starts):
            return self._base_rows[:0], self._base_impacts[:0]
        """The term's built list without the changed rows: all of it, or at least its first `limit`."""
        start, end = int(self._starts[term]), int(self._starts[term + 1])
        if not self._dirty:
            stop = end if limit is None else min(end, start + limit)
            return self._base_rows[start:stop], self._base_impacts[start:stop]
        # A changed row is in a list once at most; few of a list's first entries are changed, so a
        # little more than `limit` is read first, then as much as may be needed.
        reaches = [end - start] if limit is None else [2 * limit, limit + len(self._dirty)]
        for reach in reaches:
            stop = min(end, start + reach)
            rows, found = self._base_rows[start:stop], self._base_impacts[start:stop]
            kept = ~self._is_dirty[rows]
            rows, found = rows[kept], found[kept]
            if limit is None or len(rows) >= limit or stop == end:
                break
        return rows, found

    def _overlay(self, term: int) -> tuple[np.ndarray, np.ndarray]:
        """The changed rows that have the term, and its impact in each (in no particular order)."""
        made = self._overlay_arrays.get(term)
        if made is None:
            posts = self._dirty_terms.get(term)
            if not posts:
                return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
            made = self._overlay_arrays[term] = (np.fromiter(posts.keys(), dtype=np.int32, count=len(posts)),
                                                 np.fromiter(posts.values(), dtype=np.float32, count=len(posts)))
        return made

    def champions(self, term: int, limit: int | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The term's first `limit` (default: the champions) posts (rows) and their impacts, best first."""
        limit = CHAMPIONS if limit is None else limit
        rows, found = self._base_slice(term, limit)
        rows, found = rows[:limit], found[:limit]
        full = len(rows) == limit  # then a changed row that weighs less than the last cannot enter
        if full and self._overlay_most.get(term, -1.0) < found[-1]:
            return rows, found
        extra_rows, extra = self._overlay(term)
        if len(extra_rows) and full:
            entering = extra >= found[-1]
            extra_rows, extra = extra_rows[entering], extra[entering]
        if len(extra_rows):
            rows, found = np.concatenate([rows, extra_rows]), np.concatenate([found, extra])
            order = np.lexsort((self._rows.post_ids()[rows], -found))
            rows, found = rows[order], found[order]
        return rows[:limit], found[:limit]

    def rows_with(self, term: int) -> np.ndarray:
        """Every row that has the term."""
        rows, _ = self._base_slice(term, None)
        extra_rows, _ = self._overlay(term)
        return np.concatenate([rows, extra_rows]) if len(extra_rows) else rows

    def many_champions(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`champions` of many terms at once: rows, impacts and, for each entry, the position in `terms`
        it belongs to (in that order, each term's best first). With an overlay, as `champions` term by
        term, in a few array operations: a changed row is in a built list once at most, so the first
        CHAMPIONS + (changed rows) entries of each list hold its champions among the unchanged rows;
        the changed rows' entries of those terms join them, and each term's best CHAMPIONS stay."""
        inside = terms + 1 < len(self._starts)
        starts = np.where(inside, self._starts[np.minimum(terms, len(self._starts) - 2)], 0)
        ends = np.where(inside, self._starts[np.minimum(terms + 1, len(self._starts) - 1)], 0)
        if not self._dirty:
            items, owner = ranges(starts, np.minimum(ends - starts, CHAMPIONS))
            return self._base_rows[items], self._base_impacts[items], owner
        # As `_base_slice`: a little more than CHAMPIONS first, then all that may be needed where that fell short.
        rows, found, owner, reread = self._unchanged_entries(starts, ends, np.arange(len(terms)),
                                                             CHAMPIONS + min(len(self._dirty), CHAMPIONS))
        short = np.flatnonzero((np.bincount(owner, minlength=len(terms)) < CHAMPIONS) & reread)
        if len(short):
            again = ~np.isin(owner, short)
            more = self._unchanged_entries(starts[short], ends[short], short, CHAMPIONS + len(self._dirty))
            rows, found, owner = (np.concatenate([part[again], extra]) for part, extra in zip((rows, found, owner), more))
        by_term, changed_rows, changed_impacts = self._flat()
        low, high = np.searchsorted(by_term, terms, "left"), np.searchsorted(by_term, terms, "right")
        extra, extra_owner = ranges(low, high - low)
        if len(extra) or len(short):
            rows = np.concatenate([rows, changed_rows[extra]])
            found = np.concatenate([found, changed_impacts[extra]])
            owner = np.concatenate([owner, extra_owner])
            order = np.lexsort((self._rows.post_ids()[rows], -found, owner))
            rows, found, owner = rows[order], found[order], owner[order]
        first = np.arange(len(owner)) - np.searchsorted(owner, owner) < CHAMPIONS
        return rows[first], found[first], owner[first]

    def _unchanged_entries(self, starts: np.ndarray, ends: np.ndarray, positions: np.ndarray, reach: int
                           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The first `reach` entries of each list but the changed rows': rows, impacts, the position each
        belongs to, and for each list whether it has more than were read."""
        lengths = np.minimum(ends - starts, reach)
        items, owner = ranges(starts, lengths)
        rows = self._base_rows[items]
        unchanged = ~self._is_dirty[rows]
        return rows[unchanged], self._base_impacts[items][unchanged], positions[owner][unchanged], lengths < ends - starts

    def _flat(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The overlay's entries as arrays, by term: (terms, rows, impacts)."""
        flat = self._flat_overlay
        if flat is None:
            entries = [(term, row, impact) for term, posts in self._dirty_terms.items() for row, impact in posts.items()]
            terms = np.fromiter((e[0] for e in entries), dtype=np.int64, count=len(entries))
            rows = np.fromiter((e[1] for e in entries), dtype=np.int32, count=len(entries))
            found = np.fromiter((e[2] for e in entries), dtype=np.float32, count=len(entries))
            order = np.argsort(terms, kind="stable")
            flat = self._flat_overlay = (terms[order], rows[order], found[order])
        return flat


def ranges(starts: np.ndarray, lengths: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The concatenation of range(starts[k], starts[k] + lengths[k]) and, for each item, its k."""
    lengths = lengths.astype(np.int64)
    owner = np.repeat(np.arange(len(starts)), lengths)
    if not len(owner):
        return owner, owner
    offsets = np.cumsum(lengths) - lengths
    items = np.repeat(starts.astype(np.int64) - offsets, lengths)  # repeated, not gathered: a third of the time
    items += np.arange(len(owner), dtype=np.int64)
    return items, owner
