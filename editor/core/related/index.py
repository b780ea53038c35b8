"""The related-posts index: kept up to date post by post, queried for the most related posts.

Each post is a row: its analysis (forms and counts, `analyzer.analyze`) and the weighted terms made
from it, as small numpy arrays; the terms' champion lists (`postings`) gather candidates, and
`ranking.rank` scores them, for one query here as for every post of an export (`batch.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from editor.core.errors import PostNotFoundError
from editor.core.models import Post, Status, is_linkable, stored_id
from editor.core.related import analyzer, postings, ranking
from editor.core.related.lexicon import Lexicon, derive_terms, saturated
from editor.core.related.postings import Postings, ranges
from editor.core.related.reasons import shared_terms
from editor.core.related.rows import RowStore
from editor.core.related.scoring import recency_factor

# Rows whose terms are made together: enough to share numpy's work, few enough to keep its arrays small;
# fewer when the build is paced (the window's: each numpy step holds the interpreter, ~20 ms for 512 rows).
DERIVE_BLOCK = 512
PACED_DERIVE_BLOCK = 64


@dataclass(frozen=True)
class Suggestion:
    """A related post: its id, title, date, the score and why (the top shared words)."""

    post_id: int
    title: str
    date: dt.date | None
    score: float
    shared_terms: tuple[str, ...]
    status: Status = Status.PUBLISHED

    @property
    def reason(self) -> str:
        return ", ".join(self.shared_terms)


class RelatedIndex(RowStore):
    """Posts by their words; add, update and remove one post at a time, then query."""

    def __init__(self, posts: Iterable[Post] = (), *, lexicon: Lexicon | None = None) -> None:
        super().__init__()
        self.lexicon = lexicon or Lexicon()
        self._postings = Postings(self)
        self._df = np.zeros(0, dtype=np.int32)  # how many posts have each term
        self._idf: np.ndarray | None = None
        self._term_rank: np.ndarray | None = None
        self._newest: dt.date | None = None
        self._recency: np.ndarray | None = None
        self.build(posts)

    def __getstate__(self) -> dict:
        """What a snapshot keeps (`related.snapshot`): all but what is made again on demand."""
        state = super().__getstate__()
        state.update(packed=None, _idf=None, _term_rank=None, _recency=None)
        return state

    def __setstate__(self, state: dict) -> None:
        super().__setstate__(state)
        self._postings.attach(self)

    # ---- keeping up -------------------------------------------------------------------------

    def build(self, posts: Iterable[Post]) -> None:
        """Index many posts at once (the vocabulary first, so that each post's terms are made once);
        each post is analyzed as it comes, so that only one analysis is held at a time."""
        self.add_analyzed((post, analyzer.analyze(post)) for post in posts)

    def add_analyzed(self, items: Iterable[tuple[Post, analyzer.Analysis]], *,
                     pace: Callable[[], None] | None = None) -> None:
        """Index posts whose text was analyzed already (a stored analysis, or `analyzer.analyze`);
        the same post twice: the last one counts. `pace()`, when given, is called before each block of
        rows whose terms are made (see `stored.related_index`)."""
        touched: set[int] = set()
        fresh: dict[int, None] = {}
        for post, analysis in items:
            if post.id is None:
                raise ValueError("only stored posts (with an id) can be indexed")
            if post.id in self.row_of:
                touched |= self._drop(self.row_of[post.id])
            forms = self.lexicon.form_ids(analysis.forms)
            touched |= self._rows_with_forms(self.lexicon.learn(forms.tolist(), +1))
            fresh[self.place(post, analysis, forms)] = None
        if not fresh and not touched:
            return
        self._derive(list(fresh), pace)
        self._derive(sorted(touched - set(fresh)), pace)
        self._changed()

    def add(self, post: Post) -> None:
        """Index a post, or re-index it if it is already there (call after every save)."""
        self.add_analyzed([(post, analyzer.analyze(post))])

    update = add

    def remove(self, post_id: int) -> None:
        self.remove_many([post_id])

    def remove_many(self, post_ids: Iterable[int]) -> None:
        """Take posts out (ids not indexed are skipped); the rows their words touched are derived once."""
        touched: set[int] = set()
        removed = False
        for post_id in post_ids:
            row = self.row_of.get(post_id)
            if row is not None:
                touched |= self._drop(row)
                removed = True
        if removed:
            self._derive(sorted(touched))
            self._changed()

    def _drop(self, row: int) -> set[int]:
        """Take a row out (its forms unlearned, its terms uncounted); the rows to derive again."""
        self._count_terms(self.row_terms[row], -1)
        self._postings.changing(row, self.row_terms[row])
        forms = self.row_forms[row].tolist()
        self.clear_row(row)
        self._postings.changed(row, self.row_terms[row])
        return self._rows_with_forms(self.lexicon.learn(forms, -1))

    def _rows_with_forms(self, forms: set[int]) -> set[int]:
        """The rows whose analysis has any of the forms (found through the stems they are indexed under)."""
        if not forms or not self.row_of:
            return set()
        self._postings.ready()
        rows: set[int] = set()
        for form in forms:
            stem = self.lexicon.indexed_stem.get(form)
            if stem is None:
                continue
            for row in self._postings.rows_with(stem).tolist():
                if row not in rows and self.has_form(row, form):
                    rows.add(row)
        return rows

    def _derive(self, rows: list[int], pace: Callable[[], None] | None = None) -> None:
        """Make the given rows' terms from their forms (with the stems the library's words decide now),
        a block of rows at a time (each row's terms depend on its own forms only)."""
        rows = [row for row in rows if self.posts[row] is not None]
        block = DERIVE_BLOCK if pace is None else PACED_DERIVE_BLOCK
        for start in range(0, len(rows), block):
            if pace is not None:
                pace()
            self._derive_block(rows[start:start + block])

    def _derive_block(self, rows: list[int]) -> None:
        if not rows:
            return
        forms = [self.row_forms[r] for r in rows]
        lengths = np.fromiter(map(len, forms), dtype=np.int64, count=len(rows))
        owner = np.repeat(np.arange(len(rows)), lengths)
        terms, weights, term_lengths, norms = derive_terms(
            self.lexicon, np.concatenate(forms), np.concatenate([self.row_counts[r] for r in rows]), owner, len(rows))
        self._grow_df()
        ends = np.cumsum(term_lengths).tolist()
        for number, row in enumerate(rows):
            start = ends[number - 1] if number else 0
            self._count_terms(self.row_terms[row], -1)
            self._postings.changing(row, self.row_terms[row])
            self.set_terms(row, terms[start:ends[number]].copy(), weights[start:ends[number]].copy(), float(norms[number]))
            self._count_terms(self.row_terms[row], +1)
            self._postings.changed(row, self.row_terms[row])

    def _grow_df(self) -> None:
        if len(self._df) < len(self.lexicon.terms):
            grown = np.zeros(max(len(self.lexicon.terms), 2 * len(self._df)), dtype=np.int32)
            grown[:len(self._df)] = self._df
            self._df = grown

    def _count_terms(self, terms: np.ndarray, sign: int) -> None:
        if len(terms):
            self._df[terms] += sign

    def _changed(self) -> None:
        self._idf = None
        self._term_rank = None
        dates = [p.date for p in self.posts if p is not None and p.date is not None]
        self._newest = max(dates) if dates else None

    def changed_rows(self) -> int:
        """How many rows changed since the champion lists were last built (read through an overlay)."""
        return self._postings.changed_rows()

    def __len__(self) -> int:
        return len(self.row_of)

    def __contains__(self, post_id: object) -> bool:
        return post_id in self.row_of

    def post(self, post_id: int) -> Post:
        """An indexed post as it was indexed, without its body."""
        row = self.row_of.get(post_id)
        if row is None:
            raise PostNotFoundError(f"post {post_id} is not in the index", f"הפוסט {post_id} אינו באינדקס")
        return self.posts[row]  # type: ignore[return-value]

    # ---- what the ranking reads (ranking.View) --------------------------------------------

    def idf(self) -> np.ndarray:
        """Smoothed inverse document frequency of every term: rare words say more about a post."""
        if self._idf is None:
            self._grow_df()
            self._idf = np.log((1 + len(self)) / (1.0 + self._df)) + 1.0
        return self._idf

    def term_count(self) -> int:
        return len(self.lexicon.terms)

    def term_order(self, terms: np.ndarray) -> np.ndarray:
        """Numbers that order the given terms as their texts compare (for ties between equal weights)."""
        if self._term_rank is not None and len(self._term_rank) == self.term_count():
            return self._term_rank[terms]
        unique, inverse = np.unique(terms, return_inverse=True)
        texts = [self.lexicon.terms[t] for t in unique.tolist()]
        ranks = np.empty(len(texts), dtype=np.int64)
        ranks[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))
        return ranks[inverse.ravel()]

    def rank_all_terms(self) -> None:
        """Order every term once (a batch of many queries then needs no sorting of its own)."""
        texts = self.lexicon.terms
        self._term_rank = np.empty(len(texts), dtype=np.int64)
        self._term_rank[sorted(range(len(texts)), key=texts.__getitem__)] = np.arange(len(texts))

    def entry_bar(self, term: int, leaving: set[int]) -> tuple[float, int]:
        """The impact a post must reach to be among the term's champions, counting only the rows not
        in `leaving`, and the row that holds the bar, the last of those champions (0.0 and -1 when
        fewer of them have the term: any post that has it is a champion)."""
        self._postings.ready()
        champions = postings.CHAMPIONS
        rows, found = self._postings.champions(term, champions + len(leaving))
        if len(leaving) == 1:  # after one change, asked for each of its terms: np.isin costs 50 µs a call
            staying = rows != next(iter(leaving))
            rows, found = rows[staying], found[staying]
        elif leaving:
            staying = ~np.isin(rows, np.fromiter(leaving, dtype=np.int64, count=len(leaving)))
            rows, found = rows[staying], found[staying]
        return (float(found[champions - 1]), int(rows[champions - 1])) if len(found) >= champions else (0.0, -1)

    def champions(self, terms: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        self._postings.ready()
        return self._postings.many_champions(terms)

    def settle(self) -> None:
        """Build the champion lists now, without an overlay (a snapshot then keeps them so)."""
        self._postings.ready(exact=True)

    def prepare_batch(self) -> None:
        """Make what many queries share once: exact champion lists, every term's order, every row's
        vector, every row's recency."""
        self._postings.ready(exact=True)
        self.rank_all_terms()
        self.pack(lambda terms, weights, owner, count: ranking.unit_values(terms, weights, owner, count, self.idf()))
        self._recency = None
        self._recency = self.recency(np.arange(len(self.posts)))

    def vectors(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The given rows' unit tf-idf vectors: terms, values and the position in `rows` of each entry."""
        if self.packed is not None:
            items, owner = ranges(self.packed.starts[rows], self.packed.lengths[rows])
            return self.packed.terms[items], self.packed.values[items], owner
        terms, weights, owner = self.entries(rows)
        return terms, ranking.unit_values(terms, weights, owner, len(rows), self.idf()), owner

    def recency(self, rows: np.ndarray) -> np.ndarray:
        if self._recency is not None and self.packed is not None:
            return self._recency[rows]
        newest, dates = self._newest, self.dates
        return np.array([recency_factor(dates[r], newest) for r in rows.tolist()], dtype=np.float64)

    def recency_factor(self, date: dt.date | None) -> float:
        return recency_factor(date, self._newest)

    # ---- asking -------------------------------------------------------------------------------

    def query(self, post: Post | int, limit: int = 5, *, exclude: Iterable[int] = (),
              linkable_only: bool = True) -> list[Suggestion]:
        """The posts most related to `post` (an indexed id, or a post as being written), best first.

        Never the post itself, nor anything in `exclude`; with `linkable_only` (the default) only
        posts that may be linked from a page (approved or published, not in the trash).
        """
        own: int | None
        if isinstance(post, int):
            self.post(post)  # PostNotFoundError for an id not indexed
            row = self.row_of[post]
            terms, weights, tags, own = self.row_terms[row], self.row_weights[row], self.row_tags[row], post
        else:
            (terms, weights), tags, own = self._analyze_query(post), self.tag_numbers(post.tags), post.id
        excluded = {self.row_of[i] for i in (*exclude, own) if i is not None and i in self.row_of}
        queries = ranking.Queries(terms, weights, np.zeros(len(terms), dtype=np.int64), [excluded], [tags])
        found = ranking.rank(self, queries, limit, linkable_only=linkable_only)[0]
        if not found:
            return []
        values = ranking.unit_values(terms, weights, queries.owner, 1, self.idf())
        reasons = shared_terms(self, terms, values, [row for row, _ in found])
        return [self._suggestion(row, score, shared) for (row, score), shared in zip(found, reasons)]

    def _analyze_query(self, post: Post) -> tuple[np.ndarray, np.ndarray]:
        """A post's terms that the index knows, with their weights, stems decided as if it were indexed."""
        counts_of = analyzer.weighted_forms(analyzer.analyze_fields(post))  # as `analyze` counts them
        lexicon = self.lexicon
        sums: dict[str, float] = {}
        for stem, count in zip(lexicon.query_stems(list(counts_of)), counts_of.values()):
            sums[stem] = sums.get(stem, 0.0) + count
        roots: dict[str, float] = {}
        for stem, count in sums.items():
            root = analyzer.root_key(stem)
            if root is not None:
                roots[root] = roots.get(root, 0.0) + count
        texts, counts = [*sums, *roots], [*sums.values(), *roots.values()]
        weights = saturated(np.array(counts, dtype=np.float64)) if counts else np.zeros(0, np.float32)
        numbers = lexicon.find_terms(texts)
        self._grow_df()
        kept = np.flatnonzero(numbers >= 0)
        kept = kept[self._df[numbers[kept]] > 0]  # terms some indexed post has
        return numbers[kept].astype(np.int32), weights[kept]

    def _suggestion(self, row: int, score: float, reasons: tuple[str, ...]) -> Suggestion:
        post = self.posts[row]
        assert post is not None
        return Suggestion(stored_id(post), post.title, post.date, score, reasons, post.status)

    def surface(self, stem: str, row: int) -> str:
        """How a post writes a stem: its most frequent bare spelling there, else the stem itself."""
        return self.surfaces[row].get(stem) or analyzer.readable(stem)

    def newest(self, limit: int, *, exclude: Iterable[int] = (), linkable_only: bool = True) -> list[int]:
        """Ids of the newest posts (by date, then id), for filling a block when too few are related."""
        excluded = set(exclude)
        eligible = [p for p in self.posts if p is not None and p.id not in excluded
                    and (is_linkable(p) or not linkable_only)]
        eligible.sort(key=lambda p: (-(p.date or dt.date.min).toordinal(), p.id))
        return [stored_id(p) for p in eligible[:limit]]

    def describe(self, post_id: int) -> Suggestion:
        """An indexed post as a suggestion without a score or reason (for a chosen post)."""
        post = self.post(post_id)
        return Suggestion(post_id, post.title, post.date, 0.0, (), post.status)

