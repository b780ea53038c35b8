"""The index's words: matching forms and how many posts have each, the stem each form stands for, terms.

A form's stem depends on which words the library knows (`analyzer.choose_stem`); when a word comes or
goes, `learn` says which forms may now stand for another stem, so that only the posts that have
them are analyzed again. Terms (stems and their inflection roots) are numbered as they first come.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Sequence

import numpy as np

from editor.core.related import analyzer
from editor.core.related.word_dependencies import WordDependencies


class Lexicon:
    """Forms and terms by number, the library's vocabulary and the stem decisions built on it."""

    def __init__(self, forms: Iterable[str] = ()) -> None:
        self.forms: list[str] = []
        self._form_id: dict[str, int] = {}
        self._form_posts: list[int] = []  # how many indexed posts have each form
        self.terms: list[str] = []
        self._term_id: dict[str, int] = {}
        self._term_root: list[int] = []  # each term's inflection root term, or -1
        self._root_array = np.zeros(0, dtype=np.int32)  # the same, as far as it was asked
        self._hash_array = np.zeros(0, dtype=np.int64)  # each term's term_hash, as far as it was asked
        self._stem_of: dict[int, int] = {}  # form → stem term, while the known words stay the same
        self._depends = WordDependencies()  # word → forms whose stem changes when it comes or goes
        self.indexed_stem: dict[int, int] = {}  # form → the stem term it was last indexed under
        for form in forms:
            self.form_id(form)

    def __getstate__(self) -> dict:
        """What a snapshot keeps: the dependencies as flat arrays (a dict of sets is slow to read back)."""
        state = self.__dict__.copy()
        state["_depends"] = self._depends.packed()
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._depends = WordDependencies(state["_depends"])

    # ---- forms --------------------------------------------------------------------------------

    def form_id(self, form: str) -> int:
        number = self._form_id.get(form)
        if number is None:
            number = self._form_id[form] = len(self.forms)
            self.forms.append(form)
            self._form_posts.append(0)
        return number

    def form_ids(self, forms: Sequence[str]) -> np.ndarray:
        numbers = list(map(self._form_id.get, forms))  # most forms of a post are known already
        if None in numbers:
            numbers = [self.form_id(form) if number is None else number for number, form in zip(numbers, forms)]
        return np.array(numbers, dtype=np.int32)

    def is_known(self, word: str) -> bool:
        """Whether an indexed post has the form `word`."""
        number = self._form_id.get(word)
        return number is not None and self._form_posts[number] > 0

    def learn(self, form_ids: Iterable[int], sign: int) -> set[int]:
        """Count a post's distinct forms in (+1) or out (-1); the forms whose stem may have changed."""
        changed: set[int] = set()
        posts, forms = self._form_posts, self.forms
        for number in form_ids:
            before = posts[number]
            posts[number] = before + sign
            if (before == 0) != (before + sign == 0):
                changed |= self._depends.forms_of(forms[number])
        for form in changed:  # the others' stems depend on no word that came or went
            self._stem_of.pop(form, None)
        return changed

    def known_forms(self) -> int:
        return sum(1 for count in self._form_posts if count > 0)

    # ---- stems and terms ---------------------------------------------------------------------

    def term_id(self, term: str) -> int:
        number = self._term_id.get(term)
        if number is None:
            number = self._term_id[term] = len(self.terms)
            self.terms.append(term)
            self._term_root.append(-1)
            root = analyzer.root_key(term) if not term.startswith(analyzer.ROOT_MARK) else None
            if root is not None:
                self._term_root[number] = self.term_id(root)
        return number

    def find_term(self, term: str) -> int | None:
        return self._term_id.get(term)

    def find_terms(self, texts: Sequence[str]) -> np.ndarray:
        """The numbers of the given terms, -1 for a term the index never had."""
        find = self._term_id.get
        return np.fromiter((find(text, -1) for text in texts), dtype=np.int64, count=len(texts))

    def stem_term(self, form: int) -> int:
        """The term a form is indexed under (its stem, decided by the words known now)."""
        term = self._stem_of.get(form)
        if term is None:
            text = self.forms[form]
            term = self._stem_of[form] = self.term_id(analyzer.choose_stem(text, self.is_known))
            for word in analyzer.stem_dependencies(text):
                self._depends.add(word, form)
        return term

    def query_stems(self, forms: Sequence[str]) -> list[str]:
        """The stem each of a query's distinct forms stands for, decided as if the query were
        indexed: by the words known now and the query's own forms.

        A query of a post the library knows brings no new word, so its forms keep the decisions
        made for the index (remembered); a new word of the query changes only the forms that depend
        on it, which are decided again here (and not remembered: the index does not know the word).
        """
        own = set(forms)
        new_words = [word for word in own if not self.is_known(word)]
        affected: set[int] = set()
        for word in new_words:
            affected |= self._depends.forms_of(word)

        def known(word: str) -> bool:
            return word in own or self.is_known(word)
        stems = []
        for form in forms:
            number = self._form_id.get(form)
            if number is None or number in affected:
                stems.append(analyzer.choose_stem(form, known))
            elif not new_words:
                stems.append(self.terms[self.stem_term(number)])
            else:  # a decision made before counts (its words are all known); a new one may not
                term = self._stem_of.get(number)
                stems.append(analyzer.choose_stem(form, known) if term is None else self.terms[term])
        return stems

    def stems(self, form_ids: np.ndarray) -> np.ndarray:
        """The stem term of each form, remembering which stem each is indexed under."""
        unique = distinct(form_ids)
        table = {int(f): self.stem_term(int(f)) for f in unique}
        self.indexed_stem.update(table)
        lookup = np.zeros(int(unique[-1]) + 1 if len(unique) else 0, dtype=np.int32)
        if len(unique):
            lookup[unique] = np.fromiter(table.values(), dtype=np.int32, count=len(table))
        return lookup[form_ids]

    def term_hashes(self) -> np.ndarray:
        """Each term's `term_hash` (kept as terms come: a term's text never changes)."""
        hashes = self._hash_array
        known = len(hashes)
        if known < len(self.terms):
            more = np.fromiter((term_hash(text) for text in self.terms[known:]), dtype=np.int64,
                               count=len(self.terms) - known)
            hashes = self._hash_array = np.concatenate([hashes, more])
        return hashes

    def roots(self) -> np.ndarray:
        """Each term's inflection root term, or -1 (a term's root never changes: only new terms are added)."""
        known = len(self._root_array)
        if known < len(self._term_root):
            more = np.asarray(self._term_root[known:], dtype=np.int32)
            self._root_array = np.concatenate([self._root_array, more])
        return self._root_array


