"""The related-posts index: kept up to date post by post, queried for the most related posts."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import heapq
import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from types import MappingProxyType

from editor.core.errors import PostNotFoundError
from editor.core.models import Post, Status, is_linkable, stored_id
from editor.core.related import analyzer
from editor.core.related.candidates import PostingArrays
from editor.core.related.scoring import (
    FEEDBACK_POSTS,
    FEEDBACK_WEIGHT,
    MIN_CANDIDATES,
    QUERY_TERMS,
    SCORE_DIGITS,
    final_score,
    rank_key,
    recency_factor,
)
from editor.core.text import hebrew

REASON_TERMS = 3
# Posts whose tf-idf vectors are kept between queries (memory is bounded; values never change).
CACHED_VECTORS = 512


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


@dataclass
class _Doc:
    post: Post
    fields: dict[str, list[analyzer.Word]]
    forms: tuple[str, ...]  # the distinct matching forms
    tags: frozenset[str]
    # Terms and their weights side by side: two tuples take a fraction of a dict's memory.
    stems: tuple[str, ...]
    weights: tuple[float, ...]
    sat_norm: float

    @property
    def terms(self) -> dict[str, float]:
        return dict(zip(self.stems, self.weights))

    @property
    def linkable(self) -> bool:
        return is_linkable(self.post)


class RelatedIndex:
    """Posts by their words; add, update and remove one post at a time, then query."""

    def __init__(self, posts: Iterable[Post] = ()) -> None:
        self._docs: dict[int, _Doc] = {}
        self._vocabulary: dict[str, int] = {}  # how many posts contain each matching form
        # Each term's posts and weights, made from the docs when a query or an update first needs them
        # (None until then): a whole export's related posts never do, and skip their time and memory.
        self._posting_lists: dict[str, dict[int, float]] | None = None
        # The forms whose stem depends on each word being known, and the stem each form is indexed
        # under: when a word comes or goes, only the posts concerned are analyzed again.
        self._depends: dict[str, set[str]] = {}
        self._indexed_stem: dict[str, str] = {}
        self._vectors: dict[int, dict[str, float]] = {}
        self._idf: dict[str, float] = {}
        self._sat_norms: dict[int, float] = {}
        self._arrays = PostingArrays()
        self._stems: dict[str, str] = {}  # form → stem, while the vocabulary's words stay the same
        self._newest: dt.date | None = None
        self.build(posts)

    # ---- keeping up -------------------------------------------------------------------------

    def build(self, posts: Iterable[Post]) -> None:
        """Index many posts at once (the vocabulary first, so that each post is analyzed once)."""
        with _collector_paused():
            self._build(posts)

    def _build(self, posts: Iterable[Post]) -> None:
        fresh: dict[int, tuple[Post, dict, dict[str, float]]] = {}
        touched: set[int] = set()
        for post in posts:
            if post.id is None:
                raise ValueError("only stored posts (with an id) can be indexed")
            if post.id in self._docs:
                self.remove(post.id)
            if post.id in fresh:  # the same post twice: the last one counts
                self._learn(fresh[post.id][2], -1)
            fields = analyzer.analyze_fields(post)
            forms = analyzer.weighted_forms(fields)  # counted once, for the vocabulary and the doc
            touched |= self._learn(forms, +1)
            fresh[stored_id(post)] = (post, fields, forms)
        for post_id, (post, fields, forms) in fresh.items():
            self._docs[post_id] = self._make_doc(post, fields, forms)
            self._post(post_id, bulk=True)
        self._arrays.clear()
        self._reanalyze(touched - fresh.keys())
        self._changed()

    def add(self, post: Post) -> None:
        """Index a post, or re-index it if it is already there (call after every save)."""
        if post.id is None:
            raise ValueError("only stored posts (with an id) can be indexed")
        touched: set[int] = set()
        if post.id in self._docs:
            touched |= self._learn(self._unindex(post.id).forms, -1)
        fields = analyzer.analyze_fields(post)
        forms = analyzer.weighted_forms(fields)
        touched |= self._learn(forms, +1)
        self._docs[post.id] = self._make_doc(post, fields, forms)
        self._post(post.id)
        self._reanalyze(touched - {post.id})
        self._changed()

    update = add

    def remove(self, post_id: int) -> None:
        if post_id not in self._docs:
            return
        doc = self._unindex(post_id)
        touched = self._learn(doc.forms, -1)
        self._reanalyze(touched)
        self._changed()

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, post_id: object) -> bool:
        return post_id in self._docs

    def post(self, post_id: int) -> Post:
        """An indexed post as it was indexed, without its body."""
        doc = self._docs.get(post_id)
        if doc is None:
            raise PostNotFoundError(f"post {post_id} is not in the index", f"הפוסט {post_id} אינו באינדקס")
        return doc.post

    def _learn(self, forms: Iterable[str], sign: int) -> set[int]:
        """Count a post's distinct matching forms in the vocabulary; the posts whose stems depend
        on a word that became known or unknown are returned for re-analysis."""
        changed_forms: set[str] = set()
        for form in forms:
            before = self._vocabulary.get(form, 0)
            after = before + sign
            if after > 0:
                self._vocabulary[form] = after
            else:
                del self._vocabulary[form]
            if (before == 0) != (after == 0):
                changed_forms |= self._depends.get(form, set())
                self._stems.clear()
        return self._posts_with(changed_forms)

    def _posts_with(self, forms: set[str]) -> set[int]:
        posts: set[int] = set()
        for form in forms:
            stem = self._indexed_stem.get(form)
            if stem is None:
                continue
            for post_id in self._postings.get(stem, ()):
                if form in self._docs[post_id].forms:
                    posts.add(post_id)
        return posts

    def _reanalyze(self, post_ids: set[int]) -> None:
        for post_id in sorted(post_ids):
            if post_id in self._docs:
                doc = self._unindex(post_id)
                self._docs[post_id] = self._make_doc(doc.post, doc.fields)
                self._post(post_id)

    def _make_doc(self, post: Post, fields: dict[str, list[analyzer.Word]],
                  forms: dict[str, float] | None = None) -> _Doc:
        if forms is None:
            forms = analyzer.weighted_forms(fields)
        weights: dict[str, float] = {}
        decisions, indexed = self._stems, self._indexed_stem
        for form, count in forms.items():
            stem = indexed[form] = decisions.get(form) or self._stem(form)
            weights[stem] = weights.get(stem, 0.0) + count
        terms = _terms(weights)
        sat_norm = math.sqrt(sum([v * v for v in terms.values()])) or 1.0
        # The body is not kept: its words are in `fields`, and a library holds it anyway.
        return _Doc(post.copy(body=""), fields, tuple(forms), _tag_set(post),
                    tuple(terms), tuple(terms.values()), sat_norm)

    def _stem(self, form: str) -> str:
        stem = self._stems.get(form)
        if stem is None:
            stem = self._stems[form] = analyzer.choose_stem(form, self._vocabulary.__contains__)
            for word in analyzer.stem_dependencies(form):
                forms = self._depends.get(word)
                if forms is None:
                    self._depends[word] = {form}
                else:
                    forms.add(form)
        return stem

    @property
    def _postings(self) -> dict[str, dict[int, float]]:
        if self._posting_lists is None:
            self._posting_lists = {}
            for post_id in self._docs:
                self._add_postings(post_id)
        return self._posting_lists

    def _add_postings(self, post_id: int) -> None:
        doc, postings = self._docs[post_id], self._posting_lists
        assert postings is not None, "posting lists are made before postings are added"
        get = postings.get
        for stem, weight in zip(doc.stems, doc.weights):
            entries = get(stem)
            if entries is None:
                postings[stem] = {post_id: weight}
            else:
                entries[post_id] = weight

    def _post(self, post_id: int, *, bulk: bool = False) -> None:
        """Put a post in the posting lists, if they are made (in a bulk build the caller drops the
        cached arrays)."""
        doc = self._docs[post_id]
        if not bulk:
            for stem in doc.stems:
                self._arrays.forget(stem)
        if self._posting_lists is not None:
            self._add_postings(post_id)
        self._sat_norms[post_id] = doc.sat_norm
        self._arrays.row(post_id)

    def _unindex(self, post_id: int) -> _Doc:
        doc = self._docs.pop(post_id)
        del self._sat_norms[post_id]
        for stem in doc.stems:
            self._arrays.forget(stem)
            if self._posting_lists is not None:
                postings = self._posting_lists[stem]
                del postings[post_id]
                if not postings:
                    del self._posting_lists[stem]
        return doc

    def _changed(self) -> None:
        self._arrays.norms_changed()
        self._vectors.clear()
        self._idf = {}
        dates = [d.post.date for d in self._docs.values() if d.post.date is not None]
        self._newest = max(dates) if dates else None

    # ---- asking -------------------------------------------------------------------------------

    def idf(self, stem: str) -> float:
        """Smoothed inverse document frequency: rare words say more about a post."""
        value = self.idf_table().get(stem)
        if value is None:
            value = math.log(1 + len(self._docs)) + 1.0  # a word no post has
        return value

    def idf_table(self) -> dict[str, float]:
        """The idf of every indexed term, made once after each change (cheaper than per lookup)."""
        if not self._idf:
            log, total = math.log, 1 + len(self._docs)
            self._idf = {stem: log(total / (1 + count)) + 1.0 for stem, count in self._post_counts().items()}
        return self._idf

    def _post_counts(self) -> dict[str, int]:
        """How many posts have each term."""
        if self._posting_lists is not None:
            return {stem: len(posts) for stem, posts in self._posting_lists.items()}
        return Counter(chain.from_iterable(doc.stems for doc in self._docs.values()))

    def query(
        self,
        post: Post | int,
        limit: int = 5,
        *,
        exclude: Iterable[int] = (),
        linkable_only: bool = True,
    ) -> list[Suggestion]:
        """The posts most related to `post` (an indexed id, or a post as being written), best first.

        Never the post itself, nor anything in `exclude`; with `linkable_only` (the default) only
        posts that may be linked from a page (approved or published, not in the trash).
        """
        if isinstance(post, int):
            query_post = self.post(post)
            terms, tags = self._docs[post].terms, self._docs[post].tags
        else:
            query_post = post
            terms, tags = self._analyze_query(post)
        excluded = set(exclude)
        if query_post.id is not None:
            excluded.add(query_post.id)
        if limit <= 0:
            return []
        query_vector = _unit({t: w * self.idf(t) for t, w in terms.items() if t in self._postings})
        if not query_vector:
            return []
        candidates = self._gather(query_vector, excluded, max(MIN_CANDIDATES, 4 * limit))
        first = {post_id: _dot(query_vector, self._vector(post_id)) for post_id in candidates}
        nearest = self._nearest(first)
        expanded = self._expand(query_vector, nearest)
        scored = []
        for post_id in candidates:
            doc = self._docs[post_id]
            if linkable_only and not doc.linkable:
                continue
            score = final_score(_dot(expanded, self._vector(post_id)), neighbours=len(nearest),
                                is_neighbour=post_id in nearest, query_tags=tags, tags=doc.tags,
                                recency=self.recency_factor(doc.post.date))
            scored.append(rank_key(score, post_id))
        scored.sort()
        return [self._suggestion(post_id, -neg, query_vector) for neg, post_id in scored[:limit]]

    def _nearest(self, first: dict[int, float]) -> list[int]:
        ranked = sorted(first, key=lambda post_id: (-round(first[post_id], SCORE_DIGITS), post_id))
        return ranked[:FEEDBACK_POSTS]

    def _expand(self, query_vector: dict[str, float], nearest: list[int]) -> dict[str, float]:
        """The query moved toward its nearest posts (pseudo-relevance feedback, Rocchio): a post
        close to those neighbours is likely on the same subject even with few words in common."""
        expanded = dict(query_vector)
        for post_id in nearest:
            for term, weight in self._vector(post_id).items():
                expanded[term] = expanded.get(term, 0.0) + FEEDBACK_WEIGHT * weight / len(nearest)
        return expanded

    def _analyze_query(self, post: Post) -> tuple[dict[str, float], frozenset[str]]:
        fields = analyzer.analyze_fields(post)
        own = analyzer.distinct_forms(fields)
        weights: dict[str, float] = {}
        for form, count in analyzer.weighted_forms(fields).items():
            stem = analyzer.choose_stem(form, lambda w: w in self._vocabulary or w in own)
            weights[stem] = weights.get(stem, 0.0) + count
        return _terms(weights), _tag_set(post)

    def _gather(self, query_vector: dict[str, float], excluded: set[int], count: int) -> list[int]:
        """Candidates by a cheap score over the heaviest query terms. Each sum is taken in the
        order of the query's terms and no norm needs the idf, so the choice depends only on the
        posts, not on the order they were indexed in."""
        heaviest = heapq.nlargest(QUERY_TERMS, query_vector.items(), key=lambda item: (item[1], item[0]))
        boosted = [(stem, weight * self.idf(stem)) for stem, weight in heaviest]
        return self._arrays.best(boosted, self._postings, self._sat_norms, excluded, count)

    def _vector(self, post_id: int) -> dict[str, float]:
        """A post's tf-idf vector of unit length (cached until the index changes)."""
        vector = self._vectors.get(post_id)
        if vector is None:
            doc, idf = self._docs[post_id], self.idf_table()
            vector = _unit({t: w * idf[t] for t, w in zip(doc.stems, doc.weights)})
            if len(self._vectors) >= CACHED_VECTORS:
                self._vectors.clear()
            self._vectors[post_id] = vector
        return vector

    def _shared_terms(self, query_vector: dict[str, float], post_id: int) -> tuple[str, ...]:
        """The words that weigh most in both posts, as the suggested post writes them; the
        inflections of one word (ילד, ילדים) count as one reason."""
        vector = self._vector(post_id)
        shared: dict[str, float] = {}  # the words by their inflection root (or by themselves)
        for term, weight in vector.items():
            if term in query_vector:
                key = term if term.startswith(analyzer.ROOT_MARK) else analyzer.root_key(term) or term
                shared[key] = shared.get(key, 0.0) + query_vector[term] * weight
        best = sorted(shared.items(), key=lambda item: (-round(item[1], SCORE_DIGITS), item[0]))
        return tuple(self._written(key, post_id) for key, _ in best[:REASON_TERMS])

    def _written(self, key: str, post_id: int) -> str:
        """A reason as the post writes it: the post's heaviest stem of that root (or the stem)."""
        if not key.startswith(analyzer.ROOT_MARK):
            return self.surface(key, post_id)
        terms = self._docs[post_id].terms
        stems = [t for t in terms if not t.startswith(analyzer.ROOT_MARK) and analyzer.root_key(t) == key]
        stem = min(stems, key=lambda t: (-terms[t], t)) if stems else key[len(analyzer.ROOT_MARK):]
        return self.surface(stem, post_id)

    def recency_factor(self, date: dt.date | None) -> float:
        return recency_factor(date, self._newest)

    # A read-only view for the batch ranking (batch.py): the indexed posts, term idfs, norms.

    @property
    def docs(self) -> Mapping[int, _Doc]:
        return MappingProxyType(self._docs)

    @property
    def sat_norms(self) -> Mapping[int, float]:
        return MappingProxyType(self._sat_norms)

    def surface(self, stem: str, post_id: int) -> str:
        """How a post writes a stem: its most frequent bare spelling there, else the stem itself."""
        counts: dict[str, int] = {}
        for words in self._docs[post_id].fields.values():
            for word in words:
                if word.form == stem:
                    counts[word.surface] = counts.get(word.surface, 0) + 1
        if not counts:
            return analyzer.readable(stem)
        return min(counts.items(), key=lambda item: (-item[1], len(item[0]), item[0]))[0]

    def newest(self, limit: int, *, exclude: Iterable[int] = (), linkable_only: bool = True) -> list[int]:
        """Ids of the newest posts (by date, then id), for filling a block when too few are related."""
        excluded = set(exclude)
        eligible = [
            doc.post for doc in self._docs.values()
            if doc.post.id not in excluded and (doc.linkable or not linkable_only)
        ]
        eligible.sort(key=lambda p: (-(p.date or dt.date.min).toordinal(), p.id))
        return [stored_id(p) for p in eligible[:limit]]

    def describe(self, post_id: int) -> Suggestion:
        """An indexed post as a suggestion without a score or reason (for a chosen post)."""
        post = self.post(post_id)
        return Suggestion(post_id, post.title, post.date, 0.0, (), post.status)

    def _suggestion(self, post_id: int, score: float, query_vector: dict[str, float]) -> Suggestion:
        post = self._docs[post_id].post
        shared = self._shared_terms(query_vector, post_id)
        return Suggestion(post_id, post.title, post.date, score, shared, post.status)


