"""Fast candidate gathering for the related-posts index: posting lists as cached numpy arrays."""

from __future__ import annotations

import numpy as np


class PostingArrays:
    """Numpy copies of the index's posting lists, made on demand and dropped when a list changes.

    Each post gets a row the first time it is seen (an edited post keeps its row), so a query
    sums its terms' contributions with one `bincount` instead of a Python loop per posting.
    """

    def __init__(self) -> None:
        self._rows: dict[int, int] = {}
        self._ids: list[int] = []
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._norms: np.ndarray | None = None

    def row(self, post_id: int) -> int:
        row = self._rows.get(post_id)
        if row is None:
            row = self._rows[post_id] = len(self._ids)
            self._ids.append(post_id)
        return row

    def forget(self, stem: str) -> None:
        self._arrays.pop(stem, None)

    def norms_changed(self) -> None:
        self._norms = None

    def clear(self) -> None:
        self._arrays.clear()
        self._norms = None

    def _posting(self, stem: str, entries: dict[int, float]) -> tuple[np.ndarray, np.ndarray]:
        arrays = self._arrays.get(stem)
        if arrays is None:
            rows = np.fromiter(map(self._rows.__getitem__, entries), dtype=np.int64, count=len(entries))
            weights = np.fromiter(entries.values(), dtype=np.float64, count=len(entries))
            arrays = self._arrays[stem] = (rows, weights)
        return arrays

    def _norm_array(self, norms: dict[int, float]) -> np.ndarray:
        if self._norms is None or len(self._norms) != len(self._ids):
            array = np.full(len(self._ids), np.inf)
            for post_id, norm in norms.items():
                array[self.row(post_id)] = norm
            self._norms = array
        return self._norms

    def best(self, weighted_stems: list[tuple[str, float]], postings: dict[str, dict[int, float]],
             norms: dict[int, float], excluded: set[int], count: int) -> list[int]:
        """Ids of the `count` posts with the highest sum of weight × posting value over the stems,
        divided by the post's norm; ties by id. Sums follow the order of `weighted_stems`."""
        if not weighted_stems:
            return []
        row_parts, weight_parts = [], []
        for stem, weight in weighted_stems:
            rows, values = self._posting(stem, postings[stem])
            row_parts.append(rows)
            weight_parts.append(values * weight)
        norm_array = self._norm_array(norms)
        sums = np.bincount(np.concatenate(row_parts), weights=np.concatenate(weight_parts),
                           minlength=len(norm_array))
        scores = sums / norm_array
        for post_id in excluded:
            row = self._rows.get(post_id)
            if row is not None:
                scores[row] = 0.0
        rows = np.flatnonzero(scores > 0.0)
        if len(rows) > count:
            values = scores[rows]
            threshold = np.partition(values, len(values) - count)[len(values) - count]
            rows = rows[values >= threshold]
        ids = self._ids
        ranked = sorted((-float(scores[row]), ids[row]) for row in rows.tolist())
        return [post_id for _, post_id in ranked[:count]]