def term_hash(text: str) -> int:
    """A term's text as a signed 64-bit number (what the kept suggestions compare rows by)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little", signed=True)


def distinct(values: np.ndarray) -> np.ndarray:
    """The sorted distinct values of an array: `np.unique(values)` without the masked-array check that
    imports numpy.ma the first time (15-40 ms of an export after one change)."""
    ordered = np.sort(values, kind="stable")
    if len(ordered) < 2:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def derive_terms(lexicon: Lexicon, forms: np.ndarray, counts: np.ndarray, owner: np.ndarray, rows: int
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The weighted terms of many posts at once from their forms (`owner` says whose each form is,
    posts in order): each post's stems in the order they first occur, then its inflection roots
    likewise, each with its saturated weight; returns terms, weights (float32), each post's entry
    count and its norm (the length of its saturated weights, 1.0 for none)."""
    stems = lexicon.stems(forms)
    size = len(lexicon.terms) + 1
    stem_owner, stem_terms, stem_sums = _summed(owner, stems, counts.astype(np.float64), size)
    root_of = lexicon.roots()[stem_terms]
    rooted = root_of >= 0
    root_owner, root_terms, root_sums = _summed(stem_owner[rooted], root_of[rooted], stem_sums[rooted], size)
    all_owner = np.concatenate([stem_owner, root_owner])
    order = np.argsort(all_owner, kind="stable")  # each post's stems, then its roots
    terms = np.concatenate([stem_terms, root_terms])[order].astype(np.int32)
    weights = saturated(np.concatenate([stem_sums, root_sums])[order])
    all_owner = all_owner[order]
    lengths = np.bincount(all_owner, minlength=rows)
    wide = weights.astype(np.float64)
    norms = np.sqrt(np.bincount(all_owner, weights=wide * wide, minlength=rows))
    norms[norms == 0.0] = 1.0
    return terms, weights, lengths, norms


def _summed(owner: np.ndarray, keys: np.ndarray, values: np.ndarray, size: int
            ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Values summed by (owner, key), in the order each pair first occurs; each sum adds its values
    in their order, starting from 0.0, as a dict of running sums does."""
    if not len(keys):
        return owner[:0], keys[:0].astype(np.int64), values[:0]
    pairs = owner.astype(np.int64) * size + keys
    unique, first, inverse = np.unique(pairs, return_index=True, return_inverse=True)
    sums = np.bincount(inverse.ravel(), weights=values, minlength=len(unique))
    order = np.argsort(first, kind="stable")
    return owner[first[order]], (unique[order] % size), sums[order]


# Field-weighted counts are sums of quarters (the field weights): as whole quarters they index a table.
_QUARTERS_UP_TO = 1 << 20


def saturated(counts: np.ndarray) -> np.ndarray:
    """Sublinear term frequency, 1 + ln(count) (counts are at least 1: every field weighs at least 1),
    as float32; each distinct count is computed once, with Python's own logarithm."""
    quarters = counts * 4.0
    if len(counts) and float(quarters.max()) < _QUARTERS_UP_TO and bool((quarters == np.floor(quarters)).all()):
        whole = quarters.astype(np.int64)  # the distinct counts found without sorting them
        present = np.zeros(int(whole.max()) + 1, dtype=bool)
        present[whole] = True
        distinct = np.flatnonzero(present)
        table = np.zeros(len(present), dtype=np.float32)
        table[distinct] = [1.0 + math.log(value / 4.0) for value in distinct.tolist()]
        return table[whole]
    unique, inverse = np.unique(counts, return_inverse=True)
    table = np.array([1.0 + math.log(value) for value in unique.tolist()], dtype=np.float32)
    return table[inverse.ravel()]
