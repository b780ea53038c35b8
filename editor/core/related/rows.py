"""The posts of the related index as rows: each one's analysis and terms as small numpy arrays."""

from __future__ import annotations

import numpy as np

from editor.core.models import Post, is_linkable
from editor.core.related import analyzer
from editor.core.text import hebrew

_NO_TERMS = np.zeros(0, dtype=np.int32)
_NO_WEIGHTS = np.zeros(0, dtype=np.float32)


class RowStore:
    """Rows by number; a post keeps its row while it is indexed, a removed post's row stays empty."""

    def __init__(self) -> None:
        self.row_of: dict[int, int] = {}
        self.posts: list[Post | None] = []  # without their bodies
        self.row_forms: list[np.ndarray] = []  # form numbers, as they first occur in the post
        self.row_counts: list[np.ndarray] = []  # their field-weighted counts
        self.surfaces: list[dict[str, str]] = []
        self.row_terms: list[np.ndarray] = []
        self.row_weights: list[np.ndarray] = []
        self._tag_sets: list[frozenset[str]] = []
        self._linkable: list[bool] = []
        self._norms = np.zeros(0)
        self._post_ids = np.zeros(0, dtype=np.int64)

    def place(self, post: Post, analysis: analyzer.Analysis, forms: np.ndarray) -> int:
        """Put a post in its row (a new one for a new post), without terms yet."""
        post_id = post.id
        assert post_id is not None
        row = self.row_of.get(post_id)
        if row is None:
            row = self.row_of[post_id] = len(self.posts)
            for column in (self.posts, self.row_forms, self.row_counts, self.surfaces, self.row_terms,
                           self.row_weights, self._tag_sets, self._linkable):
                column.append(None)  # type: ignore[arg-type]
            if row >= len(self._norms):
                size = max(16, 2 * len(self._norms))
                self._norms = np.concatenate([self._norms, np.ones(size - len(self._norms))])
                self._post_ids = np.concatenate([self._post_ids, np.full(size - len(self._post_ids), -1, dtype=np.int64)])
        self.posts[row] = post.copy(body="")  # the library holds the body; its words are in the analysis
        self.row_forms[row] = forms
        self.row_counts[row] = np.asarray(analysis.counts, dtype=np.float32)
        self.surfaces[row] = analysis.surfaces
        self.row_terms[row], self.row_weights[row] = _NO_TERMS, _NO_WEIGHTS
        self._tag_sets[row] = frozenset(hebrew.normalize(tag).strip() for tag in post.tags if tag.strip())
        self._linkable[row] = is_linkable(post)
        self._post_ids[row] = post_id
        return row

    def clear_row(self, row: int) -> None:
        post = self.posts[row]
        if post is not None and post.id is not None:
            del self.row_of[post.id]
        self.posts[row] = None
        self.row_forms[row] = self.row_terms[row] = _NO_TERMS
        self.row_counts[row] = self.row_weights[row] = _NO_WEIGHTS
        self.surfaces[row] = {}
        self._post_ids[row] = -1

    def set_terms(self, row: int, terms: np.ndarray, weights: np.ndarray, norm: float) -> None:
        self.row_terms[row], self.row_weights[row] = terms, weights
        self._norms[row] = norm

    def has_form(self, row: int, form: int) -> bool:
        return bool((self.row_forms[row] == form).any())

    def live_rows(self) -> np.ndarray:
        return np.fromiter(sorted(self.row_of.values()), dtype=np.int64, count=len(self.row_of))

    def norms(self) -> np.ndarray:
        return self._norms

    def post_ids(self) -> np.ndarray:
        return self._post_ids

    def linkable(self, row: int) -> bool:
        return self._linkable[row]

    def tags(self, row: int) -> frozenset[str]:
        return self._tag_sets[row]

    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The terms and weights of the given rows, row after row, and the position in `rows` of each."""
        numbers = rows.tolist()
        terms = [self.row_terms[r] for r in numbers]
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(numbers))
        owner = np.repeat(np.arange(len(numbers)), lengths)
        if not numbers:
            return _NO_TERMS, _NO_WEIGHTS, owner
        return np.concatenate(terms), np.concatenate([self.row_weights[r] for r in numbers]), owner