ROOT_WEIGHT = 1.0


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector off for a while: a bulk build makes hundreds of thousands of
    long-lived objects and no cycles, and the collector would walk them again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _terms(weights: dict[str, float]) -> dict[str, float]:
    """Saturated weights of stems and of their inflection roots (which tie מטפלת to מטפלים)."""
    roots: dict[str, float] = {}
    root_key = analyzer.root_key
    for stem, count in weights.items():
        root = root_key(stem)
        if root is not None:
            roots[root] = roots.get(root, 0.0) + count
    terms = {stem: _sublinear(count) for stem, count in weights.items()}
    for root, count in roots.items():
        terms[root] = _sublinear(count, ROOT_WEIGHT)
    return terms


@lru_cache(maxsize=4096)
def _sublinear(count: float, scale: float = 1.0) -> float:
    """Sublinear term frequency (counts are at least 1: every field weighs at least 1). Cached,
    so that the few values there are share one float object across a big index."""
    return scale * (1.0 + math.log(count))


def _tag_set(post: Post) -> frozenset[str]:
    return frozenset(hebrew.normalize(tag).strip() for tag in post.tags if tag.strip())


def _unit(vector: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum([w * w for w in vector.values()]))
    return {t: w / norm for t, w in vector.items()} if norm else {}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    if len(b) < len(a):
        a, b = b, a
    return sum([w * b[t] for t, w in a.items() if t in b])

