"""The posts of the related index as rows: each one's analysis and terms as small numpy arrays."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from dataclasses import dataclass

import numpy as np

from editor.core.models import Post, is_linkable
from editor.core.related import analyzer
from editor.core.related.postings import ranges
from editor.core.text import hebrew


@dataclass
class Packed:
    """Every row's entries in one run of arrays (for a batch of many queries), with their values in
    the rows' unit tf-idf vectors."""

    starts: np.ndarray
    lengths: np.ndarray
    terms: np.ndarray
    weights: np.ndarray
    values: np.ndarray
    tag_starts: np.ndarray  # every row's tag numbers in one run too
    tag_lengths: np.ndarray
    tags: np.ndarray


def indexed_version(post: Post) -> bytes:
    """The hash of everything of a post (a row made from another version of it is out of date): 16
    bytes, as the index keeps one for every post. The parts' lengths come first, so that no two
    different posts give the same text to hash."""
    parts = (str(post.id), post.title, post.lead, post.body, post.author, str(post.date), "\x1f".join(post.tags),
             post.slug, str(post.status), post.created_at, post.updated_at, str(post.deleted_at))
    text = ",".join([str(len(part)) for part in parts]) + "\x00" + "".join(parts)
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


_ARRAY_COLUMNS = ("row_forms", "row_counts", "row_terms", "row_weights", "row_tags")
_POST_FIELDS = tuple(field.name for field in dataclasses.fields(Post))

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
        self._tag_ids: dict[str, int] = {}
        self.row_tags: list[np.ndarray] = []  # tag numbers
        self.dates: list[dt.date | None] = []
        self._linkable = np.zeros(0, dtype=bool)
        self._norms = np.zeros(0)
        self._post_ids = np.zeros(0, dtype=np.int64)
        self.packed: Packed | None = None  # made for a batch; dropped by any change
        self.indexed_as: dict[int, bytes] = {}  # post id → `indexed_version` of the post as indexed
        self.row_digests: dict[int, str] = {}  # post id → its row's digest (`evidence.Row`), once made

    # ---- what a snapshot keeps (`related.snapshot`) ------------------------------------------

    def __getstate__(self) -> dict:
        """The rows as a few long arrays, not one small array per row (a snapshot of 10,000 posts
        reads back five times faster), and the posts as plain fields."""
        state = self.__dict__.copy()
        for column in _ARRAY_COLUMNS:
            rows = state[column]
            lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
            state[column] = (np.concatenate(rows) if rows else np.zeros(0), lengths)
        state["posts"] = [None if post is None else tuple(getattr(post, name) for name in _POST_FIELDS)
                          for post in self.posts]
        return state

    def __setstate__(self, state: dict) -> None:
        for column in _ARRAY_COLUMNS:
            flat, lengths = state[column]
            ends = np.cumsum(lengths).tolist()
            state[column] = [flat[end - length:end] for end, length in zip(ends, lengths.tolist())]
        state["posts"] = [None if fields is None else Post(*fields) for fields in state["posts"]]  # in field order
        state.setdefault("row_digests", {})
        self.__dict__.update(state)

    def place(self, post: Post, analysis: analyzer.Analysis, forms: np.ndarray) -> int:
        """Put a post in its row (a new one for a new post), without terms yet."""
        post_id = post.id
        assert post_id is not None
        row = self.row_of.get(post_id)
        if row is None:
            row = self.row_of[post_id] = len(self.posts)
            for column in (self.posts, self.row_forms, self.row_counts, self.surfaces, self.row_terms,
                           self.row_weights, self.row_tags, self.dates):
                column.append(None)  # type: ignore[arg-type]
            if row >= len(self._norms):
                more = max(16, len(self._norms))
                self._norms = np.concatenate([self._norms, np.ones(more)])
                self._post_ids = np.concatenate([self._post_ids, np.full(more, -1, dtype=np.int64)])
                self._linkable = np.concatenate([self._linkable, np.zeros(more, dtype=bool)])
        self.posts[row] = post.copy(body="")  # the library holds the body; its words are in the analysis
        self.row_forms[row] = forms
        self.row_counts[row] = np.asarray(analysis.counts, dtype=np.float32)
        self.surfaces[row] = analysis.surfaces
        self.row_terms[row], self.row_weights[row] = _NO_TERMS, _NO_WEIGHTS
        self.row_tags[row] = self.tag_numbers(post.tags)
        self.dates[row] = post.date
        self._linkable[row] = is_linkable(post)
        self._post_ids[row] = post_id
        self.indexed_as[post_id] = indexed_version(post)
        self.row_digests.pop(post_id, None)
        self.packed = None
        return row

    def tag_names(self) -> list[str]:
        """Each tag number's name."""
        names = [""] * len(self._tag_ids)
        for name, number in self._tag_ids.items():
            names[number] = name
        return names

    def tag_numbers(self, tags: list[str]) -> np.ndarray:
        """A post's distinct tags (as matched: niqqud and final letters aside) by number."""
        names = {hebrew.normalize(tag).strip() for tag in tags if tag.strip()}
        numbers = [self._tag_ids.setdefault(name, len(self._tag_ids)) for name in names]
        return np.array(sorted(numbers), dtype=np.int64)

    def clear_row(self, row: int) -> None:
        post = self.posts[row]
        if post is not None and post.id is not None:
            del self.row_of[post.id]
            self.indexed_as.pop(post.id, None)
            self.row_digests.pop(post.id, None)
        self.posts[row] = None
        self.row_forms[row] = self.row_terms[row] = _NO_TERMS
        self.row_counts[row] = self.row_weights[row] = _NO_WEIGHTS
        self.surfaces[row] = {}
        self.row_tags[row] = np.zeros(0, dtype=np.int64)
        self._post_ids[row] = -1
        self._linkable[row] = False
        self.packed = None

    def set_terms(self, row: int, terms: np.ndarray, weights: np.ndarray, norm: float) -> None:
        self.row_terms[row], self.row_weights[row] = terms, weights
        self._norms[row] = norm
        self.row_digests.pop(int(self._post_ids[row]), None)
        self.packed = None

    def has_form(self, row: int, form: int) -> bool:
        return bool((self.row_forms[row] == form).any())

    def live_rows(self) -> np.ndarray:
        return np.fromiter(sorted(self.row_of.values()), dtype=np.int64, count=len(self.row_of))

    def live_count(self) -> int:
        return len(self.row_of)

    def norms(self) -> np.ndarray:
        return self._norms

    def post_ids(self) -> np.ndarray:
        return self._post_ids

    def linkable_rows(self) -> np.ndarray:
        return self._linkable

    def tag_entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The tag numbers of the given rows, row after row, and the position in `rows` of each."""
        if self.packed is not None:
            items, owner = ranges(self.packed.tag_starts[rows], self.packed.tag_lengths[rows])
            return self.packed.tags[items], owner
        tags = [self.row_tags[r] for r in rows.tolist()]
        owner = np.repeat(np.arange(len(tags)), [len(t) for t in tags])
        return (np.concatenate(tags) if tags else np.zeros(0, dtype=np.int64)), owner

    def entries(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The terms and weights of the given rows, row after row, and the position in `rows` of each."""
        if self.packed is not None:
            items, owner = ranges(self.packed.starts[rows], self.packed.lengths[rows])
            return self.packed.terms[items], self.packed.weights[items], owner
        numbers = rows.tolist()
        terms = [self.row_terms[r] for r in numbers]
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(numbers))
        owner = np.repeat(np.arange(len(numbers)), lengths)
        if not numbers:
            return _NO_TERMS, _NO_WEIGHTS, owner
        return np.concatenate(terms), np.concatenate([self.row_weights[r] for r in numbers]), owner

    def pack(self, unit_values) -> Packed:
        """Every row's entries in one run (`unit_values` makes their tf-idf values)."""
        if self.packed is None:
            lengths = np.fromiter(map(len, self.row_terms), dtype=np.int64, count=len(self.row_terms))
            starts = np.cumsum(lengths) - lengths
            terms = np.concatenate(self.row_terms) if self.row_terms else _NO_TERMS
            weights = np.concatenate(self.row_weights) if self.row_weights else _NO_WEIGHTS
            owner = np.repeat(np.arange(len(lengths)), lengths)
            tag_lengths = np.fromiter(map(len, self.row_tags), dtype=np.int64, count=len(self.row_tags))
            tags = np.concatenate(self.row_tags).astype(np.int64, copy=False) if self.row_tags else np.zeros(0, dtype=np.int64)
            self.packed = Packed(starts, lengths, terms, weights, unit_values(terms, weights, owner, len(lengths)),
                                 np.cumsum(tag_lengths) - tag_lengths, tag_lengths, tags)
        return self.packed
